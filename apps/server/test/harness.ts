import type { Role } from '@openami/domain';
import type { AreaRow, Store } from '@openami/storage';
import { type App, buildApp } from '../src/app.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import type { FieldGateway } from '../src/http/field.ts';

/** A signed-in test user: pass `headers` to `app.inject` to act as it. */
export interface Actor {
  readonly userId: number;
  readonly username: string;
  readonly headers: Record<string, string>;
}

export const testPassword = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

export const harnessNow = Date.UTC(2026, 10, 22, 8, 0, 0);

export async function appFor(
  store: Store,
  clock: () => number = () => harnessNow,
  field?: FieldGateway,
): Promise<App> {
  return buildApp({
    checkResponses: true,
    store,
    config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
    clock,
    loginRateLimit: 1000,
    residentCodeChannel: 'log',
    ...(field === undefined ? {} : { field }),
  });
}

let counter = 0;

/** Creates a user straight in the store (hashing once per run) and signs it in through the API. */
export async function signIn(
  app: App,
  store: Store,
  role: Role,
  areas: readonly AreaRow[] | 'all',
): Promise<Actor> {
  passwordHash ??= hashPassword(testPassword);
  counter += 1;
  const username = `${role}${counter}_${process.pid}`;
  const user = await store.users.create(
    {
      username,
      displayName: role,
      passwordHash: await passwordHash,
      role,
      allAreas: areas === 'all',
      locale: 'en',
    },
    harnessNow,
  );
  if (areas !== 'all')
    await store.users.setAreas(
      user.id,
      areas.map((a) => a.id),
    );
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: testPassword },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'openami_session');
  const body = response.json<{ csrfToken: string }>();
  if (cookie === undefined) throw new Error('no session cookie');
  return {
    userId: user.id,
    username,
    headers: {
      cookie: `openami_session=${cookie.value}`,
      'x-csrf-token': body.csrfToken,
      'accept-language': 'en',
    },
  };
}
