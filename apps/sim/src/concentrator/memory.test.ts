// What the concentrator keeps and answers, without the link: freezes kept 31 days and 12 months, EE for a
// meter it could not read, the events it observes.
import { q1376 } from '@openami/protocol';
import { describe, expect, it } from 'vitest';
import { SimMeter } from '../meter/meter.ts';
import { meterConfig } from '../meter/meter-config.ts';
import { setCoverOpen, setPowerDown } from '../meter/scenarios.ts';
import { DAY_MS, fromMeterDateTime, MINUTE_MS } from '../time/local-time.ts';
import { ManualClock } from '../time/sim-clock.ts';
import { Concentrator, MAX_POINTS } from './concentrator.ts';

const START = fromMeterDateTime({ year: 2026, month: 9, day: 20, hour: 6 }, 480);

function row(index: number, point: number, address: string): q1376.MeterEntry {
  return {
    index,
    point,
    port: 31,
    baud: 0,
    protocol: 30,
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

function setUp(lossRate = 0) {
  const clock = new ManualClock(START);
  const meter = new SimMeter(meterConfig({ address: '000000000201', seed: 9 }), START);
  const concentrator = new Concentrator({
    area: '3201',
    terminal: 5,
    clock,
    meters: [{ meter }],
    channel: { lossRate, seed: 3 },
  });
  concentrator.setMeterTable([row(1, 1, meter.address)]);
  return { clock, meter, concentrator };
}

function ask(concentrator: Concentrator, afn: number, units: q1376.DataUnit[]): q1376.DataUnit[] {
  return [...(concentrator.answer(afn, units, 1)?.units ?? [])];
}

describe('concentrator memory', () => {
  it('keeps 31 daily and 12 monthly freezes, with consumptions, and the F33 registers', () => {
    const { clock, meter, concentrator } = setUp();
    // Read once a day for 45 days.
    for (let day = 0; day < 45; day++) {
      clock.advance(DAY_MS);
      concentrator.readRound();
    }
    const state = concentrator.state();
    expect(state.points[0]).toMatchObject({ point: 1, dailyFreezes: 31, monthlyFreezes: 2 });
    const [oct31, nov1] = ask(concentrator, q1376.AFN.class2Data, [
      { kind: 'daily-query', point: 1, fn: 161, day: { year: 2026, month: 10, day: 31 } },
      { kind: 'daily-query', point: 1, fn: 161, day: { year: 2026, month: 11, day: 1 } },
    ]);
    const total = (unit: q1376.DataUnit | undefined) =>
      unit !== undefined && 'forwardActiveDeciWh' in unit ? unit.forwardActiveDeciWh.total : undefined;
    expect(total(oct31)).toBeTypeOf('number');
    const [f5] = ask(concentrator, q1376.AFN.class2Data, [
      { kind: 'daily-query', point: 1, fn: 5, day: { year: 2026, month: 11, day: 1 } },
    ]);
    expect(total(f5)).toBe((total(nov1) as number) - (total(oct31) as number));
    // Older than 31 days: no data.
    const [old] = ask(concentrator, q1376.AFN.class2Data, [
      { kind: 'daily-query', point: 1, fn: 161, day: { year: 2026, month: 9, day: 25 } },
    ]);
    expect(old).toMatchObject({ readAt: null, forwardActiveDeciWh: { total: null } });
    // October's monthly freeze is November 1st's settlement.
    const settlement = meter.records.settlements
      .all()
      .find((f) => f.timeMs === fromMeterDateTime({ year: 2026, month: 11, day: 1 }, 480));
    const [september, october, october21] = ask(concentrator, q1376.AFN.class2Data, [
      { kind: 'monthly-query', point: 1, fn: 177, month: { year: 2026, month: 9 } },
      { kind: 'monthly-query', point: 1, fn: 177, month: { year: 2026, month: 10 } },
      { kind: 'monthly-query', point: 1, fn: 21, month: { year: 2026, month: 10 } },
    ]);
    expect(total(october)).toBe(Math.floor((settlement?.energies[0]?.[0] ?? -1) / 10) * 100);
    expect(total(october21)).toBe((total(october) as number) - (total(september) as number));
    expect(total(october21)).toBeGreaterThan(0);
    expect(october21).toMatchObject({ kind: 'monthly-forward-active-consumption' });
    const [f33] = ask(concentrator, q1376.AFN.class1Data, [{ kind: 'query', point: 1, fn: 33 }]);
    expect(f33).toMatchObject({ kind: 'current-forward-registers' });
    if (f33?.kind === 'current-forward-registers') {
      expect(f33.forwardActiveDeciWh.total).toBe(Math.floor(meter.registers.total(0) / 10) * 100);
      expect(f33.quadrant1ReactiveDeciVarh.total).toBe(Math.floor(meter.registers.total(2) / 10) * 100);
    }
    // The answers encode as 1376.1 frames.
    expect(() => q1376.encodeUnits(q1376.AFN.class1Data, 'up', [f33 as q1376.DataUnit])).not.toThrow();
  });

  it('answers EE for a meter its lossy channel never reached', () => {
    const { clock, concentrator } = setUp(1);
    clock.advance(DAY_MS);
    expect(concentrator.readRound()).toEqual({ read: 0, failed: 1 });
    const [unit] = ask(concentrator, q1376.AFN.class1Data, [{ kind: 'query', point: 1, fn: 129 }]);
    expect(unit).toEqual({
      kind: 'current-forward-active',
      point: 1,
      fn: 129,
      readAt: null,
      forwardActiveDeciWh: { total: null, tariffs: [null, null, null, null] },
    });
    const bytes = q1376.encodeUnits(q1376.AFN.class1Data, 'up', [unit as q1376.DataUnit]);
    expect([...bytes.slice(4 + 5)].every((b) => b === 0xee || b === 4)).toBe(true);
    expect(concentrator.state().channel).toEqual({ exchanges: 1, lost: 1 });
  });

  it('records its own power loss (ERC 14), a meter power-off (ERC 13) and a meter cover opened (ERC 37)', () => {
    const { clock, meter, concentrator } = setUp();
    concentrator.readRound();
    concentrator.powerOff();
    clock.advance(10 * MINUTE_MS);
    concentrator.powerOn();
    setPowerDown(meter, clock.now(), true);
    clock.advance(MINUTE_MS);
    setPowerDown(meter, clock.now(), false);
    setCoverOpen(meter, clock.now(), 'meter', true);
    clock.advance(MINUTE_MS);
    concentrator.readRound();
    const [events] = ask(concentrator, q1376.AFN.class3Data, [
      { kind: 'events-query', point: 0, fn: 1, from: 0, to: 10 },
    ]);
    expect(events?.kind).toBe('events');
    if (events?.kind !== 'events') return;
    expect(events.counter).toBe(3);
    expect(events.to).toBe(3);
    expect(events.records.map((r) => r.erc)).toEqual([14, 37, 13]);
    expect(events.records[0]).toMatchObject({
      offAt: { year: 2026, month: 9, day: 20, hour: 6, minute: 0 },
      onAt: { hour: 6, minute: 10 },
    });
    expect(events.records[2]).toMatchObject({ kind: 'meter-fault', point: 1, flags: 0b1000 });
    expect(() => q1376.encodeUnits(q1376.AFN.class3Data, 'up', [events])).not.toThrow();
    const [normal] = ask(concentrator, q1376.AFN.class3Data, [
      { kind: 'events-query', point: 0, fn: 2, from: 0, to: 10 },
    ]);
    expect(normal).toMatchObject({ kind: 'events', fn: 2, counter: 0, records: [] });
  });

  it('records ERC 12 when a meter clock is off by more than 5 minutes, and when it is set right', () => {
    const clock = new ManualClock(START);
    const meter = new SimMeter(meterConfig({ address: '000000000301', clockOffsetMs: 8 * MINUTE_MS }), START);
    const concentrator = new Concentrator({ area: '3201', terminal: 5, clock, meters: [{ meter }] });
    concentrator.setMeterTable([row(1, 3, meter.address)]);
    concentrator.readRound();
    concentrator.readRound();
    meter.setClock(clock.now(), clock.now(), '00000001');
    clock.advance(MINUTE_MS);
    concentrator.readRound();
    expect(concentrator.eventRecords).toEqual([
      { kind: 'meter-clock-drift', erc: 12, at: concentrator.minuteTime(START), began: true, point: 3 },
      {
        kind: 'meter-clock-drift',
        erc: 12,
        at: concentrator.minuteTime(START + MINUTE_MS),
        began: false,
        point: 3,
      },
    ]);
  });

  it('keeps 04 F1 and F3 for 0A F1 and F3, and hands the heartbeat period on', () => {
    const { concentrator } = setUp();
    const heartbeats: number[] = [];
    concentrator.onHeartbeatMinutes = (minutes) => heartbeats.push(minutes);
    expect(ask(concentrator, q1376.AFN.queryParameters, [{ kind: 'query', point: 0, fn: 1 }])[0]?.kind).toBe(
      'deny-all',
    );
    const uplink: q1376.UplinkParameters = {
      kind: 'uplink-parameters',
      point: 0,
      fn: 1,
      rtsDelay20Ms: 0,
      initiatorDelayMinutes: 1,
      responseTimeoutS: 30,
      retries: 3,
      confirmClass1: false,
      confirmClass2: false,
      confirmClass3: true,
      heartbeatMinutes: 5,
    };
    const master: q1376.MasterAddress = {
      kind: 'master-address',
      point: 0,
      fn: 3,
      primary: { ip: '10.0.0.1', port: 9100 },
      backup: { ip: '10.0.0.2', port: 9100 },
      apn: 'CMNET',
    };
    expect(ask(concentrator, q1376.AFN.setParameters, [uplink, master])[0]?.kind).toBe('confirm-all');
    expect(heartbeats).toEqual([5]);
    expect(
      ask(concentrator, q1376.AFN.queryParameters, [
        { kind: 'query', point: 0, fn: 1 },
        { kind: 'query', point: 0, fn: 3 },
      ]),
    ).toEqual([uplink, master]);
  });

  it('takes up to 2 040 measuring points, reads them all, and refuses a row beyond', () => {
    const { clock, concentrator } = setUp();
    const rows = Array.from({ length: MAX_POINTS }, (_, i) =>
      row(i + 1, i + 1, String(100_000 + i).padStart(12, '0')),
    );
    for (const [i, entry] of rows.entries())
      concentrator.wire(new SimMeter(meterConfig({ address: entry.address, seed: i }), START));
    const answer = concentrator.answer(
      q1376.AFN.setParameters,
      [{ kind: 'meter-table', point: 0, fn: 10, meters: rows }],
      1,
    );
    expect(answer?.units[0]?.kind).toBe('confirm-all');
    expect(concentrator.table.size).toBe(MAX_POINTS);
    clock.advance(MINUTE_MS);
    expect(concentrator.readRound()).toEqual({ read: MAX_POINTS, failed: 0 });
    const [last] = ask(concentrator, q1376.AFN.class1Data, [{ kind: 'query', point: MAX_POINTS, fn: 129 }]);
    expect(last).toMatchObject({ point: MAX_POINTS, readAt: concentrator.minuteTime(clock.now()) });
    const beyond = concentrator.answer(
      q1376.AFN.setParameters,
      [{ kind: 'meter-table', point: 0, fn: 10, meters: [row(1, MAX_POINTS + 1, '000000000001')] }],
      1,
    );
    expect(beyond?.units[0]?.kind).toBe('deny-all');
    // Deleting a row (point 0).
    concentrator.setMeterTable([row(5, 0, '000000000000')]);
    expect(concentrator.table.size).toBe(MAX_POINTS - 1);
  });
});
