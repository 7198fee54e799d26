import type { Store } from '@openami/storage';
import { type App, buildApp, type SignInConfig } from '../src/app.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { harnessNow, testPassword } from './harness.ts';

const hour = 3_600_000;

/** An app with the sign-in settings given (the harness's otherwise). */
export function appWith(store: Store, clock: () => number, config: Partial<SignInConfig> = {}): Promise<App> {
  return buildApp({
    checkResponses: true,
    store,
    clock,
    loginRateLimit: 1000,
    config: { sessionTtlMs: hour, cookieSecure: 'auto', trustProxy: false, ...config },
  });
}

let made = 0;
let passwordHash: Promise<string> | undefined;

/** A user straight in the store, with the harness's password, not signed in. */
export async function makeUser(
  store: Store,
  role: 'administrator' | 'viewer' | 'finance' | 'cashier',
  disabled = false,
): Promise<{ id: number; username: string }> {
  made += 1;
  passwordHash ??= hashPassword(testPassword);
  const username = `signin${made}_${process.pid}`;
  const user = await store.users.create(
    { username, displayName: '', passwordHash: await passwordHash, role, allAreas: true, locale: 'en' },
    harnessNow,
  );
  if (disabled) await store.users.update(user.id, { disabled: 1 }, harnessNow);
  return { id: user.id, username };
}

export const login = (
  app: App,
  username: string,
  password: string,
  remoteAddress = '127.0.0.1',
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
    headers: { 'accept-language': 'en', ...headers },
  });

/** The headers that act as the session a sign-in answer opened. */
export function sessionHeaders(response: {
  cookies: { name: string; value: string }[];
  json: <T>() => T;
}): Record<string, string> {
  const cookie = response.cookies.find((c) => c.name === 'openami_session');
  if (cookie === undefined) throw new Error('no session cookie');
  const { csrfToken } = response.json<{ csrfToken: string }>();
  return { cookie: `openami_session=${cookie.value}`, 'x-csrf-token': csrfToken, 'accept-language': 'en' };
}
