// A terminal whose link keeps dropping and coming back, over real TCP: more than the allowed reconnections
// (and refused takeovers) within the window make it flapping, logged once; it is stable again once the
// window has passed without them.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DialInServer, packetFromSetting } from './dial-in-server.ts';

const servers: DialInServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) await server.close();
});

async function dialIn(port: number, registration: string): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(registration);
  return socket;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('a flapping dial-in link', () => {
  it('is flapping after more reconnections than allowed in the window, and stable once they stop', async () => {
    let now = 1_000_000;
    const lines: string[] = [];
    const server = new DialInServer([{ id: 7, registration: packetFromSetting('DTU0007') }], {
      host: '127.0.0.1',
      flap: { reconnects: 2, windowMs: 60_000 },
      log: (line) => lines.push(line),
      now: () => now,
    });
    servers.push(server);
    const port = await server.listen();
    const channel = server.channel(7);
    // The first link is not a reconnection; each of the next three is.
    for (let link = 0; link < 4; link++) {
      const socket = await dialIn(port, 'DTU0007');
      await waitFor(() => channel.isOpen);
      socket.destroy();
      await waitFor(() => !channel.isOpen);
      now += 1000;
      if (link === 2) expect(server.linkFlaps()).toEqual([expect.objectContaining({ flapping: false })]);
    }
    expect(server.linkFlaps()).toEqual([
      { terminalId: 7, flapping: true, reconnects: 3, refusedTakeovers: 0, windowMs: 60_000 },
    ]);
    expect(lines.filter((line) => /terminal 7 is flapping/.test(line))).toHaveLength(1);
    now += 60_000;
    expect(server.linkFlaps()).toEqual([
      { terminalId: 7, flapping: false, reconnects: 0, refusedTakeovers: 0, windowMs: 60_000 },
    ]);
    // Still told that it is stable, so that the alarm can clear whenever its damping time ends.
    now += 60_000;
    expect(server.linkFlaps()).toEqual([expect.objectContaining({ terminalId: 7, flapping: false })]);
  });

  it('counts newcomers refused because the live link is heart-beating toward flapping', async () => {
    const lines: string[] = [];
    const server = new DialInServer([{ id: 8, registration: packetFromSetting('DTU0008') }], {
      host: '127.0.0.1',
      liveWindowMs: 60_000,
      flap: { reconnects: 1, windowMs: 60_000 },
      log: (line) => lines.push(line),
    });
    servers.push(server);
    const port = await server.listen();
    await dialIn(port, 'DTU0008');
    await waitFor(() => server.channel(8).isOpen);
    for (let i = 0; i < 2; i++) {
      const intruder = await dialIn(port, 'DTU0008');
      await new Promise((resolve) => intruder.once('close', resolve));
    }
    expect(server.channel(8).isOpen).toBe(true);
    expect(server.linkFlaps()).toEqual([
      { terminalId: 8, flapping: true, reconnects: 0, refusedTakeovers: 2, windowMs: 60_000 },
    ]);
    expect(lines.some((line) => /terminal 8 is flapping/.test(line))).toBe(true);
  });
});
