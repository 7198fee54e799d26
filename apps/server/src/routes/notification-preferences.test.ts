// Alarm e-mail preferences through the API, on both engines: one's own, read and set by anyone signed in;
// another's only by who manages that user, the change audited with who made it.
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

describeEachEngine('notification preferences', (context) => {
  let app: App;
  let viewer: Actor;
  let admin: Actor;
  let outsideAdmin: Actor;

  beforeAll(async () => {
    app = await appFor(context.store);
    const home = await context.store.areas.create(
      { parentId: null, kind: 'community', code: `H${process.pid}`, name: 'home' },
      0,
    );
    const away = await context.store.areas.create(
      { parentId: null, kind: 'community', code: `W${process.pid}`, name: 'away' },
      0,
    );
    viewer = await signIn(app, context.store, 'viewer', [home]);
    admin = await signIn(app, context.store, 'administrator', 'all');
    outsideAdmin = await signIn(app, context.store, 'administrator', [away]);
  });
  afterAll(() => app.close());

  it('read and set one’s own: none at first, then a digest to an address', async () => {
    const before = await app.inject({
      method: 'GET',
      url: '/api/users/me/notifications',
      headers: viewer.headers,
    });
    expect(before.json()).toEqual({
      userId: viewer.userId,
      email: null,
      delivery: 'off',
      updatedAt: null,
      updatedBy: null,
    });
    const set = await app.inject({
      method: 'PUT',
      url: '/api/users/me/notifications',
      headers: viewer.headers,
      payload: { email: 'li.si@example.cn', delivery: 'digest' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      email: 'li.si@example.cn',
      delivery: 'digest',
      updatedBy: viewer.userId,
    });
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/users/me/notifications',
      headers: viewer.headers,
      payload: { email: 'not an address', delivery: 'weekly' },
    });
    expect(bad.statusCode).toBe(400);
    // Nobody else's through the by-id route without the permission.
    const other = await app.inject({
      method: 'GET',
      url: `/api/users/${admin.userId}/notifications`,
      headers: viewer.headers,
    });
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('let an administrator set another’s, audited; not one of another area', async () => {
    const refused = await app.inject({
      method: 'PUT',
      url: `/api/users/${viewer.userId}/notifications`,
      headers: outsideAdmin.headers,
      payload: { email: null, delivery: 'off' },
    });
    expect(refused.json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
    const changed = await app.inject({
      method: 'PUT',
      url: `/api/users/${viewer.userId}/notifications`,
      headers: admin.headers,
      payload: { email: 'li.si@example.cn', delivery: 'each' },
    });
    expect(changed.json()).toMatchObject({ delivery: 'each', updatedBy: admin.userId });
    const audit = await context.store.audit.list(
      { entity: 'user', entityId: String(viewer.userId), actorUserId: admin.userId },
      { sort: 'at', direction: 'desc', limit: 1, offset: 0 },
    );
    expect(audit.items[0]).toMatchObject({ action: 'user.notifications', actorUserId: admin.userId });
    expect(JSON.parse(String(audit.items[0]?.details))).toEqual({ delivery: ['digest', 'each'] });
    const seen = await app.inject({
      method: 'GET',
      url: `/api/users/${viewer.userId}/notifications`,
      headers: admin.headers,
    });
    expect(seen.json()).toMatchObject({ email: 'li.si@example.cn', delivery: 'each' });
  });
});
