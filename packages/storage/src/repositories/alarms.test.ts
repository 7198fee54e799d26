import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, testNow, unique } from '../../test/fixtures.ts';

describeEachEngine('alarms', (context) => {
  it('keep one open alarm per kind and object, even when raised concurrently', async () => {
    const area = await makeArea(context.store);
    const key = { kind: 'meter-unreachable', objectType: 'meter', objectId: unique('m') };
    const alarm = { ...key, severity: 'major', areaId: area.id, evidence: { runsInARow: 3 } };
    const results = await Promise.all([1, 2, 3].map(() => context.store.alarms.raise(alarm, testNow)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.alarm.id)).size).toBe(1);
    const open = await context.store.alarms.open(key);
    expect(open).toMatchObject({ state: 'raised', occurrences: 3, evidence: '{"runsInARow":3}' });
    const cleared = await context.store.alarms.clear(open?.id as number, 'condition-ended', testNow + 1);
    expect(cleared).toMatchObject({ state: 'cleared', clearReason: 'condition-ended' });
    // The condition again: a new alarm, the old one stays in the history.
    expect((await context.store.alarms.raise(alarm, testNow + 2)).created).toBe(true);
  });

  it('record who acknowledged what, and list by state and area', async () => {
    const area = await makeArea(context.store);
    const elsewhere = await makeArea(context.store);
    const objectId = unique('m');
    const { alarm } = await context.store.alarms.raise(
      {
        kind: 'cover-open',
        objectType: 'meter',
        objectId,
        severity: 'critical',
        areaId: area.id,
        evidence: {},
      },
      testNow,
    );
    const acked = await context.store.alarms.acknowledge(
      alarm.id,
      { userId: null, name: 'wang' },
      '已到现场',
      testNow + 5,
      true,
    );
    expect(acked).toMatchObject({
      state: 'cleared',
      acknowledgedByName: 'wang',
      ackComment: '已到现场',
      clearReason: 'acknowledged',
    });
    // Acknowledging twice changes nothing.
    expect(
      await context.store.alarms.acknowledge(
        alarm.id,
        { userId: null, name: 'li' },
        'again',
        testNow + 6,
        true,
      ),
    ).toBeUndefined();
    const page = { sort: 'raisedAt' as const, direction: 'desc' as const, limit: 10, offset: 0 };
    const mine = await context.store.alarms.list({ kind: 'paths', paths: [area.path] }, { objectId }, page);
    expect(mine.items.map((a) => a.id)).toEqual([alarm.id]);
    const theirs = await context.store.alarms.list(
      { kind: 'paths', paths: [elsewhere.path] },
      { objectId },
      page,
    );
    expect(theirs.total).toBe(0);
    expect((await context.store.alarms.list({ kind: 'all' }, { objectId, state: 'open' }, page)).total).toBe(
      0,
    );
  });
});
