// A user changes their own password (issue 15, gap 4, item 8).
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessNow, testPassword } from '../../test/harness.ts';
import { appWith, login, makeUser, sessionHeaders } from '../../test/sign-in-fixtures.ts';
import type { App } from '../app.ts';

describeEachEngine('own password', (context) => {
  let app: App;
  beforeAll(async () => {
    app = await appWith(context.store, () => harnessNow);
  });
  afterAll(() => app.close());

  it('needs the current password, ends every other session and token, keeps this one, audited', async () => {
    const user = await makeUser(context.store, 'viewer');
    const here = sessionHeaders(await login(app, user.username, testPassword));
    const there = sessionHeaders(await login(app, user.username, testPassword));
    const token = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: here,
      payload: { name: 'script' },
    });
    const bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
    const change = (headers: Record<string, string>, currentPassword: string, newPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers,
        payload: { currentPassword, newPassword },
      });
    const me = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/api/auth/me', headers }).then((r) => r.statusCode);

    expect((await change(here, 'not my password', 'a new long password')).json()).toMatchObject({
      code: 'CURRENT_PASSWORD_WRONG',
    });
    expect((await change(here, testPassword, 'short')).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await change(bearer, testPassword, 'a new long password')).json()).toMatchObject({
      code: 'SESSION_REQUIRED',
    });
    expect(await me(there)).toBe(200);

    expect((await change(here, testPassword, 'a new long password')).statusCode).toBe(204);
    expect(await me(here)).toBe(200);
    expect(await me(there)).toBe(401);
    expect(await me(bearer)).toBe(401);
    expect((await login(app, user.username, testPassword)).statusCode).toBe(401);
    expect((await login(app, user.username, 'a new long password')).statusCode).toBe(200);
    const audit = await context.store.audit.list(
      { entity: 'user', entityId: String(user.id) },
      { offset: 0, limit: 100, sort: 'id', direction: 'asc' },
    );
    const changed = audit.items.find((entry) => entry.action === 'user.passwordChange');
    expect(changed?.details).not.toContain('a new long password');
  });
});
