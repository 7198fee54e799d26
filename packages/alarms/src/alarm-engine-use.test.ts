// Abnormal use and overload trips raised and cleared by driving the simulator over real TCP on a clock the
// test moves by hand: a flat that uses nothing for three days with its relay closed, a day far above a meter's
// own month, a meter that trips on its capacity limit (5 s above the maximum power) and closes again by
// itself three minutes later. And a rule changed by another process reaches an engine within its refresh.
import { Collector, type ReadingPlan } from '@openami/headend';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, generateField, ManualClock, runScenario, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmEngine } from './alarm-engine.ts';

const HOUR = 3_600_000;
const read = (items: readonly number[]): ReadingPlan => ({
  id: 'test-read',
  name: { zh: '测试', en: 'test' },
  kind: 'read',
  items,
  targets: {},
  schedule: { kind: 'interval', everyMinutes: 60 },
});

describe('abnormal use and overload from the field', () => {
  let field: Field;
  let clock: ManualClock;
  let store: Store;
  let collector: Collector;
  let engine: AlarmEngine;
  let meterIds: readonly number[];
  let vacant: string;
  let busy: string;

  beforeAll(async () => {
    const basePort = await freeBasePort(1);
    // 06:00 in Shanghai; reads at 06:00 and 18:00 every day.
    clock = new ManualClock(Date.parse('2026-11-01T06:00:00+08:00'));
    field = await startField(
      generateField({ terminals: 1, ports: 1, metersPerPort: 2, seed: 31, baud: 9600, basePort }),
      { clock },
    );
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    meterIds = (await storeField(store, field, { basePort, ports: 1, baud: 9600, stockedInAt: 0 })).meterIds;
    [vacant, busy] = field.addresses() as [string, string];
    for (const address of field.addresses()) {
      // Plenty of credit: a prepaid meter must not trip for its balance in these weeks.
      const prepaid = field.meter(address).prepaid;
      if (prepaid !== undefined) prepaid.remainingWh = 900_000_000;
    }
    engine = new AlarmEngine(store, { clearAfterMs: 0, now: () => clock.now() });
    collector = new Collector(store, {
      now: () => clock.now(),
      bus: { responseDelayBudgetMs: 200 },
      observer: engine,
    });
    await collector.start(false);
  });

  afterAll(async () => {
    await collector.stop();
    await store.close();
    await field.stop();
  });

  const open = (kind: string, index: number) =>
    store.alarms.open({ kind, objectType: 'meter', objectId: String(meterIds[index]) });
  const load = (address: string, watts: number) => runScenario(field, address, { kind: 'load', watts });
  /** Half a day on, then energy and status read from every meter. */
  const daily = read([0x00010000, 0x04000503]);
  const halfDay = async () => {
    clock.advance(12 * HOUR);
    await collector.runPlan(daily);
  };

  it('reports a flat without consumption for three days while its relay is closed, and clears it when use returns', async () => {
    load(vacant, 0);
    load(busy, 300);
    await collector.runPlan(daily);
    // 1, 2 and 3 November pass without use; the 3rd is judged once a reading of the 4th is stored.
    for (let i = 0; i < 5; i++) await halfDay();
    expect(await open('no-consumption', 0)).toBeUndefined();
    await halfDay();
    await halfDay();
    const alarm = await open('no-consumption', 0);
    expect(alarm).toMatchObject({ state: 'raised', severity: 'minor' });
    const evidence = JSON.parse(alarm?.evidence as string);
    expect(evidence).toMatchObject({ closedDay: '2026-11-03', relayOpen: false });
    expect(evidence.days.map((d: { day: string }) => d.day)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
    expect(await open('no-consumption', 1)).toBeUndefined();
    // Somebody moves in on the 5th.
    await halfDay();
    load(vacant, 300);
    for (let i = 0; i < 4; i++) await halfDay();
    expect(await open('no-consumption', 0)).toBeUndefined();
    expect(
      (
        await store.alarms.list(
          { kind: 'all' },
          { kind: 'no-consumption' },
          { sort: 'id', direction: 'asc', limit: 5, offset: 0 },
        )
      ).items,
    ).toEqual([expect.objectContaining({ state: 'cleared', clearReason: 'condition-ended' })]);
  });

  it('reports a day far above the meter’s own history, and clears it after a normal day', async () => {
    // A week and more of 300 W (7.2 kWh a day) is history enough; the clock ends at 06:00.
    for (let i = 0; i < 12; i++) await halfDay();
    expect(await open('consumption-spike', 1)).toBeUndefined();
    // The clock stands at 06:00: twelve hours at 3 kW, then back to 300 W.
    load(busy, 3_000);
    await halfDay();
    load(busy, 300);
    await halfDay();
    await halfDay();
    const alarm = await open('consumption-spike', 1);
    expect(alarm).toMatchObject({ state: 'raised' });
    const evidence = JSON.parse(alarm?.evidence as string);
    expect(evidence.energyWh).toBeGreaterThan(35_000);
    expect(evidence.medianWh).toBeGreaterThan(7_000);
    expect(evidence.medianWh).toBeLessThan(7_400);
    await halfDay();
    await halfDay();
    expect(await open('consumption-spike', 1)).toBeUndefined();
  });

  it('reports a meter tripped on its capacity limit, and clears it when the relay closes again', async () => {
    const meter = field.meter(busy);
    meter.setCapacityLimit({ maxPowerW: 2_000, tripDelayMs: 5_000, restoreAfterMs: 180_000 }, clock.now());
    const status = () => collector.runPlan(read([0x04000503]));
    load(busy, 4_000);
    clock.advance(3_000);
    await status();
    expect(await open('overload-trip', 1)).toBeUndefined();
    clock.advance(3_000);
    await status();
    const alarm = await open('overload-trip', 1);
    expect(alarm).toMatchObject({ state: 'raised', severity: 'major' });
    expect(JSON.parse(alarm?.evidence as string)).toMatchObject({
      statusWord3: { relayOpen: true, relayCommandOpen: false, preTripAlarm: false },
    });
    // The household switches the kettle off; the meter closes by itself three minutes after the trip.
    load(busy, 300);
    clock.advance(170_000);
    await status();
    expect(await open('overload-trip', 1)).toMatchObject({ state: 'raised' });
    clock.advance(15_000);
    await status();
    expect(await open('overload-trip', 1)).toBeUndefined();
    expect(await open('overload-trip', 0)).toBeUndefined();
  });

  it('takes a rule another process changed within its refresh time', async () => {
    const other = new AlarmEngine(store, { clearAfterMs: 0, rulesRefreshMs: 50, now: () => clock.now() });
    const meterId = meterIds[0] as number;
    await other.clockChecked(meterId, 60_000);
    expect(await open('clock-deviation', 0)).toBeUndefined();
    const areaId = (await store.meters.get(meterIds[0] as number))?.areaId as number;
    await store.alarmRules.put(
      { kind: 'clock-deviation', areaId, meterTypeId: null, params: { seconds: 30 } },
      null,
      clock.now(),
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    await other.clockChecked(meterId, 60_000);
    expect(JSON.parse((await open('clock-deviation', 0))?.evidence as string)).toEqual({
      offsetMs: 60_000,
      limitMs: 30_000,
    });
  });
});
