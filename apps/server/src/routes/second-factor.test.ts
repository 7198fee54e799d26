// TOTP as a second factor (issue 15, gap 4, item 7): enrolment, the two-step sign-in, codes good once,
// recovery codes, turning it off, and the setting that requires it of administrators and finance.
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessNow, testPassword } from '../../test/harness.ts';
import { appWith, login, makeUser, sessionHeaders } from '../../test/sign-in-fixtures.ts';
import type { App } from '../app.ts';
import { totpCode, totpStepMs } from '../auth/totp.ts';

describeEachEngine('second factor', (context) => {
  let now = harnessNow;
  let app: App;
  let strict: App;
  beforeAll(async () => {
    app = await appWith(context.store, () => now);
    strict = await appWith(context.store, () => now, { totpRequired: true });
  });
  afterAll(async () => {
    await app.close();
    await strict.close();
  });

  const post = (on: App, url: string, headers: Record<string, string>, payload?: object) =>
    on.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

  /** Enrols the signed-in session's user; the secret and recovery codes. */
  const enrol = async (on: App, headers: Record<string, string>) => {
    const started = await post(on, '/api/auth/totp/enrolment', headers);
    expect(started.statusCode).toBe(201);
    const { secret, uri } = started.json<{ secret: string; uri: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\/OpenAMI%3A.+\?secret=[A-Z2-7]+&issuer=OpenAMI/);
    const confirmed = await post(on, '/api/auth/totp/confirmation', headers, { code: totpCode(secret, now) });
    expect(confirmed.statusCode).toBe(200);
    return { secret, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
  };

  const auditActions = async (userId: number) => {
    const page = await context.store.audit.list(
      { entity: 'user', entityId: String(userId) },
      { offset: 0, limit: 100, sort: 'id', direction: 'asc' },
    );
    return page.items.map((entry) => entry.action);
  };

  it('enrols, then signs in in two steps; a code is good once; wrong codes are refused and audited', async () => {
    now = harnessNow;
    const user = await makeUser(context.store, 'cashier');
    const first = await login(app, user.username, testPassword);
    const { secret, recoveryCodes } = await enrol(app, sessionHeaders(first));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const stepOne = await login(app, user.username, testPassword);
    expect(stepOne.statusCode).toBe(200);
    expect(stepOne.cookies.find((c) => c.name === 'openami_session')).toBeUndefined();
    const { challenge, secondFactor } = stepOne.json<{ challenge: string; secondFactor: string }>();
    expect(secondFactor).toBe('totp');
    const second = (code: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login/second-factor',
        payload: { challenge, code },
        headers: { 'accept-language': 'en' },
      });
    // The code confirmed at enrolment is spent: not again within its window.
    expect((await second(totpCode(secret, now))).json()).toMatchObject({ code: 'SECOND_FACTOR_FAILED' });
    expect((await second('000000')).statusCode).toBe(401);
    now += totpStepMs;
    const signedIn = await second(totpCode(secret, now));
    expect(signedIn.statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: sessionHeaders(signedIn) });
    expect(me.json()).toMatchObject({ secondFactor: { enabled: true, recoveryCodesLeft: 10 } });
    // The challenge is used up with the sign-in.
    expect((await second(totpCode(secret, now + totpStepMs))).json()).toMatchObject({
      code: 'SIGN_IN_EXPIRED',
    });
    const actions = await auditActions(user.id);
    expect(actions).toContain('totp.enrol');
    expect(actions.filter((a) => a === 'session.secondFactorFailed')).toHaveLength(2);
  });

  it('takes a recovery code once; five wrong codes end the challenge and lock as wrong passwords do', async () => {
    now = harnessNow;
    const user = await makeUser(context.store, 'viewer');
    const { recoveryCodes } = await enrol(app, sessionHeaders(await login(app, user.username, testPassword)));
    const challengeOf = async () =>
      (await login(app, user.username, testPassword)).json<{ challenge: string }>().challenge;
    const second = (challenge: string, code: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login/second-factor', payload: { challenge, code } });
    const code = recoveryCodes[0] ?? '';
    expect((await second(await challengeOf(), code.toUpperCase())).statusCode).toBe(200);
    expect((await second(await challengeOf(), code)).json()).toMatchObject({ code: 'SECOND_FACTOR_FAILED' });

    const challenge = await challengeOf();
    for (let i = 0; i < 4; i++) await second(challenge, `00000${i}`);
    expect((await second(challenge, recoveryCodes[1] ?? '')).statusCode).toBe(200);
    // Wrong codes count as wrong passwords do: five end the challenge and hold the pair back.
    const doomed = await challengeOf();
    for (let i = 0; i < 5; i++) await second(doomed, `00000${i}`);
    expect((await second(doomed, recoveryCodes[2] ?? '')).json()).toMatchObject({ code: 'SIGN_IN_EXPIRED' });
    expect((await login(app, user.username, testPassword)).json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    now += 61_000;
    expect((await second(await challengeOf(), recoveryCodes[2] ?? '')).statusCode).toBe(200);
  });

  it('turns off only with the password and a current code, audited', async () => {
    now = harnessNow;
    const user = await makeUser(context.store, 'viewer');
    const headers = sessionHeaders(await login(app, user.username, testPassword));
    const { secret } = await enrol(app, headers);
    now += totpStepMs;
    const off = (password: string, code: string) =>
      post(app, '/api/auth/totp/disable', headers, { password, code });
    expect((await off('wrong password', totpCode(secret, now))).json()).toMatchObject({
      code: 'CURRENT_PASSWORD_WRONG',
    });
    expect((await off(testPassword, '123456')).json()).toMatchObject({ code: 'SECOND_FACTOR_FAILED' });
    expect((await off(testPassword, totpCode(secret, now))).statusCode).toBe(204);
    expect((await login(app, user.username, testPassword)).cookies.length).toBeGreaterThan(0);
    const actions = await auditActions(user.id);
    expect(actions).toContain('totp.disable');
    expect(actions).toContain('totp.codeFailed');
  });

  it('makes administrators and finance without it enrol before anything else', async () => {
    now = harnessNow;
    for (const role of ['administrator', 'finance'] as const) {
      const user = await makeUser(context.store, role);
      const first = await login(strict, user.username, testPassword);
      expect(first.json()).toMatchObject({ mustEnrol: true });
      const headers = sessionHeaders(first);
      const elsewhere = () => strict.inject({ method: 'GET', url: '/api/meters', headers });
      expect((await elsewhere()).json()).toMatchObject({ code: 'SECOND_FACTOR_ENROLMENT_REQUIRED' });
      expect((await post(strict, '/api/auth/tokens', headers, { name: 'x' })).json()).toMatchObject({
        code: 'SECOND_FACTOR_ENROLMENT_REQUIRED',
      });
      const me = await strict.inject({ method: 'GET', url: '/api/auth/me', headers });
      expect(me.json()).toMatchObject({ secondFactor: { required: true, mustEnrol: true, enabled: false } });
      const { secret } = await enrol(strict, headers);
      expect((await elsewhere()).statusCode).toBe(200);
      now += totpStepMs;
      // Required of the role: it cannot be turned off.
      expect(
        (
          await post(strict, '/api/auth/totp/disable', headers, {
            password: testPassword,
            code: totpCode(secret, now),
          })
        ).json(),
      ).toMatchObject({ code: 'TOTP_REQUIRED' });
    }
    const cashier = await makeUser(context.store, 'cashier');
    expect((await login(strict, cashier.username, testPassword)).json()).toMatchObject({ mustEnrol: false });
  });

  it('will not start a second enrolment over a confirmed one', async () => {
    now = harnessNow;
    const user = await makeUser(context.store, 'viewer');
    const headers = sessionHeaders(await login(app, user.username, testPassword));
    await enrol(app, headers);
    expect((await post(app, '/api/auth/totp/enrolment', headers)).json()).toMatchObject({
      code: 'TOTP_ALREADY_ENABLED',
    });
  });

  it("lets an administrator reset a user's second factor (a lost phone): off, their sessions ended, audited", async () => {
    now = harnessNow;
    const user = await makeUser(context.store, 'viewer');
    const headers = sessionHeaders(await login(app, user.username, testPassword));
    await enrol(app, headers);
    const admin = await makeUser(context.store, 'administrator');
    const adminHeaders = sessionHeaders(await login(app, admin.username, testPassword));
    const reset = await app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: adminHeaders,
      payload: { resetSecondFactor: true },
    });
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
    const again = await login(app, user.username, testPassword);
    expect(again.cookies.find((c) => c.name === 'openami_session')).toBeDefined();
    const audit = await context.store.audit.list(
      { entity: 'user', entityId: String(user.id) },
      { offset: 0, limit: 10, sort: 'id', direction: 'desc' },
    );
    expect(audit.items.find((e) => e.action === 'user.update')?.details).toContain('reset');
  });
});
