import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appFor, harnessNow, signIn, testPassword } from '../../test/harness.ts';
import type { App } from '../app.ts';

describeEachEngine('sessions', (context) => {
  let app: App;
  let now = harnessNow;
  beforeAll(async () => {
    app = await appFor(context.store, () => now);
  });
  afterAll(() => app.close());

  it('sign in sets an httpOnly SameSite cookie; who-am-I answers; sign out ends it', async () => {
    const actor = await signIn(app, context.store, 'cashier', 'all');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: actor.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: actor.username, role: 'cashier' }, via: 'cookie' });
    // The site's zone, so that the browser asks for the site's days, not its own.
    expect(me.json().timeZone).toBe('Asia/Shanghai');
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: actor.headers });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: actor.headers });
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('the cookie is httpOnly and strict', async () => {
    const user = await signIn(app, context.store, 'viewer', 'all');
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: testPassword },
    });
    const cookie = response.cookies.find((c) => c.name === 'openami_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('refuses a cookie write without the CSRF token, and accepts a bearer token without one', async () => {
    const admin = await signIn(app, context.store, 'administrator', 'all');
    const { 'x-csrf-token': _csrf, ...withoutCsrf } = admin.headers;
    const refused = await app.inject({
      method: 'POST',
      url: '/api/price-types',
      headers: withoutCsrf,
      payload: { code: 'csrf-1', name: 'x', unitPriceMilliFenPerKwh: 1 },
    });
    expect(refused.json()).toMatchObject({ code: 'CSRF_FAILED' });

    const token = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: admin.headers,
      payload: { name: 'collector' },
    });
    expect(token.statusCode).toBe(201);
    const bearer = token.json<{ token: string }>().token;
    const created = await app.inject({
      method: 'POST',
      url: '/api/price-types',
      headers: { authorization: `Bearer ${bearer}` },
      payload: { code: 'csrf-2', name: 'x', unitPriceMilliFenPerKwh: 1 },
    });
    expect(created.statusCode).toBe(201);
  });

  it('lists and revokes bearer tokens; a revoked token stops working', async () => {
    const admin = await signIn(app, context.store, 'administrator', 'all');
    const created = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: admin.headers,
      payload: { name: 'billing' },
    });
    const bearer = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
    const list = await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer });
    const [token] = list.json<{ id: string; name: string }[]>();
    expect(token?.name).toBe('billing');
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${token?.id}`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('answers wrong passwords alike for unknown users, then locks after five failures', async () => {
    const user = await signIn(app, context.store, 'viewer', 'all');
    const attempt = (username: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
        headers: { 'accept-language': 'zh-CN' },
      });
    expect((await attempt('nobody-here', 'whatever')).json()).toMatchObject({
      code: 'BAD_CREDENTIALS',
      message: '用户名或密码错误',
    });
    for (let i = 0; i < 5; i++) expect((await attempt(user.username, 'wrong')).statusCode).toBe(401);
    expect((await attempt(user.username, testPassword)).json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    now += 16 * 60_000;
    expect((await attempt(user.username, testPassword)).statusCode).toBe(200);
  });

  it('errors carry a stable code, a message in the asked language, and details', async () => {
    const admin = await signIn(app, context.store, 'administrator', 'all');
    const response = await app.inject({
      method: 'POST',
      url: '/api/areas',
      headers: admin.headers,
      payload: { kind: 'x' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; message: string; details: { issues: unknown[] } }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toBe('The request is not valid');
    expect(body.details.issues.length).toBeGreaterThan(0);
    const missing = await app.inject({ method: 'GET', url: '/api/nowhere', headers: admin.headers });
    expect(missing.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/meters');
  });

  it('rate-limits sign-in attempts per address', async () => {
    const strict = await (await import('../app.ts')).buildApp({
      checkResponses: true,
      store: context.store,
      config: { sessionTtlMs: 60_000, cookieSecure: false, trustProxy: false },
      loginRateLimit: 2,
    });
    const attempt = () =>
      strict.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
    await attempt();
    await attempt();
    expect((await attempt()).json()).toMatchObject({ code: 'RATE_LIMITED' });
    await strict.close();
  });
});
