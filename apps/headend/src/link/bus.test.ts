import {
  encodeItem,
  type Frame,
  fromHex,
  requestFrame2007,
  responseFrame2007,
  wireTimeMs,
} from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedTerminal, startScriptedTerminal } from '../../test/scripted-terminal.ts';
import { Bus, type BusSettings } from './bus.ts';
import { ExchangeError } from './exchange-error.ts';
import { MeterClient } from './meter-client.ts';
import { TcpClientChannel } from './tcp-client-channel.ts';

const METER = '003411001043';
const FAST: BusSettings = {
  baud: 9600,
  responseDelayBudgetMs: 60,
  linkLatencyMs: 40,
  interFrameGapMs: 5,
  postBroadcastQuietMs: 100,
};

const read = (di = 0x02010100, address = METER): Frame =>
  requestFrame2007({ kind: 'read-data', address, di });
const voltageReply = (address = METER, value = 229.7): Frame =>
  responseFrame2007({
    kind: 'read-data',
    address,
    di: 0x02010100,
    data: encodeItem('2007', 0x02010100, value),
    followUp: false,
  });

const opened: { terminal: ScriptedTerminal; channel: TcpClientChannel; bus: Bus }[] = [];

async function setUp(script: Parameters<typeof startScriptedTerminal>[0], settings: BusSettings = FAST) {
  const terminal = await startScriptedTerminal(script);
  const channel = new TcpClientChannel({
    host: '127.0.0.1',
    port: terminal.port,
    backoff: { initialMs: 20, maxMs: 100 },
  });
  await channel.start();
  const bus = new Bus(channel, settings);
  opened.push({ terminal, channel, bus });
  return { terminal, channel, bus };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExchangeError) return error.reason;
    throw error;
  }
  return 'none';
}

afterEach(async () => {
  for (const { bus, channel, terminal } of opened.splice(0)) {
    bus.close();
    await channel.close();
    await terminal.close();
  }
});

