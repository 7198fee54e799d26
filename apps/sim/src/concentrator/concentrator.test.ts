// The concentrator over real TCP against a small master station written with the codec: dial-in, login,
// heartbeat, meter table, current and frozen energies, forwarding, trip, events, multi-frame answers and a
// redial after a dropped link.
import {
  decodeFrame,
  decodeItem,
  encodeFrame,
  parseResponse2007,
  q1376,
  requestFrame2007,
} from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestStation } from '../../test/station-1376.ts';
import { SimMeter } from '../meter/meter.ts';
import { meterConfig } from '../meter/meter-config.ts';
import { DAY_MS, fromMeterDateTime } from '../time/local-time.ts';
import { ManualClock } from '../time/sim-clock.ts';
import { Concentrator } from './concentrator.ts';
import { Uplink, type UplinkOptions } from './uplink.ts';

const START = fromMeterDateTime({ year: 2026, month: 11, day: 29, hour: 12 }, 480);
const AREA = '3201';
const TERMINAL = 17;

function meterEntry(index: number, point: number, address: string): q1376.MeterEntry {
  return {
    index,
    point,
    port: 31,
    baud: 0,
    protocol: q1376.METER_PROTOCOL.dlt645_2007,
    address,
    password: 0,
    tariffCount: 4,
    integerDigits: 6,
    decimalDigits: 2,
    collectorAddress: '000000000000',
    userClass: 5,
    userSubclass: 1,
  };
}

let station: TestStation | undefined;
let uplink: Uplink | undefined;

afterEach(async () => {
  await uplink?.stop();
  await station?.close();
  uplink = undefined;
  station = undefined;
});

async function setUp(options: Partial<UplinkOptions> = {}) {
  const clock = new ManualClock(START);
  const meters = ['000000000101', '000000000102', '000000000103', '000000000199'].map(
    (address, i) =>
      new SimMeter(meterConfig({ address, seed: i + 1, initialEnergyWh: 1_000_000 * (i + 1) }), START),
  );
  const concentrator = new Concentrator({
    area: AREA,
    terminal: TERMINAL,
    clock,
    meters: meters.map((meter) => ({ meter })),
    signalDbm: -71,
  });
  const test = new TestStation(AREA, TERMINAL);
  station = test;
  const port = await test.listen();
  const link = new Uplink(concentrator, {
    host: '127.0.0.1',
    port,
    heartbeatMs: 40,
    reconnectDelayMs: 20,
    ...options,
  });
  uplink = link;
  link.start();
  await link.waitFor('online');
  return { clock, meters, concentrator, station: test, link };
}

