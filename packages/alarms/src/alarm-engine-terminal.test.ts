// A terminal that goes dark over real TCP (the simulator's serial server accepts connections but puts nothing
// on its buses): one terminal-offline alarm, which covers what its meters and ports would each have said,
// and which clears at the first good read; a meter and a port read well again clear at once, without the
// damping time that holds conditions only seen by their absence.
import { Collector, ITEM_GROUPS, type ReadingPlan } from '@openami/headend';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmEngine, type AlarmEvent } from './alarm-engine.ts';

const read: ReadingPlan = {
  id: 'test-read',
  name: { zh: '测试', en: 'test' },
  kind: 'read',
  items: ITEM_GROUPS.energy,
  targets: {},
  schedule: { kind: 'interval', everyMinutes: 60 },
};

describe('a terminal going dark', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let meterIds: readonly number[];
  const events: AlarmEvent[] = [];

  beforeAll(async () => {
    const basePort = await freeBasePort(2);
    field = await startField(
      generateField({ terminals: 1, ports: 2, metersPerPort: 3, seed: 5, baud: 9600, basePort }),
    );
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    meterIds = (await storeField(store, field, { basePort, ports: 2, baud: 9600, stockedInAt: 0 })).meterIds;
    // Unreachable after one failed run, so that the meters' alarms come before the terminal's in the same
    // run; the damping time stays the default ten minutes.
    const engine = new AlarmEngine(store, {
      baseRules: [{ kind: 'meter-unreachable', areaId: null, meterTypeId: null, params: { runs: 1 } }],
    });
    engine.subscribe((event) => events.push(event));
    collector = new Collector(store, {
      bus: { responseDelayBudgetMs: 200 },
      observer: engine,
      linkCheckMs: 60_000,
    });
    await collector.start(false);
  });

  afterAll(async () => {
    await collector.stop();
    await store.close();
    await field.stop();
  });

  it('raises one alarm for the terminal, covering its meters’ and ports’, and clears it at the first good read', async () => {
    const terminalId = field.listing()[0]?.id as string;
    field.setFaults({ terminal: terminalId }, { silent: true });
    for (let run = 0; run < 3; run++) await collector.runPlan(read);
    await collector.observerSettled();
    const open = await store.alarms.openAlarms();
    expect(open.map((a) => [a.kind, a.objectType, a.objectId])).toEqual([
      ['terminal-offline', 'terminal', '1'],
    ]);
    expect(JSON.parse(open[0]?.evidence as string)).toMatchObject({ ports: 2, meters: 6, read: 0 });
    expect(events.filter((e) => e.kind === 'raised' && e.alarm.kind === 'terminal-offline')).toHaveLength(1);
    // The meters' alarms raised in the first run, before the run's end showed the whole terminal dark.
    const covered = events.filter(
      (e) => e.kind === 'cleared' && e.alarm.clearReason === 'covered-by-terminal',
    );
    expect(covered.map((e) => e.alarm.objectId).sort()).toEqual(meterIds.map(String).sort());
    field.setFaults({ terminal: terminalId }, undefined);
    await collector.runPlan(read);
    await collector.observerSettled();
    expect(await store.alarms.openAlarms()).toEqual([]);
  });

  it('clears a meter’s and a port’s alarm at the first good read, not ten minutes later', async () => {
    const onPort1 = field.addresses().filter((a) => field.placement(a).portIndex === 0);
    for (const address of onPort1) field.setFaults({ meter: address }, { dead: true });
    await collector.runPlan(read);
    await collector.observerSettled();
    const kinds = (await store.alarms.openAlarms()).map((a) => `${a.kind} ${a.objectType}`);
    expect(kinds).toContain('port-success-low port');
    expect(kinds).toContain('meter-unreachable meter');
    expect(kinds).not.toContain('terminal-offline terminal');
    for (const address of onPort1) field.setFaults({ meter: address }, undefined);
    await collector.runPlan(read);
    await collector.observerSettled();
    expect(await store.alarms.openAlarms()).toEqual([]);
  });
});