describe('the bus scheduler', () => {
  it('sizes timeouts from the wire time at the port’s baud plus the standard’s response delay', () => {
    const bus = new Bus(new TcpClientChannel({ host: '127.0.0.1', port: 1 }), { baud: 2400 });
    // Request: 4 FE + 12 + 4 (DI); longest reply: 4 FE + 12 + 200; then 500 ms (§5.3.3) and 150 ms of link latency.
    expect(bus.timeoutMs({ frame: read(), edition: '2007' })).toBe(
      Math.ceil(wireTimeMs(20 + 216, 2400) + 500 + 150),
    );
    expect(bus.timeoutMs({ frame: read(), edition: '2007', maxReplyDataLength: 6 })).toBe(
      Math.ceil(wireTimeMs(20 + 22, 2400) + 650),
    );
  });

  it('returns the addressed meter’s reply', async () => {
    const { bus } = await setUp(() => ({ frame: voltageReply() }));
    const reply = await bus.exchange({ frame: read(), edition: '2007' });
    expect(reply.frame?.address).toBe(METER);
    expect(reply.elapsedMs).toBeGreaterThan(0);
  });

  it('adds up the time it is held, exchange and quiet after it, for the bus utilisation metric', async () => {
    const { bus } = await setUp(() => ({ frame: voltageReply(), delayMs: 25 }));
    expect(bus.usage).toEqual({ busyMs: 0, exchanges: 0 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => bus.exchange({ frame: read(), edition: '2007' })));
    // The last exchange's quiet ends after its reply: wait for it, then the bus is idle again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const wall = performance.now() - started;
    const { busyMs, exchanges } = bus.usage;
    expect(exchanges).toBe(4);
    // Each held at least the reply's 25 ms and the 5 ms gap; never more than the time that passed.
    expect(busyMs).toBeGreaterThanOrEqual(4 * 30 - 4);
    expect(busyMs).toBeLessThanOrEqual(wall + 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // Idle time is not busy time.
    expect(bus.usage.busyMs).toBe(busyMs);
  });

  it('never has two exchanges on the wire and keeps the gap between them', async () => {
    const { bus, terminal } = await setUp(() => ({ frame: voltageReply(), delayMs: 25 }));
    await Promise.all(Array.from({ length: 6 }, () => bus.exchange({ frame: read(), edition: '2007' })));
    const arrivals = terminal.received.map((r) => r.at);
    for (let i = 1; i < arrivals.length; i++) {
      // Each request waits for the previous reply (25 ms) and the gap (5 ms).
      expect((arrivals[i] as number) - (arrivals[i - 1] as number)).toBeGreaterThanOrEqual(28);
    }
  });

  it('lets an operator’s request go ahead of scheduled work', async () => {
    const { bus, terminal } = await setUp(() => ({ frame: voltageReply(), delayMs: 20 }));
    const scheduled = [1, 2, 3].map(() => bus.exchange({ frame: read(), edition: '2007' }));
    const operator = bus.exchange({
      frame: read(0x02010100, '000000000001'),
      edition: '2007',
      priority: 'operator',
    });
    await Promise.allSettled([...scheduled, operator]);
    expect(terminal.received.map((r) => r.frame.address)).toEqual([METER, '000000000001', METER, METER]);
  });

  it('times out when nobody answers', async () => {
    const { bus } = await setUp(() => undefined);
    const error = await bus.exchange({ frame: read(), edition: '2007' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'timeout', why: { code: 'timeout', params: {} } });
  });

  it('reports another meter’s reply as out of sync', async () => {
    const { bus } = await setUp(() => ({ frame: voltageReply('000000000009') }));
    expect(await failure(bus.exchange({ frame: read(), edition: '2007' }))).toBe('out-of-sync');
  });

  it('reports a damaged reply at once', async () => {
    const { bus } = await setUp(() => ({
      bytes: fromHex('68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EF 16'),
    }));
    const started = performance.now();
    const error = await bus.exchange({ frame: read(), edition: '2007' }).catch((e: unknown) => e);
    // For people, the damage is named: here the checksum byte (EF where the sum is EE).
    expect(error).toMatchObject({ reason: 'bad-frame', why: { code: 'checksum', params: {} } });
    expect(performance.now() - started).toBeLessThan(bus.timeoutMs({ frame: read(), edition: '2007' }));
  });

  it('accepts a reply split across TCP packets with noise and wake-up bytes before it', async () => {
    const stream = fromHex('00 FE FE 68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EE 16');
    const { bus } = await setUp(() => ({
      chunks: [
        { bytes: stream.subarray(0, 6), delayMs: 5 },
        { bytes: stream.subarray(6, 15), delayMs: 25 },
        { bytes: stream.subarray(15), delayMs: 45 },
      ],
    }));
    const reply = await bus.exchange({ frame: read(), edition: '2007' });
    expect(reply.frame?.address).toBe(METER);
    expect(reply.elapsedMs).toBeGreaterThanOrEqual(40);
  });

  it('fails fast when the link is down, and recovers when the terminal is back', async () => {
    const { bus, terminal, channel } = await setUp(() => ({ frame: voltageReply() }));
    terminal.dropConnections();
    await waitFor(() => !channel.isOpen);
    expect(await failure(bus.exchange({ frame: read(), edition: '2007' }))).toBe('offline');
    await waitFor(() => channel.isOpen);
    const reply = await bus.exchange({ frame: read(), edition: '2007' });
    expect(reply.frame?.address).toBe(METER);
  });

  it('fails the exchange in flight when the link drops', async () => {
    const { bus, terminal } = await setUp((_, index) => {
      if (index === 0) setTimeout(() => terminal.dropConnections(), 10);
      return undefined;
    });
    expect(await failure(bus.exchange({ frame: read(), edition: '2007' }))).toBe('offline');
  });

  it('expects no reply to a broadcast and keeps the bus quiet after it', async () => {
    const { bus, terminal } = await setUp(() => ({ frame: voltageReply() }));
    const time = { year: 2026, month: 11, day: 22, hour: 8, minute: 0, second: 0 };
    const sync = await bus.exchange({
      frame: requestFrame2007({ kind: 'broadcast-time-sync', time }),
      edition: '2007',
    });
    expect(sync.frame).toBeUndefined();
    await bus.exchange({ frame: read(), edition: '2007' });
    const [first, second] = terminal.received.map((r) => r.at);
    expect((second as number) - (first as number)).toBeGreaterThanOrEqual(95);
  });

  it('cancels queued exchanges when closed', async () => {
    const { bus } = await setUp(() => ({ frame: voltageReply(), delayMs: 30 }));
    const first = bus.exchange({ frame: read(), edition: '2007' });
    const second = failure(bus.exchange({ frame: read(), edition: '2007' }));
    bus.close();
    await first;
    expect(await second).toBe('cancelled');
  });
});

describe('the meter client', () => {
  it('retries a lost reply and counts the attempts', async () => {
    const { bus } = await setUp((_, index) => (index === 0 ? undefined : { frame: voltageReply() }));
    const result = await new MeterClient(bus).read({ address: METER, edition: '2007' }, 0x02010100);
    expect(result.item.value).toBe(229.7);
    expect(result.attempts).toBe(2);
  });

  it('does not retry a meter that refuses, and says why', async () => {
    const { bus, terminal } = await setUp(() => ({
      frame: responseFrame2007({
        kind: 'abnormal',
        address: METER,
        function: 'read-data',
        errorWord: 0x02,
        reasons: ['no-data'],
      }),
    }));
    const error = await new MeterClient(bus)
      .read({ address: METER, edition: '2007' }, 0x02010200)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).reason).toBe('device-error');
    expect((error as ExchangeError).deviceReasons).toEqual(['no-data']);
    expect((error as ExchangeError).why).toEqual({
      code: 'item-refused',
      params: { item: '02010200', errors: ['no-data'] },
    });
    expect(terminal.received).toHaveLength(1);
  });

  it('gives up after the bounded number of attempts', async () => {
    const { bus, terminal } = await setUp(() => undefined);
    expect(
      await failure(
        new MeterClient(bus, { attempts: 2 }).read({ address: METER, edition: '2007' }, 0x02010100),
      ),
    ).toBe('timeout');
    expect(terminal.received).toHaveLength(2);
  });

  it('follows a reply that continues in follow-up frames', async () => {
    const energies = [12345.67, 1234.56, 3456.78, 4567.89, 3086.44, 1, 2, 3];
    const data = encodeItem('2007', 0x0001ff00, energies);
    const { bus } = await setUp((request) =>
      request.control.functionCode === 0x11
        ? {
            frame: responseFrame2007({
              kind: 'read-data',
              address: METER,
              di: 0x0001ff00,
              data: data.subarray(0, 20),
              followUp: true,
            }),
          }
        : {
            frame: responseFrame2007({
              kind: 'read-follow-up',
              address: METER,
              di: 0x0001ff00,
              data: data.subarray(20),
              seq: 1,
              followUp: false,
            }),
          },
    );
    const result = await new MeterClient(bus).read({ address: METER, edition: '2007' }, 0x0001ff00);
    expect(result.item.value).toEqual(energies);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
