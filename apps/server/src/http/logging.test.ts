import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessNow } from '../../test/harness.ts';
import { type App, buildApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { loggerOptions, requestIdOf, scrubError } from './logging.ts';

const password = 'Tr0ub4dor&3-logged-never';
const phone = '13912345678';
const idNumber = '11010519491231002X';
const totp = '492039';

interface Line {
  readonly reqId?: string;
  readonly msg?: string;
}

describeEachEngine('the log of a sign-in and a customer update', (context) => {
  let app: App;
  const lines: string[] = [];

  beforeAll(async () => {
    app = await buildApp({
      store: context.store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      clock: () => harnessNow,
      loginRateLimit: 1000,
      logger: loggerOptions('trace', { write: (line: string) => lines.push(line) }),
    });
    await context.store.users.create(
      {
        username: 'logger',
        displayName: 'Log Tester',
        passwordHash: await hashPassword(password),
        role: 'administrator',
        allAreas: true,
        locale: 'en',
      },
      harnessNow,
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('carries one request id on every line of a request and no secret or personal value', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-request-id': 'proxy-4f2a.9' },
      payload: { username: 'logger', password, totp },
    });
    expect(signIn.statusCode).toBe(200);
    // The proxy's id is kept, and said back.
    expect(signIn.headers['x-request-id']).toBe('proxy-4f2a.9');
    const cookie = signIn.cookies.find((c) => c.name === 'openami_session');
    const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
    if (cookie === undefined) throw new Error('no session cookie');
    const headers = {
      cookie: `openami_session=${cookie.value}`,
      'x-csrf-token': csrf,
      // Not a safe token: replaced by one of ours.
      'x-request-id': 'evil\nid {"admin":true}',
    };
    const area = await context.store.areas.create(
      { parentId: null, kind: 'community', code: 'LOG1', name: 'Log area' },
      harnessNow,
    );
    const created = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers,
      payload: { code: 'LOGC1', name: '张三', unit: '', address: '1-101', idNumber: '', areaId: area.id },
    });
    expect(created.statusCode).toBe(201);
    const customerId = created.json<{ id: number }>().id;
    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/customers/${customerId}?phone=${phone}&idNumber=${idNumber}`,
      headers,
      payload: { idNumber, address: `call ${phone}` },
    });
    expect(updated.statusCode).toBe(200);
    const updateId = updated.headers['x-request-id'];
    expect(updateId).toMatch(/^[0-9a-f-]{36}$/);
    // An error logged on the way (a database's own words name the values of a key).
    const failure = Object.assign(new Error(`duplicate key value: (id_number)=(${idNumber})`), {
      detail: `Key (phone)=(${phone}) already exists.`,
      code: '23505',
    });
    app.log.error({ err: failure, body: { password, totp, phones: [phone] } }, `update of ${phone} failed`);
    app.log.info({ headers: { authorization: `Bearer ${cookie.value}`, cookie: headers.cookie } }, 'seen');

    const text = lines.join('');
    for (const secret of [password, totp, phone, idNumber, cookie.value, csrf]) {
      expect(text, `the log holds ${secret}`).not.toContain(secret);
    }
    const parsed = lines.map((line) => JSON.parse(line) as Line);
    const ofSignIn = parsed.filter((l) => l.reqId === 'proxy-4f2a.9');
    expect(ofSignIn.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    const ofUpdate = parsed.filter((l) => l.reqId === updateId);
    expect(ofUpdate.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    // Every line that belongs to a request carries an id, and no request's id was taken from the bad header.
    const requestLines = parsed.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed');
    expect(requestLines.every((l) => typeof l.reqId === 'string')).toBe(true);
    expect(text).not.toContain('evil');
    expect(text).toContain('[redacted]');
  });
});

it('takes an incoming request id only when it is a short safe token', () => {
  const of = (value: string | undefined) =>
    requestIdOf({ headers: value === undefined ? {} : { 'x-request-id': value } } as never);
  expect(of('abc-123_4.5:6')).toBe('abc-123_4.5:6');
  for (const bad of ['', 'a'.repeat(65), 'has space', 'line\nbreak', '<script>', undefined]) {
    expect(of(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  }
});

it('scrubs an error of its values, its own fields included', () => {
  const error = Object.assign(new Error(`phone ${phone}, id ${idNumber}`), {
    detail: `Key (phone)=(+86 ${phone})`,
    password,
  });
  const text = JSON.stringify(scrubError(error));
  expect(text).not.toContain(phone);
  expect(text).not.toContain(idNumber);
  expect(text).not.toContain(password);
  expect(text).toContain('"type":"Error"');
});
