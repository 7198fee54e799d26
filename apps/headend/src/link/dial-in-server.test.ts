import { connect, type Socket } from 'node:net';
import { Deframer, encodeFrame, encodeItem, responseFrame2007 } from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Bus } from './bus.ts';
import {
  type DialInOptions,
  DialInServer,
  type DialInTerminal,
  dialInDefaults,
  identificationClashes,
  packetFromSetting,
} from './dial-in-server.ts';
import { MeterClient } from './meter-client.ts';

const METER = '003411001043';
const servers: DialInServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) await server.close();
});

async function serve(
  terminals: DialInTerminal[],
  onUnknown?: (peer: string) => void,
  options: DialInOptions = {},
) {
  const server = new DialInServer(terminals, {
    host: '127.0.0.1',
    registrationTimeoutMs: 300,
    ...(onUnknown ? { onUnknown } : {}),
    ...options,
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

  it('take the new connection when a terminal dials in again after its old link fell silent', async () => {
    const { server, port } = await serve([{ id: 1, registration: packetFromSetting('DTU0001') }], undefined, {
      liveWindowMs: 50,
    });
    const first = await dialIn(port, 'DTU0001');
    await waitFor(() => server.channel(1).isOpen);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await dialIn(port, 'DTU0001');
    await new Promise((resolve) => first.once('close', resolve));
    await waitFor(() => server.channel(1).isOpen);
    expect(server.counters.replaced).toBe(1);
  });
});

/** Resolves once the socket is closed, with the bytes it received. */
function closed(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk.toString('latin1');
  });
  return new Promise((resolve) => socket.once('close', () => resolve(text)));
}

describe('the dial-in port', () => {
  it('does not let a replayed registration displace a live, heart-beating link', async () => {
    const heartbeat = { packet: packetFromSetting('HB'), intervalMs: 1000 };
    const lines: string[] = [];
    const { server, port } = await serve(
      [{ id: 1, registration: packetFromSetting('DTU0001'), heartbeat }],
      undefined,
      { liveWindowMs: 60_000, log: (line) => lines.push(line) },
    );
    const genuine = await dialIn(port, 'DTU0001');
    const channel = server.channel(1);
    await waitFor(() => channel.isOpen);
    genuine.write('HB');
    const intruder = await dialIn(port, 'DTU0001');
    const intruderSaw = closed(intruder);
    // The intruder is turned away and sees none of the head-end's frames; the genuine link still reads.
    await intruderSaw;
    expect(genuine.destroyed).toBe(false);
    const result = await new MeterClient(new Bus(channel, { baud: 2400 })).read(
      { address: METER, edition: '2007' },
      0x02010100,
    );
    expect(result.item.value).toBe(229.7);
    expect(await Promise.race([intruderSaw, Promise.resolve('')])).toBe('');
    // A flapping terminal (or an attacker retrying) is counted and logged every time.
    await closed(await dialIn(port, 'DTU0001'));
    expect(server.counters.refusedLive).toBe(2);
    expect(server.refusedTakeovers(1)).toBe(2);
    expect(lines.filter((line) => /refused .* as terminal 1: its link .* is live/.test(line))).toHaveLength(
      2,
    );
  });

  it('matches registrations exactly: DTU10 does not land on DTU1', async () => {
    const { server, port } = await serve([
      { id: 1, registration: packetFromSetting('DTU1') },
      { id: 10, registration: packetFromSetting('DTU10') },
      { id: 2, registration: packetFromSetting('DTU2') },
      { id: 20, registration: packetFromSetting('DTU20X') },
    ]);
    // Terminals 2 and 20 cannot be told apart, so neither is matched; 1 and 10 likewise.
    const socket = await dialIn(port, 'DTU10');
    await closed(socket);
    expect(server.channel(1).isOpen).toBe(false);
    expect(server.channel(10).isOpen).toBe(false);
    expect(server.counters.unknown).toBe(1);
  });

  it('tells clashing registrations and peer addresses at configuration time', () => {
    const clashes = identificationClashes([
      { id: 1, registration: packetFromSetting('DTU1') },
      { id: 10, registration: packetFromSetting('DTU10') },
      { id: 3, registration: packetFromSetting('DTU3') },
      { id: 4, registration: packetFromSetting('DTU3') },
      { id: 5, registration: packetFromSetting('DTU5') },
      { id: 6, peerAddress: '10.0.0.1' },
      { id: 7, peerAddress: '::ffff:10.0.0.1' },
    ]);
    expect([...clashes.keys()].sort((a, b) => a - b)).toEqual([1, 3, 4, 6, 7, 10]);
    expect(clashes.get(1)).toMatch(/begins terminal 10/);
  });

  it('still identifies terminals whose registrations are distinct', async () => {
    const { server, port } = await serve([
      { id: 1, registration: packetFromSetting('DTU01') },
      { id: 10, registration: packetFromSetting('DTU10') },
    ]);
    await dialIn(port, 'DTU10');
    await waitFor(() => server.channel(10).isOpen);
    expect(server.channel(1).isOpen).toBe(false);
  });

  it('refuses the connection beyond the overall cap and beyond the per-address cap', async () => {
    const lines: string[] = [];
    const { server, port } = await serve([{ id: 1, registration: packetFromSetting('DTU0001') }], undefined, {
      registrationTimeoutMs: 5000,
      maxConnections: 3,
      log: (line) => lines.push(line),
    });
    const held = [await dialIn(port, ''), await dialIn(port, ''), await dialIn(port, '')];
    await waitFor(() => server.counters.accepted === 3);
    await closed(await dialIn(port, ''));
    expect(server.counters.refusedOverall).toBe(1);
    for (const socket of held) expect(socket.destroyed).toBe(false);
    expect(lines.some((line) => /cap/.test(line))).toBe(true);

    const perAddress = await serve([{ id: 1, registration: packetFromSetting('DTU0001') }], undefined, {
      registrationTimeoutMs: 5000,
      maxPerAddress: 2,
    });
    await dialIn(perAddress.port, '');
    await dialIn(perAddress.port, '');
    await closed(await dialIn(perAddress.port, ''));
    expect(perAddress.server.counters.refusedPerAddress).toBe(1);
  });

  it('closes a silent connection at the identification deadline, counted and logged', async () => {
    const lines: string[] = [];
    const { server, port } = await serve([{ id: 1, registration: packetFromSetting('DTU0001') }], undefined, {
      registrationTimeoutMs: 150,
      log: (line) => lines.push(line),
    });
    const started = Date.now();
    await closed(await dialIn(port, 'DTU'));
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(2000);
    expect(server.counters.timedOut).toBe(1);
    expect(lines.some((line) => /not identified within 150 ms/.test(line))).toBe(true);
  });

  it('is safe by default: loopback only, a few seconds to identify, a window that protects a live link', () => {
    expect(dialInDefaults.host).toBe('127.0.0.1');
    expect(dialInDefaults.registrationTimeoutMs).toBeLessThanOrEqual(5000);
    expect(dialInDefaults.liveWindowMs).toBeGreaterThan(0);
  });

  it('counts and logs unknown registrations', async () => {
    const lines: string[] = [];
    const { server, port } = await serve([{ id: 1, registration: packetFromSetting('DTU0001') }], undefined, {
      log: (line) => lines.push(line),
    });
    await closed(await dialIn(port, 'NOPE'));
    await closed(await dialIn(port, 'DTU0002'));
    expect(server.counters.unknown).toBe(2);
    expect(lines.filter((line) => /unknown registration/.test(line))).toHaveLength(2);
  });
});
