// A run's progress stream shows a user limited to some areas only the meters of those areas (issue 15): the
// counts while it runs, not only its end.
import type { AreaRow, Store } from '@openami/storage';
import { describeEachEngine, makeMeter } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

describeEachEngine('a run’s progress, scoped', (context) => {
  let app: App;
  let store: Store;
  let home: AreaRow;
  let away: AreaRow;
  let admin: Actor;
  let local: Actor;
  const tag = `${process.pid}${Date.now().toString(36)}`;

  async function meterIn(area: AreaRow): Promise<number> {
    return (await makeMeter(store, area.id, { state: 'installed', stockedInAt: harnessNow })).id;
  }

  beforeAll(async () => {
    store = context.store;
    home = await store.areas.create(
      { parentId: null, kind: 'building', code: `PH${tag}`, name: 'H' },
      harnessNow,
    );
    away = await store.areas.create(
      { parentId: null, kind: 'building', code: `PA${tag}`, name: 'A' },
      harnessNow,
    );
    app = await appFor(store, Date.now);
    await app.listen({ host: '127.0.0.1', port: 0 });
    admin = await signIn(app, store, 'administrator', 'all');
    local = await signIn(app, store, 'viewer', [home]);
  });
  afterAll(async () => {
    await app.close();
  });

  async function progressSeen(actor: Actor, runId: number, meanwhile: () => Promise<void>) {
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const streamed = fetch(`http://127.0.0.1:${address.port}/api/collection/runs/${runId}/events`, {
      headers: { cookie: actor.headers.cookie as string },
    }).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await meanwhile();
    return [...(await streamed).matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({
      kind: m[1],
      data: JSON.parse(m[2] as string),
    }));
  }

  it('counts only the meters of the caller’s areas while the run goes on', async () => {
    const homeMeter = await meterIn(home);
    const awayMeters = [await meterIn(away), await meterIn(away)];
    const lateAway = await meterIn(away);
    const run = await store.collection.startRun({
      planId: 'hourly-energy',
      kind: 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId: null,
      startedAt: harnessNow,
      metersPlanned: 4,
    });
    const row = (meterId: number, status: string) => ({
      runId: run.id,
      meterId,
      terminalId: null,
      portNo: null,
      status,
      reason: null,
      attempts: 1,
      durationMs: 10,
      clockOffsetMs: null,
    });
    await store.collection.recordMeters([
      row(homeMeter, 'complete'),
      ...awayMeters.map((id) => row(id, 'unreachable')),
    ]);
    await store.collection.recordProgress(run.id);
    // Another area's meter finishes while the caller watches.
    const finish = async () => {
      await store.collection.recordMeters([row(lateAway, 'partial')]);
      await store.collection.recordProgress(run.id);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await store.collection.finishRun(run.id, Date.now(), 'finished', null);
    };
    const [mine, all] = await Promise.all([
      progressSeen(local, run.id, finish),
      progressSeen(admin, run.id, async () => {}),
    ]);
    expect(all[0]).toMatchObject({
      kind: 'progress',
      data: { total: 4, done: 3, complete: 1, unreachable: 2 },
    });
    const progress = mine.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const event of progress) {
      expect(event.data).toEqual({
        runId: run.id,
        total: 1,
        done: 1,
        complete: 1,
        partial: 0,
        unreachable: 0,
      });
    }
    expect(mine.at(-1)).toMatchObject({ kind: 'finished', data: { metersTotal: 1, metersFailed: 0 } });
  });
});