describe('concentrator over TCP', () => {
  it('dials in, logs in, beats, takes its meter table and answers from what it read', async () => {
    const { clock, meters, concentrator, station, link } = await setUp();
    expect(station.logins).toHaveLength(1);
    expect(station.logins[0]?.frame.address).toMatchObject({ area: AREA, terminal: TERMINAL });
    expect(station.logins[0]?.frame.sequence.confirm).toBe(true);
    await station.until(() => link.stats.heartbeatsConfirmed >= 2, 'two confirmed heartbeats');
    expect(station.heartbeats[0]?.units[0]?.kind).toBe('heartbeat');

    // The meter table: three of the four meters behind it; the fourth is one it finds by itself.
    const set = await station.ask(
      q1376.AFN.setParameters,
      [
        {
          kind: 'meter-table',
          point: 0,
          fn: 10,
          meters: meters.slice(0, 3).map((m, i) => meterEntry(i + 1, i + 1, m.address)),
        },
      ],
      10,
    );
    expect(set[0]?.units[0]?.kind).toBe('confirm-all');
    const back = await station.ask(q1376.AFN.queryParameters, [
      { kind: 'meter-table-query', point: 0, fn: 10, indexes: [1, 2, 3] },
    ]);
    const table = back[0]?.units[0];
    expect(table?.kind === 'meter-table' ? table.meters.map((m) => [m.point, m.address]) : undefined).toEqual(
      [
        [1, '000000000101'],
        [2, '000000000102'],
        [3, '000000000103'],
      ],
    );

    // Two days on, it reads its meters.
    clock.advance(2 * DAY_MS);
    expect(concentrator.readRound()).toEqual({ read: 3, failed: 0 });
    const now = await station.ask(
      q1376.AFN.class1Data,
      [1, 2, 3, 4].map((point) => ({ kind: 'query' as const, point, fn: 129 })),
    );
    const current = now.flatMap((m) => m.units);
    for (const [i, meter] of meters.slice(0, 3).entries()) {
      const unit = current[i];
      expect(unit?.kind).toBe('current-forward-active');
      if (unit?.kind !== 'current-forward-active') continue;
      expect(unit.point).toBe(i + 1);
      // Read through DL/T 645: 0.01 kWh, so 10 Wh steps.
      expect(unit.forwardActiveDeciWh.total).toBe(Math.floor(meter.registers.total(0) / 10) * 100);
      expect(unit.forwardActiveDeciWh.total).toBeGreaterThan(10_000_000 * (i + 1));
    }
    // Point 4 is not in the table: EE.
    expect(current[3]).toMatchObject({ point: 4, readAt: null, forwardActiveDeciWh: { total: null } });

    // Daily freezes of yesterday for several points, in one answer.
    const yesterday = { year: 2026, month: 11, day: 30 };
    const daily = await station.ask(
      q1376.AFN.class2Data,
      [1, 2, 3].map((point) => ({ kind: 'daily-query' as const, point, fn: 161, day: yesterday })),
    );
    const freezes = daily.flatMap((m) => m.units);
    expect(freezes).toHaveLength(3);
    for (const [i, meter] of meters.slice(0, 3).entries()) {
      const unit = freezes[i];
      const midnight = fromMeterDateTime({ year: 2026, month: 12, day: 1 }, 480);
      const freeze = meter.records.dailyFreezes.all().find((f) => f.timeMs === midnight);
      expect(unit?.kind === 'daily-forward-active' ? unit.forwardActiveDeciWh.total : undefined).toBe(
        Math.floor((freeze?.energies[0]?.[0] ?? -1) / 10) * 100,
      );
      expect(unit).toMatchObject({
        day: yesterday,
        readAt: { year: 2026, month: 12, day: 1, hour: 0, minute: 0 },
      });
    }

    // 10 F1: a DL/T 645 read forwarded to meter 102, its answer returned as it came.
    const read645 = encodeFrame(
      requestFrame2007({ kind: 'read-data', address: '000000000102', di: 0x00010000 }),
    );
    const forwarded = await station.ask(
      q1376.AFN.forward,
      [
        {
          kind: 'forward-request',
          point: 0,
          fn: 1,
          port: 31,
          serial: { baud: 2400, stopBits: 1, parity: 'even', dataBits: 8 },
          frameTimeout: { count: 2, unit: 's' },
          byteTimeout10Ms: 10,
          content: read645,
        },
      ],
      10,
    );
    const reply = forwarded[0]?.units[0];
    expect(reply?.kind).toBe('forward-reply');
    if (reply?.kind === 'forward-reply') {
      const response = parseResponse2007(decodeFrame(reply.content));
      expect(response.kind).toBe('read-data');
      if (response.kind === 'read-data')
        expect(Math.round(Number(decodeItem('2007', 0x00010000, response.data).value) * 100)).toBe(
          Math.floor((meters[1]?.registers.total(0) ?? 0) / 10),
        );
    }

    // 05 F1 trips the meter of point 2, F2 allows it to close.
    const trip = await station.ask(
      q1376.AFN.control,
      [{ kind: 'trip', point: 2, fn: 1, limitHalfHours: 0, alarmDelayMinutes: 0 }],
      10,
    );
    expect(trip[0]?.units[0]?.kind).toBe('confirm-all');
    expect(meters[1]?.relayOpen).toBe(true);
    await station.ask(q1376.AFN.control, [{ kind: 'allow-close', point: 2, fn: 2 }], 10);
    expect(meters[1]?.relayOpen).toBe(false);

    // ACD and EC on its answers tell the master station it has an important event unread.
    const flagged = await station.ask(q1376.AFN.class1Data, [{ kind: 'query', point: 0, fn: 2 }]);
    expect(flagged[0]?.frame.control.accessDemand).toBe(true);
    expect(flagged[0]?.frame.eventCounters).toEqual({ important: 1, normal: 0 });
    // 0E F1: the meter it found that is not in its table (ERC 35).
    const events = await station.ask(q1376.AFN.class3Data, [
      { kind: 'events-query', point: 0, fn: 1, from: 0, to: 255 },
    ]);
    const records = events[0]?.units[0];
    expect(records?.kind === 'events' ? records.records : undefined).toEqual([
      {
        kind: 'unknown-meters',
        erc: 35,
        at: { year: 2026, month: 12, day: 1, hour: 12, minute: 0 },
        port: 31,
        meters: [{ address: '000000000199', phases: 1, signalQuality: 12, protocol: 30 }],
      },
    ]);

    // Read: no more EC.
    const cleared = await station.ask(q1376.AFN.class1Data, [{ kind: 'query', point: 0, fn: 2 }]);
    expect(cleared[0]?.frame.control.accessDemand).toBe(false);
    expect(cleared[0]?.frame.eventCounters).toBeUndefined();
    // 0C F2 after 05 F31: the clock it was given.
    await station.ask(
      q1376.AFN.control,
      [
        {
          kind: 'time-sync',
          point: 0,
          fn: 31,
          time: { year: 2026, month: 12, day: 1, hour: 12, minute: 30, second: 0, weekday: 2 },
        },
      ],
      10,
    );
    const clockAnswer = await station.ask(q1376.AFN.class1Data, [{ kind: 'query', point: 0, fn: 2 }]);
    expect(clockAnswer[0]?.units[0]).toMatchObject({
      kind: 'terminal-clock',
      time: { hour: 12, minute: 30, second: 0 },
    });
  });

  it('splits a long answer into frames numbered from RSEQ, FIR on the first and FIN on the last', async () => {
    const { meters, concentrator, station } = await setUp({ maxFrameBytes: 60 });
    concentrator.setMeterTable(meters.slice(0, 3).map((m, i) => meterEntry(i + 1, i + 1, m.address)));
    concentrator.readRound();
    await station.ask(q1376.AFN.class1Data, [{ kind: 'query', point: 0, fn: 2 }]);
    const frames = await station.ask(
      q1376.AFN.class1Data,
      [1, 2, 3].map((point) => ({ kind: 'query' as const, point, fn: 129 })),
    );
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.map((m) => [m.frame.sequence.first, m.frame.sequence.final])).toEqual(
      frames.map((_, i) => [i === 0, i === frames.length - 1]),
    );
    expect(frames.map((m) => m.frame.sequence.number)).toEqual(frames.map((_, i) => (1 + i) % 16));
    expect(frames.flatMap((m) => m.units.map((u) => u.point))).toEqual([1, 2, 3]);
  });

  it('redials and logs in again after the link drops, and after an unconfirmed login', async () => {
    const { station, link } = await setUp();
    station.socket?.destroy();
    await station.until(() => station.logins.length === 2 && link.state === 'online', 'a second login');
    expect(station.connections).toBe(2);
    station.confirmLogins = false;
    link.drop();
    await station.until(() => station.logins.length === 3, 'a third login');
    expect(link.state).toBe('logging-in');
    station.confirmLogins = true;
    link.drop();
    await station.until(() => link.state === 'online', 'back online', 5_000);
    expect(link.stats.logins).toBe(3);
  });

  it('honours CON: a request it does not serve is denied when a confirm is asked for; Tp comes back', async () => {
    const { station } = await setUp();
    const reset: q1376.DataUnit = { kind: 'unknown', point: 0, fn: 1, raw: new Uint8Array(0) };
    const denied = await station.ask(q1376.AFN.reset, [reset], 1, { confirm: true });
    expect(denied[0]?.frame.afn).toBe(q1376.AFN.confirm);
    expect(denied[0]?.units[0]?.kind).toBe('deny-all');
    const before = station.answers.length;
    await expect(station.ask(q1376.AFN.reset, [reset], 1, { timeoutMs: 300 })).rejects.toThrow(/timed out/);
    expect(station.answers.length).toBe(before);
    const timeTag = {
      frameCounter: 9,
      sentAt: { day: 1, hour: 12, minute: 0, second: 0 },
      allowedDelayMinutes: 5,
    };
    const tagged = await station.ask(q1376.AFN.class1Data, [{ kind: 'query', point: 0, fn: 2 }], 11, {
      timeTag,
    });
    expect(tagged[0]?.frame.timeTag).toEqual(timeTag);
  });

  it('takes its heartbeat period from 04 F1', async () => {
    const { station, link } = await setUp();
    expect(link.heartbeatMs).toBe(40);
    const set = await station.ask(
      q1376.AFN.setParameters,
      [
        {
          kind: 'uplink-parameters',
          point: 0,
          fn: 1,
          rtsDelay20Ms: 0,
          initiatorDelayMinutes: 0,
          responseTimeoutS: 30,
          retries: 1,
          confirmClass1: false,
          confirmClass2: false,
          confirmClass3: false,
          heartbeatMinutes: 2,
        },
      ],
      10,
    );
    expect(set[0]?.units[0]?.kind).toBe('confirm-all');
    // A manual clock runs at real speed: two simulated minutes are two real ones.
    expect(link.heartbeatMs).toBe(120_000);
    const beats = station.heartbeats.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(station.heartbeats.length).toBe(beats);
  });

  it('models a GPRS link that drops: it redials and logs in again by itself', async () => {
    const { station, link } = await setUp({ dropRate: 0.3, seed: 4 });
    await station.until(() => link.stats.drops >= 2 && link.stats.logins >= 3, 'drops and logins', 8_000);
    expect(station.connections).toBeGreaterThanOrEqual(3);
  });

  it('models a GPRS link: its latency delays every frame', async () => {
    const started = Date.now();
    const { station } = await setUp({ latencyMs: 150 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const asked = Date.now();
    await station.ask(q1376.AFN.class1Data, [{ kind: 'query', point: 0, fn: 2 }]);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(140);
  });
});
