import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, makeMeterType, testNow, unique } from '../../test/fixtures.ts';

describeEachEngine('alarm rules', (context) => {
  it('keep one override per kind and scope, replaced by the next, even when set concurrently', async () => {
    const area = await makeArea(context.store);
    const type = await makeMeterType(context.store);
    const key = { kind: 'meter-unreachable', areaId: area.id, meterTypeId: type.id };
    const results = await Promise.all(
      [4, 5, 6].map((runs) => context.store.alarmRules.put({ ...key, params: { runs } }, null, testNow)),
    );
    expect(new Set(results.map((r) => r.rule.id)).size).toBe(1);
    const put = await context.store.alarmRules.put(
      { ...key, enabled: false, severity: 'minor', params: { runs: 7 } },
      1,
      testNow + 1,
    );
    expect(put.before).toBeDefined();
    expect(put.rule).toMatchObject({ enabled: 0, severity: 'minor', params: '{"runs":7}', updatedBy: 1 });
    // The same kind for the whole site, and for the area but every type, are other scopes.
    const site = await context.store.alarmRules.put(
      { kind: 'meter-unreachable', areaId: null, meterTypeId: null, params: {} },
      null,
      testNow,
    );
    const areaWide = await context.store.alarmRules.put(
      { ...key, meterTypeId: null, params: {} },
      null,
      testNow,
    );
    expect(new Set([put.rule.id, site.rule.id, areaWide.rule.id]).size).toBe(3);
    expect(site.rule.enabled).toBeNull();
    const again = await context.store.alarmRules.put(
      { kind: 'meter-unreachable', areaId: null, meterTypeId: null, params: { runs: 2 } },
      null,
      testNow,
    );
    expect(again.rule.id).toBe(site.rule.id);
  });

  it('remove an override, and show every change in the version', async () => {
    const area = await makeArea(context.store);
    const key = { kind: 'cover-open', areaId: area.id, meterTypeId: null };
    const v0 = await context.store.alarmRules.version();
    await context.store.alarmRules.put({ ...key, severity: 'info', params: {} }, null, testNow);
    const v1 = await context.store.alarmRules.version();
    expect(v1).not.toBe(v0);
    expect(await context.store.alarmRules.remove(key)).toMatchObject({ severity: 'info' });
    expect(await context.store.alarmRules.remove(key)).toBeUndefined();
    expect(await context.store.alarmRules.version()).not.toBe(v1);
    expect((await context.store.alarmRules.list()).some((r) => r.areaId === area.id)).toBe(false);
  });
});

describeEachEngine('alarm retention', (context) => {
  const DAY = 86_400_000;
  const raise = async (objectId: string, raisedAt: number, cleared: boolean) => {
    const { alarm } = await context.store.alarms.raise(
      { kind: 'cover-open', objectType: 'meter', objectId, severity: 'critical', areaId: null, evidence: {} },
      raisedAt,
    );
    if (cleared) await context.store.alarms.clear(alarm.id, 'acknowledged', raisedAt + 1000);
    return alarm.id;
  };

  it('keeps every alarm younger than 12 months and every open one; refuses a shorter retention', async () => {
    const now = Date.UTC(2027, 11, 15);
    const prefix = unique('r');
    const old = await raise(`${prefix}a`, now - 400 * DAY, true);
    const oldOpen = await raise(`${prefix}b`, now - 500 * DAY, false);
    const young = await raise(`${prefix}c`, now - 360 * DAY, true);
    await expect(context.store.alarms.purgeCleared(now, 6)).rejects.toThrow(RangeError);
    expect(await context.store.alarms.purgeCleared(now)).toBeGreaterThanOrEqual(1);
    expect(await context.store.alarms.get(old)).toBeUndefined();
    expect(await context.store.alarms.get(oldOpen)).toMatchObject({ state: 'raised' });
    expect(await context.store.alarms.get(young)).toMatchObject({ state: 'cleared' });
  });

  it('lists a time range of more than 12 months of back-dated alarms', async () => {
    const now = Date.UTC(2027, 5, 1);
    const prefix = unique('h');
    const ids: number[] = [];
    for (let month = 0; month < 15; month++)
      ids.push(await raise(`${prefix}${month}`, now - month * 30 * DAY, true));
    const page = await context.store.alarms.list(
      { kind: 'all' },
      { kind: 'cover-open', fromMs: now - 450 * DAY, toMs: now + 1 },
      { sort: 'raisedAt', direction: 'desc', limit: 500, offset: 0 },
    );
    expect(page.items.map((a) => a.id).filter((id) => ids.includes(id))).toEqual(ids);
  });
});
