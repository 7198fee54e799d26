import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, testNow, unique } from '../../test/fixtures.ts';

describeEachEngine('users and sessions', (context) => {
  it('keeps a user with its areas and their paths', async () => {
    const user = await context.store.users.create(
      {
        username: unique('u'),
        displayName: 'Cashier',
        passwordHash: 'x',
        role: 'cashier',
        allAreas: false,
        locale: 'zh-CN',
      },
      testNow,
    );
    const a = await makeArea(context.store);
    const b = await makeArea(context.store, a.id);
    await context.store.users.setAreas(user.id, [a.id, b.id, a.id]);
    expect((await context.store.users.areaIds(user.id)).sort()).toEqual([a.id, b.id].sort());
    expect((await context.store.users.areaPaths(user.id)).sort()).toEqual([a.path, b.path].sort());
  });

  it('finds a live session by token hash and forgets an expired one', async () => {
    const user = await context.store.users.create(
      {
        username: unique('u'),
        displayName: '',
        passwordHash: 'x',
        role: 'viewer',
        allAreas: false,
        locale: 'en',
      },
      testNow,
    );
    const tokenHash = unique('h');
    await context.store.sessions.create({
      tokenHash,
      userId: user.id,
      kind: 'cookie',
      name: '',
      csrfToken: 'c',
      createdAt: testNow,
      expiresAt: testNow + 1000,
      sourceIp: '::1',
    });
    expect((await context.store.sessions.find(tokenHash, testNow))?.userId).toBe(user.id);
    expect(await context.store.sessions.findWithUser(tokenHash, testNow)).toMatchObject({
      userId: user.id,
      username: user.username,
      role: 'viewer',
      allAreas: 0,
      disabled: 0,
      kind: 'cookie',
    });
    expect(await context.store.sessions.find(tokenHash, testNow + 1000)).toBeUndefined();
    expect(await context.store.sessions.deleteExpired(testNow + 1000)).toBeGreaterThanOrEqual(1);
  });

  it('are listed to a user of some areas only when held within them', async () => {
    const region = await makeArea(context.store, null, 'region');
    const inside = await makeArea(context.store, region.id);
    const outside = await makeArea(context.store);
    const make = async (allAreas: boolean, areaIds: number[]) => {
      const user = await context.store.users.create(
        { username: unique('u'), displayName: '', passwordHash: 'x', role: 'viewer', allAreas, locale: 'en' },
        testNow,
      );
      await context.store.users.setAreas(user.id, areaIds);
      return user.id;
    };
    const held = await make(false, [inside.id]);
    const straddling = await make(false, [inside.id, outside.id]);
    const everywhere = await make(true, []);
    const page = { offset: 0, limit: 500, sort: 'id' as const, direction: 'asc' as const };
    const seen = (await context.store.users.list({ kind: 'paths', paths: [region.path] }, page)).items.map(
      (u) => u.id,
    );
    expect(seen).toContain(held);
    expect(seen).not.toContain(straddling);
    expect(seen).not.toContain(everywhere);
    const all = (await context.store.users.list({ kind: 'all' }, page)).items.map((u) => u.id);
    expect(all).toEqual(expect.arrayContaining([held, straddling, everywhere]));
  });
});
