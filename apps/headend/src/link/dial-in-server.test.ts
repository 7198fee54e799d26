import { connect, type Socket } from 'node:net';
import { Deframer, encodeFrame, encodeItem, responseFrame2007 } from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Bus } from './bus.ts';
import { DialInServer, type DialInTerminal, packetFromSetting } from './dial-in-server.ts';
import { MeterClient } from './meter-client.ts';

const METER = '003411001043';
const servers: DialInServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) await server.close();
});

async function serve(terminals: DialInTerminal[], onUnknown?: (peer: string) => void) {
  const server = new DialInServer(terminals, {
    host: '127.0.0.1',
    registrationTimeoutMs: 300,
    ...(onUnknown ? { onUnknown } : {}),
  });
  servers.push(server);
  return { server, port: await server.listen() };
}

/** A DTU: dials in, sends its registration, then passes meter requests to a meter that answers 229.7 V. */
async function dialIn(port: number, registration: string): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(registration);
  const deframer = new Deframer();
  socket.on('data', (chunk) => {
    for (const event of deframer.push(chunk)) {
      if (event.kind !== 'frame') continue;
      const reply = responseFrame2007({
        kind: 'read-data',
        address: METER,
        di: 0x02010100,
        data: encodeItem('2007', 0x02010100, 229.7),
        followUp: false,
      });
      socket.write(encodeFrame(reply));
    }
  });
  return socket;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('dial-in terminals', () => {
  it('are recognised by their registration packet and read like any bus', async () => {
    const { server, port } = await serve([
      { id: 1, registration: packetFromSetting('DTU0001') },
      { id: 2, registration: packetFromSetting('hex:7E 00 02') },
    ]);
    await dialIn(port, 'DTU0001');
    const channel = server.channel(1);
    await waitFor(() => channel.isOpen);
    expect(server.channel(2).isOpen).toBe(false);
    const result = await new MeterClient(new Bus(channel, { baud: 2400 })).read(
      { address: METER, edition: '2007' },
      0x02010100,
    );
    expect(result.item.value).toBe(229.7);
  });

  it('are recognised by their peer address', async () => {
    const { server, port } = await serve([{ id: 3, peerAddress: '127.0.0.1' }]);
    await dialIn(port, '');
    await waitFor(() => server.channel(3).isOpen);
  });

  it('turn away a connection nobody configured', async () => {
    const unknown: string[] = [];
    const { port } = await serve([{ id: 1, registration: packetFromSetting('DTU0001') }], (peer) =>
      unknown.push(peer),
    );
    const socket = await dialIn(port, 'INTRUDER');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(unknown).toEqual(['127.0.0.1']);
  });

  it('answer heartbeats, keep them out of the meter data, and drop a terminal that falls silent', async () => {
    const heartbeat = {
      packet: packetFromSetting('hex:FE FE AA'),
      reply: packetFromSetting('OK'),
      intervalMs: 60,
      missedLimit: 2,
    };
    const { server, port } = await serve([{ id: 1, registration: packetFromSetting('DTU0001'), heartbeat }]);
    const socket = await dialIn(port, 'DTU0001');
    const channel = server.channel(1);
    await waitFor(() => channel.isOpen);
    const seen: Uint8Array[] = [];
    channel.onData((chunk) => seen.push(chunk));
    const answers: string[] = [];
    socket.on('data', (chunk) => answers.push(chunk.toString()));
    socket.write(heartbeat.packet);
    await waitFor(() => answers.includes('OK'));
    expect(seen).toHaveLength(0);
    const reasons: string[] = [];
    channel.onDown((reason) => reasons.push(reason));
    await waitFor(() => !channel.isOpen);
    expect(reasons[0]).toMatch(/no heartbeat/);
  });

  it('take the new connection when a terminal dials in again', async () => {
    const { server, port } = await serve([{ id: 1, registration: packetFromSetting('DTU0001') }]);
    const first = await dialIn(port, 'DTU0001');
    await waitFor(() => server.channel(1).isOpen);
    await dialIn(port, 'DTU0001');
    await new Promise((resolve) => first.once('close', resolve));
    await waitFor(() => server.channel(1).isOpen);
  });
});
