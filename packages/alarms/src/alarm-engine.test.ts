// Alarms raised and cleared by driving the simulator over real TCP: a dead meter becomes unreachable after
// three runs and clears once it answers again, a port whose meters fail falls below its success rate, a
// cover opened between two reads is an event acknowledged by a person, a prepaid meter running low warns
// and then is exhausted, a meter whose clock reads an impossible date has a broken clock (clock-invalid),
// a terminal whose links drop is offline; each alarm reaches listeners with its
// evidence, and the same condition never opens a second alarm.

import { alarmEvidenceFields } from '@openami/domain';
import { Collector, ITEM_GROUPS, type ReadingPlan } from '@openami/headend';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, generateField, runScenario, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmEngine, type AlarmEvent } from './alarm-engine.ts';

const read = (items: readonly number[]): ReadingPlan => ({
  id: 'test-read',
  name: { zh: '测试', en: 'test' },
  kind: 'read',
  items,
  targets: {},
  schedule: { kind: 'interval', everyMinutes: 60 },
});

describe('alarms from the field', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let engine: AlarmEngine;
  let meterIds: readonly number[];
  const events: AlarmEvent[] = [];
  let basePort: number;

  beforeAll(async () => {
    basePort = await freeBasePort(2);
    field = await startField(
      generateField({ terminals: 1, ports: 2, metersPerPort: 2, seed: 21, baud: 9600, basePort }),
    );
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    meterIds = (await storeField(store, field, { basePort, ports: 2, baud: 9600, stockedInAt: 0 })).meterIds;
    engine = new AlarmEngine(store, { clearAfterMs: 0 });
    engine.subscribe((event) => events.push(event));
    collector = new Collector(store, {
      bus: { responseDelayBudgetMs: 200 },
      observer: engine,
      linkCheckMs: 100,
    });
    await collector.start(false);
  });

  afterAll(async () => {
    await collector.stop();
    await store.close();
    await field.stop();
  });

  const open = (kind: string, objectId: string) => store.alarms.open({ kind, objectType: 'meter', objectId });

  it('reports a meter unreachable after three runs in a row, once, and clears it when it answers again', async () => {
    const dead = field.addresses()[0] as string;
    const id = String(meterIds[0]);
    field.setFaults({ meter: dead }, { dead: true });
    await collector.runPlan(read(ITEM_GROUPS.energy));
    await collector.runPlan(read(ITEM_GROUPS.energy));
    expect(await open('meter-unreachable', id)).toBeUndefined();
    await collector.runPlan(read(ITEM_GROUPS.energy));
    await collector.runPlan(read(ITEM_GROUPS.energy));
    const alarm = await open('meter-unreachable', id);
    expect(alarm).toMatchObject({ state: 'raised', severity: 'major', occurrences: 2 });
    expect(JSON.parse(alarm?.evidence as string)).toMatchObject({
      runsInARow: 3,
      cause: { code: 'several' },
    });
    expect(events.filter((e) => e.kind === 'raised' && e.alarm.kind === 'meter-unreachable')).toHaveLength(1);
    field.setFaults({ meter: dead }, undefined);
    await collector.runPlan(read(ITEM_GROUPS.energy));
    expect(await open('meter-unreachable', id)).toBeUndefined();
    expect(
      events.filter((e) => e.kind === 'cleared').map((e) => [e.alarm.kind, e.alarm.clearReason]),
    ).toContainEqual(['meter-unreachable', 'condition-ended']);
  });

  it('reports a port whose meters cannot be read, and clears it when they can', async () => {
    const onPort2 = field.addresses().filter((a) => field.placement(a).portIndex === 1);
    for (const address of onPort2) field.setFaults({ meter: address }, { dead: true });
    await collector.runPlan(read(ITEM_GROUPS.energy));
    const port = (await store.alarms.openAlarms()).find((a) => a.kind === 'port-success-low');
    expect(port).toMatchObject({ objectType: 'port', objectId: '1:2' });
    expect(JSON.parse(port?.evidence as string)).toMatchObject({ meters: 2, read: 0, percent: 0 });
    for (const address of onPort2) field.setFaults({ meter: address }, undefined);
    await collector.runPlan(read(ITEM_GROUPS.energy));
    expect((await store.alarms.openAlarms()).some((a) => a.kind === 'port-success-low')).toBe(false);
  });

  it('raises a cover found open on the first read, although its counter only sets the baseline, once', async () => {
    const address = field.addresses()[2] as string;
    const id = String(meterIds[2]);
    runScenario(field, address, { kind: 'cover-open' });
    await collector.runPlan(read(ITEM_GROUPS.status));
    const alarm = await open('cover-open', id);
    expect(alarm).toMatchObject({ state: 'raised', severity: 'critical' });
    expect(JSON.parse(alarm?.evidence as string)).toEqual({ foundOpen: true, openings: 1 });
    // Still open at the next read: the same opening, no second alarm once a person has looked at it.
    await engine.acknowledge(alarm?.id as number, { userId: null, name: 'wang' }, '已处理');
    await collector.runPlan(read(ITEM_GROUPS.status));
    expect(await open('cover-open', id)).toBeUndefined();
    runScenario(field, address, { kind: 'cover-close' });
    await collector.runPlan(read(ITEM_GROUPS.status));
    expect(await open('cover-open', id)).toBeUndefined();
  });

  it('raises a cover opened between two reads as an event that a person acknowledges', async () => {
    const address = field.addresses()[1] as string;
    const id = String(meterIds[1]);
    await collector.runPlan(read(ITEM_GROUPS.status));
    expect(await open('cover-open', id)).toBeUndefined();
    runScenario(field, address, { kind: 'cover-open' });
    await collector.runPlan(read(ITEM_GROUPS.status));
    const alarm = await open('cover-open', id);
    expect(alarm).toMatchObject({ state: 'raised', severity: 'critical' });
    expect(JSON.parse(alarm?.evidence as string)).toEqual({ before: 0, after: 1 });
    const acked = await engine.acknowledge(
      alarm?.id as number,
      { userId: null, name: 'wang' },
      '已到现场查看',
    );
    expect(acked).toMatchObject({
      state: 'cleared',
      clearReason: 'acknowledged',
      ackComment: '已到现场查看',
    });
    expect(events.at(-1)).toMatchObject({ kind: 'acknowledged' });
  });

  it('warns a prepaid meter low on energy and reports it exhausted, by the account’s levels', async () => {
    const address = field.addresses().find((a) => field.meter(a).prepaid !== undefined) as string;
    const index = field.addresses().indexOf(address);
    const meterId = meterIds[index] as number;
    const now = Date.now();
    const priceType = await store.priceTypes.create(
      { code: 'P', name: 'flat', unitPriceMilliFenPerKwh: 52_830 },
      null,
      now,
    );
    const customer = await store.customers.create(
      {
        code: 'C1',
        name: '张三',
        unit: '1-101',
        address: '',
        idNumber: '',
        areaId: (await store.meters.get(meterId))?.areaId as number,
      },
      null,
      now,
    );
    const prepaid = field.meter(address).prepaid;
    if (prepaid === undefined) throw new Error('a prepaid meter');
    await store.accounts.open(
      {
        accountNo: 'A1',
        customerId: customer.id,
        meterId,
        priceTypeId: priceType.id,
        prepaidMode: 'card',
        alarmEnergyWh: prepaid.remainingWh + 50_000,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: '[]',
        openedAt: now,
      },
      now,
    );
    await collector.runPlan(read(ITEM_GROUPS.prepaid));
    expect(await open('low-balance', String(meterId))).toMatchObject({ state: 'raised' });
    prepaid.remainingWh = -1;
    await collector.runPlan(read(ITEM_GROUPS.prepaid));
    expect(await open('low-balance', String(meterId))).toBeUndefined();
    expect(await open('balance-exhausted', String(meterId))).toMatchObject({ state: 'raised' });
  });

  it('follows a rule set for the area at once: unreachable after one run, then switched off', async () => {
    const dead = field.addresses()[0] as string;
    const id = String(meterIds[0]);
    const areaId = (await store.meters.get(meterIds[0] as number))?.areaId as number;
    const scope = { kind: 'meter-unreachable', areaId, meterTypeId: null };
    await store.alarmRules.put({ ...scope, severity: 'critical', params: { runs: 1 } }, null, Date.now());
    engine.rulesChanged();
    field.setFaults({ meter: dead }, { dead: true });
    await collector.runPlan(read(ITEM_GROUPS.energy));
    expect(await open('meter-unreachable', id)).toMatchObject({ severity: 'critical' });
    await store.alarmRules.put({ ...scope, enabled: false, params: { runs: 1 } }, null, Date.now());
    engine.rulesChanged();
    await collector.runPlan(read(ITEM_GROUPS.energy));
    field.setFaults({ meter: dead }, undefined);
    expect(await open('meter-unreachable', id)).toBeUndefined();
    expect(
      events.filter((e) => e.kind === 'cleared').map((e) => [e.alarm.kind, e.alarm.clearReason]),
    ).toContainEqual(['meter-unreachable', 'rule-disabled']);
    await store.alarmRules.remove(scope);
    engine.rulesChanged();
  });

  it('raises clock-invalid for a meter whose clock reads month 13 or hour 25, and clears it once repaired', async () => {
    const broken = field.addresses()[1] as string;
    const id = String(meterIds[1]);
    const clockCheck: ReadingPlan = { ...read(ITEM_GROUPS.clock), id: 'test-clock', kind: 'clock-check' };
    await collector.runPlan(clockCheck);
    await collector.observerSettled();
    expect(await open('clock-invalid', id)).toBeUndefined();
    // 2026-13-01, weekday 9: without the codec's refusal this read as 2027-01-01, a "deviation" of weeks.
    runScenario(field, broken, { kind: 'broken-clock', date: '26130109' });
    await collector.runPlan(clockCheck);
    await collector.observerSettled();
    const alarm = await open('clock-invalid', id);
    expect(alarm).toMatchObject({ state: 'raised', severity: 'major' });
    expect(JSON.parse(alarm?.evidence as string).clockProblem).toMatch(/month 13 is not 1–12/);
    expect(await open('clock-deviation', id)).toBeUndefined();
    expect((await store.alarms.openAlarms()).filter((a) => a.kind === 'clock-invalid')).toHaveLength(1);
    const check = async () => {
      await collector.runPlan(clockCheck);
      await collector.observerSettled();
      return open('clock-invalid', id);
    };
    runScenario(field, broken, { kind: 'clock-repaired' });
    expect(await check()).toBeUndefined();
    expect(
      events.filter((e) => e.kind === 'cleared').map((e) => [e.alarm.kind, e.alarm.clearReason]),
    ).toContainEqual(['clock-invalid', 'condition-ended']);
    runScenario(field, broken, { kind: 'broken-clock', time: '256100' });
    expect(JSON.parse((await check())?.evidence as string).clockProblem).toMatch(/hour 25 is not 0–23/);
    runScenario(field, broken, { kind: 'clock-repaired' });
    expect(await check()).toBeUndefined();
  });

  it('raises the readings the collector lost while the database was down as one site alarm, critical', async () => {
    const since = Date.UTC(2026, 11, 8, 2);
    await engine.readingsLost({ rows: 1200, since, reasons: ['the spool is full (256 MiB)'] });
    const key = { kind: 'readings-lost', objectType: 'site', objectId: 'readings' };
    const alarm = await store.alarms.open(key);
    expect(alarm).toMatchObject({ severity: 'critical', areaId: null, occurrences: 1 });
    expect(JSON.parse(alarm?.evidence ?? '{}')).toEqual({
      rows: 1200,
      since,
      reasons: ['the spool is full (256 MiB)'],
    });
    expect(events.at(-1)).toMatchObject({ kind: 'raised', alarm: { kind: 'readings-lost' } });
    // Another outage's loss before anyone looked: the same alarm, seen again.
    await engine.readingsLost({ rows: 10, since: since + 60_000, reasons: ['refused 3 times'] });
    expect(await store.alarms.open(key)).toMatchObject({ id: alarm?.id, occurrences: 2 });
  });

  it('writes only evidence fields the readers’ languages word (alarmEvidenceFields)', () => {
    const fields = new Set(events.flatMap((e) => Object.keys(JSON.parse(e.alarm.evidence) as object)));
    expect(fields.size).toBeGreaterThan(5);
    expect([...fields].filter((name) => !(name in alarmEvidenceFields))).toEqual([]);
  });

  it('reports the terminal offline, once, while its links are down (last: the terminal stays down)', async () => {
    await field.terminal(field.listing()[0]?.id as string).stop();
    let alarm: Awaited<ReturnType<typeof store.alarms.open>>;
    for (let i = 0; i < 50 && alarm === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await collector.observerSettled();
      alarm = await store.alarms.open({ kind: 'terminal-offline', objectType: 'terminal', objectId: '1' });
    }
    expect(alarm).toMatchObject({ severity: 'critical', state: 'raised' });
    expect(JSON.parse(alarm?.evidence as string)).toEqual({ ports: 2, linksDown: 2 });
    expect((await store.alarms.openAlarms()).filter((a) => a.kind === 'terminal-offline')).toHaveLength(1);
  });
});
