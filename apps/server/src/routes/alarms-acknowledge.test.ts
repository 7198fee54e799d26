// Several alarms acknowledged with one comment, on both engines: all in the caller's areas or none, each
// acknowledged one audited on its own, those already acknowledged or cleared skipped and listed; the
// permission is alarm.acknowledge's.
import type { AreaRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

describeEachEngine('batch acknowledgement', (context) => {
  let app: App;
  let store: Store;
  const tag = `${process.pid}${Date.now().toString(36)}`;
  let home: AreaRow;
  let away: AreaRow;
  let maintenance: Actor;
  let n = 0;

  const raise = async (kind: string, area: AreaRow) => {
    n += 1;
    const objectId = `${tag}-${n}`;
    return (
      await store.alarms.raise(
        { kind, objectType: 'meter', objectId, severity: 'major', areaId: area.id, evidence: {} },
        harnessNow,
      )
    ).alarm.id;
  };
  const post = (actor: Actor, ids: number[], comment = '终端已恢复供电') =>
    app.inject({
      method: 'POST',
      url: '/api/alarms/acknowledge',
      headers: actor.headers,
      payload: { ids, comment },
    });

  beforeAll(async () => {
    store = context.store;
    app = await appFor(store);
    home = await store.areas.create(
      { parentId: null, kind: 'community', code: `H-${tag}`, name: 'Home' },
      harnessNow,
    );
    away = await store.areas.create(
      { parentId: null, kind: 'community', code: `W-${tag}`, name: 'Away' },
      harnessNow,
    );
    maintenance = await signIn(app, store, 'maintenance', [home]);
  });
  afterAll(() => app.close());

  it('acknowledges each alarm with the one comment, audits each, and lists those no longer raised', async () => {
    const unreachable = await raise('meter-unreachable', home);
    const cover = await raise('cover-open', home);
    const seen = await raise('low-balance', home);
    await store.alarms.acknowledge(seen, { userId: null, name: 'li' }, 'seen', harnessNow, false);
    const response = await post(maintenance, [unreachable, cover, seen]);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      acknowledged: { id: number; state: string; ackComment: string; acknowledgedByName: string }[];
      skipped: { id: number; state: string }[];
    }>();
    expect(body.acknowledged.map((a) => [a.id, a.state, a.ackComment, a.acknowledgedByName])).toEqual([
      [unreachable, 'acknowledged', '终端已恢复供电', maintenance.username],
      // An event alarm clears with its acknowledgement.
      [cover, 'cleared', '终端已恢复供电', maintenance.username],
    ]);
    expect(body.skipped).toEqual([{ id: seen, state: 'acknowledged' }]);
    for (const id of [unreachable, cover]) {
      const audit = await store.audit.list(
        { entity: 'alarm', entityId: String(id) },
        { sort: 'id', direction: 'asc', limit: 10, offset: 0 },
      );
      expect(audit.items.map((a) => [a.action, a.actorName])).toEqual([
        ['alarm.acknowledged', maintenance.username],
      ]);
    }
  });

  it('acknowledges nothing when one alarm is outside the caller’s areas or does not exist', async () => {
    const mine = await raise('meter-unreachable', home);
    const theirs = await raise('meter-unreachable', away);
    expect((await post(maintenance, [mine, theirs])).json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
    expect((await post(maintenance, [mine, 99_999_999])).json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await store.alarms.get(mine))?.state).toBe('raised');
  });

  it('is refused to a role without alarm.acknowledge, and takes neither duplicates nor an empty comment', async () => {
    const id = await raise('meter-unreachable', home);
    const viewer = await signIn(app, store, 'viewer', [home]);
    expect((await post(viewer, [id])).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await post(maintenance, [id, id])).statusCode).toBe(400);
    expect((await post(maintenance, [id], '')).statusCode).toBe(400);
    expect((await store.alarms.get(id))?.state).toBe('raised');
  });
});
