import type { Store } from '@openami/storage';
import type { App } from '../src/app.ts';
import { harnessNow } from './harness.ts';

/** A signed-in resident: pass `headers` to `app.inject` to act as them. */
export interface ResidentActor {
  readonly accountId: number;
  readonly accountNo: string;
  readonly headers: Record<string, string>;
}

/** The code the outbox holds for a phone, as the log channel would print it (leases the message). */
export async function codeSentTo(store: Store, phone: string, now = harnessNow): Promise<string> {
  const leased = await store.notifications.lease(now, 30_000, 500);
  const message = leased.filter((m) => m.topic === 'resident-code' && m.recipient === phone).at(-1);
  const code = message === undefined ? undefined : /(\d{6})/.exec(message.body)?.[1];
  if (code === undefined) throw new Error(`no code went to ${phone}`);
  return code;
}

/** Requests a code for an account through the API, reads it from the outbox and signs in with it. */
export async function signInResident(
  app: App,
  store: Store,
  account: { readonly id: number; readonly accountNo: string },
  phone: string,
  now = harnessNow,
): Promise<ResidentActor> {
  const requested = await app.inject({
    method: 'POST',
    url: '/api/resident/code',
    payload: { accountNo: account.accountNo, phone },
  });
  if (requested.statusCode !== 202) throw new Error(`code request failed: ${requested.body}`);
  const code = await codeSentTo(store, phone, now);
  const response = await app.inject({
    method: 'POST',
    url: '/api/resident/session',
    payload: { accountNo: account.accountNo, code },
  });
  if (response.statusCode !== 200) throw new Error(`resident sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'openami_resident');
  if (cookie === undefined) throw new Error('no resident cookie');
  return {
    accountId: account.id,
    accountNo: account.accountNo,
    headers: {
      cookie: `openami_resident=${cookie.value}`,
      'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken,
      'accept-language': 'en',
    },
  };
}
