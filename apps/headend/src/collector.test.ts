// The collector end to end: its field from the store, the simulator on the wire, readings into the store.
// The simulated field starts a minute before local midnight at 60× speed, so a daily freeze happens during
// the test; the collector's clock is the field's.
import { type Field, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Collector } from './collector.ts';
import { DEFAULT_PLANS } from './plans/default-plans.ts';

const plan = (id: string) => {
  const found = DEFAULT_PLANS.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no plan ${id}`);
  return found;
};

describe('the collector', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  const basePort = 41_000 + (process.pid % 4000) * 2;

  beforeAll(async () => {
    field = await startField(
      generateField({
        terminals: 1,
        ports: 2,
        metersPerPort: 3,
        seed: 9,
        baud: 9600,
        basePort,
        start: '2026-11-22T23:59:00+08:00',
        timeFactor: 60,
      }),
    );
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const now = Date.UTC(2026, 0, 1);
    const area = await store.areas.create(
      { parentId: null, kind: 'community', code: 'C', name: 'community' },
      now,
    );
    const terminal = await store.terminals.create(
      {
        areaId: area.id,
        name: 'DH602',
        model: 'DH602',
        mode: 'tcp_server',
        address: `127.0.0.1:${basePort}`,
      },
      [1, 2].map((portNo) => ({
        portNo,
        baud: 9600,
        parity: 'E',
        dataBits: 8,
        stopBits: 1,
        protocol: 'dlt645_2007',
      })),
      now,
    );
    const type = await store.meterTypes.create(
      {
        code: 'T',
        name: 'meter',
        model: 'M',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 60_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'none',
      },
      null,
      now,
    );
    const version = await store.meterTypes.currentVersion(type.id);
    for (const [i, address] of field.addresses().entries()) {
      const { portIndex } = field.placement(address);
      await store.meters.stockIn(
        {
          factoryNo: `F${i}`,
          commAddress: address,
          meterTypeId: type.id,
          meterTypeVersionId: version?.id as number,
          state: 'installed',
          startingReadingWh: 0,
          areaId: area.id,
          terminalPortId: terminal.ports[portIndex]?.id as number,
          parentMeterId: null,
          ptPrimary: 1,
          ptSecondary: 1,
          ctPrimary: 1,
          ctSecondary: 1,
          multiplier: 1,
          stockedInAt: Date.UTC(2026, 10, 22, 15, 0),
        },
        now,
      );
    }
    collector = new Collector(store, { now: () => field.clock.now(), bus: { responseDelayBudgetMs: 200 } });
    expect(await collector.start(false)).toEqual([]);
  });

  afterAll(async () => {
    await collector.stop();
    await store.close();
    await field.stop();
  });

  it('reads energy into the store', async () => {
    expect(await collector.runPlan(plan('hourly-energy'))).toMatch(
      /^6 meters: \d complete, \d partial, 0 unreachable$/,
    );
    const rows = await store.readings.energyBetween(1, 0, Number.MAX_SAFE_INTEGER);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.activeImportWh).toBeGreaterThan(0);
  });

  it('collects the day’s freeze once the meters have frozen it, and only once', async () => {
    // Wait for the field to pass local midnight by a few simulated minutes (a meter's clock may be 90 s off).
    while (field.clock.now() < Date.parse('2026-11-23T00:03:00+08:00'))
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await collector.runPlan(plan('daily-frozen'))).toMatch(/^6 daily freezes stored from 6 meters/);
    const frozen = await store.readings.dailyFrozen(1, '2026-11-01', '2026-11-30');
    expect(frozen.map((r) => r.day)).toEqual(['2026-11-23']);
    expect(await collector.runPlan(plan('daily-frozen'))).toMatch(/^0 daily freezes stored from 6 meters/);
  });

  it('broadcasts the time and checks the clocks', async () => {
    expect(await collector.runPlan(plan('time-sync'))).toBe('time broadcast on 2 bus(es)');
    expect(await collector.runPlan(plan('clock-check'))).toMatch(/^6 clocks checked/);
  });
});
