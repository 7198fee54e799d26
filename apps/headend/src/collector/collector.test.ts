// The collector end to end: its field from the store, the simulator on the wire, readings into the store.
// The simulated field starts a minute before local midnight at 60× speed, so a daily freeze happens during
// the test; the collector's clock is the field's.
import { type Field, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeBasePort, storeField } from '../../test/store-field.ts';
import { DEFAULT_PLANS } from '../plans/default-plans.ts';
import { Collector } from './collector.ts';

const plan = (id: string) => {
  const found = DEFAULT_PLANS.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no plan ${id}`);
  return found;
};

const credentials = { passwordLevel: 2, password: '123456', operatorCode: '00000001' };
const operator = { userId: null, name: 'operator', sourceIp: '127.0.0.1' };

describe('the collector', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let basePort: number;

  beforeAll(async () => {
    basePort = await freeBasePort(2);
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
    await storeField(store, field, {
      basePort,
      ports: 2,
      baud: 9600,
      stockedInAt: Date.UTC(2026, 10, 22, 15, 0),
    });
    collector = new Collector(store, {
      now: () => field.clock.now(),
      bus: { responseDelayBudgetMs: 200 },
      credentials,
    });
    expect(await collector.start(false)).toEqual([]);
  });

  afterAll(async () => {
    await collector.stop();
    await store.close();
    await field.stop();
  });

  it('reads energy into the store', async () => {
    // Post-paid and prepaid meters alike are read in full: a meter without the prepaid balance the plan
    // asks for says it has no such data, which is not a partial read (issue 22, item 12).
    expect(await collector.runPlan(plan('hourly-energy'))).toBe(
      '6 meters: 6 complete, 0 partial, 0 unreachable',
    );
    const rows = await store.readings.energyBetween(1, 0, Number.MAX_SAFE_INTEGER);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.activeImportWh).toBeGreaterThan(0);
    // The run is on record with every meter and each port's success rate.
    const runs = await store.collection.listRuns(
      { planId: 'hourly-energy' },
      { sort: 'id', direction: 'desc', limit: 1, offset: 0 },
    );
    const run = runs.items[0];
    expect(run).toMatchObject({
      kind: 'read',
      trigger: 'schedule',
      status: 'finished',
      metersTotal: 6,
      metersFailed: 0,
      detailCode: 'read-summary',
      detailParams: { meters: 6, unreachable: 0 },
    });
    expect(await store.collection.portRates(run?.id as number)).toEqual([
      { terminalId: 1, portNo: 1, meters: 3, read: 3, failed: 0 },
      { terminalId: 1, portNo: 2, meters: 3, read: 3, failed: 0 },
    ]);
    // And the day's roll-up has opened.
    expect((await store.readings.daily(1, '2026-11-01', '2026-12-31')).length).toBe(1);
  });

  it('reads one meter now, and an area with progress as each meter finishes, and records a dead meter as unreachable', async () => {
    const outcome = await collector.readMeter(2, [0x00010000], operator);
    expect(outcome).toMatchObject({ meterId: 2, status: 'complete' });
    const dead = field.addresses()[5] as string;
    field.setFaults({ meter: dead }, { dead: true });
    const progress: number[] = [];
    const result = await collector.readArea(1, [0x00010000], {
      actor: operator,
      onProgress: (p) => progress.push(p.done),
    });
    field.setFaults({ meter: dead }, undefined);
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(result.run).toMatchObject({ trigger: 'operator', areaId: 1, metersTotal: 6, metersFailed: 1 });
    const failed = await store.collection.runMeters(
      result.run.id,
      { kind: 'all' },
      {
        failedOnly: true,
        limit: 10,
        offset: 0,
      },
    );
    expect(failed.items).toEqual([
      expect.objectContaining({
        meterId: 6,
        status: 'unreachable',
        reason: expect.stringMatching(/no reply|answer/),
        reasonCode: expect.stringMatching(/^(timeout|several)$/),
      }),
    ]);
    expect(await collector.readArea(999, [0x00010000])).toMatchObject({ run: { metersTotal: 0 } });
  });

  it('persists and audits a command, confirms it by reading back, and never sends it twice', async () => {
    const address = field.addresses()[0] as string;
    const trip = await collector.command(1, { kind: 'relay', action: 'trip', requestId: 'trip-1' }, operator);
    expect(trip).toMatchObject({ state: 'confirmed', kind: 'relay-trip', meterId: 1 });
    expect(field.meter(address).relayOpen).toBe(true);
    // The same request again: the first command, not a second one.
    const again = await collector.command(
      1,
      { kind: 'relay', action: 'trip', requestId: 'trip-1' },
      operator,
    );
    expect(again.id).toBe(trip.id);
    const closed = await collector.command(
      1,
      { kind: 'relay', action: 'close', requestId: 'close-1' },
      operator,
    );
    expect(closed.state).toBe('confirmed');
    const audit = await store.audit.list(
      { entity: 'meter', entityId: '1' },
      { sort: 'id', direction: 'asc', limit: 10, offset: 0 },
    );
    expect(audit.items.map((a) => a.action)).toEqual([
      'meter.command.requested',
      'meter.command.confirmed',
      'meter.command.requested',
      'meter.command.confirmed',
    ]);
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it('reads back a command a stopped process left half-sent, and does not send it again when it took effect', async () => {
    const address = field.addresses()[1] as string;
    await collector.command(2, { kind: 'relay', action: 'trip', requestId: 'trip-2' }, operator);
    expect(field.meter(address).relayOpen).toBe(true);
    // As if a process had claimed a second trip and stopped before its answer came.
    const { command } = await store.collection.requestCommand({
      meterId: 2,
      kind: 'relay-trip',
      params: '{}',
      requestId: 'trip-2-crashed',
      requestedBy: null,
      requestedAt: field.clock.now(),
    });
    // Claimed longer ago than a live send takes: its process is gone.
    await store.collection.claimCommand(command.id, field.clock.now() - 5 * 60_000);
    await collector.resumeCommands();
    await collector.stop().then(() => collector.start(false));
    expect(await store.collection.getCommand(command.id)).toMatchObject({ state: 'confirmed', attempts: 0 });
    await collector.command(2, { kind: 'relay', action: 'close', requestId: 'close-2' }, operator);
  });

  it('refuses a command it cannot carry out, before persisting anything', async () => {
    const noPassword = new Collector(store, { now: () => field.clock.now() });
    await expect(
      noPassword.command(1, { kind: 'relay', action: 'trip', requestId: 'x' }, operator),
    ).rejects.toThrow(/meter 1 is not on any bus/);
    await expect(
      collector.command(999, { kind: 'relay', action: 'trip', requestId: 'y' }, operator),
    ).rejects.toMatchObject({ code: 'meter-not-collected' });
    expect(await store.collection.commandByRequestId('y')).toBeUndefined();
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
