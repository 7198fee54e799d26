import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { RESIDENT_CODE_TOPIC, residentCodeMessage } from '@openami/alarms';
import type { AuditAction } from '@openami/contract';
import type { Repositories, Store } from '@openami/storage';
import { newToken, tokenHash } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';

/** How long a code is good for, and how many tries it gets. */
export const codeTtlMs = 5 * 60_000;
export const codeAttempts = 5;
/**
 * One code a minute to an account number and phone number; at most five an hour to them, and twenty an hour
 * from one address. The first two count by the phone typed too, so a stranger who knows only the account
 * number uses up nobody's quota but their own address's.
 */
export const resendAfterMs = 60_000;
export const codesPerAccountPerHour = 5;
export const codesPerAddressPerHour = 20;
const hourMs = 3_600_000;
/** A resident's session lasts two hours and is not extended: a phone left somewhere signs itself out. */
export const residentSessionTtlMs = 2 * hourMs;

export interface SignInRequest {
  readonly sourceIp: string;
  readonly now: number;
}

/** Account numbers and phone numbers as people type them: spaces and dashes dropped. */
export function normaliseAccountNo(text: string): string {
  return text.trim();
}
export function normalisePhone(text: string): string {
  return text.replace(/[\s-]/g, '').replace(/^\+86/, '');
}

function codeHash(salt: string, code: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

/** Audit entries of residents: no user row, so the actor is named by the account number. */
function auditResident(
  repos: Repositories,
  request: SignInRequest,
  action: AuditAction,
  accountNo: string,
  details: unknown,
) {
  return repos.audit.append({
    at: request.now,
    actorUserId: null,
    actorName: `resident:${accountNo}`,
    sourceIp: request.sourceIp,
    action,
    entity: 'account',
    entityId: accountNo,
    details,
  });
}

/**
 * Sends a one-time code to a phone number on the account, through the notification outbox. The answer is
 * the same whether or not the account exists and the number is on it, and the limits count every request by
 * the account number and phone typed and by the address, so neither tells anything either. The limits are
 * checked and the request recorded under a lock on the account number and the address, so requests at once
 * cannot slip past them. A new code does not cancel one sent before: each stays good until used, tried out
 * or expired.
 */
export async function requestCode(
  store: Store,
  input: { readonly accountNo: string; readonly phone: string },
  request: SignInRequest & { readonly channel: 'sms' | 'log' | undefined },
): Promise<{ expiresAt: number; resendAfterMs: number }> {
  const channel = request.channel;
  if (channel === undefined) throw new AppError('RESIDENT_SIGN_IN_UNAVAILABLE');
  const { now, sourceIp } = request;
  const accountNo = normaliseAccountNo(input.accountNo);
  const phone = normalisePhone(input.phone);
  return store.transaction(async (tx) => {
    await tx.residentAccess.lockRequests(accountNo, sourceIp);
    const toAccount = await tx.residentAccess.codesSince({ accountNo, phone }, now - hourMs);
    const last = toAccount.at(-1);
    if (last !== undefined && now - last < resendAfterMs) {
      throw new AppError('RESIDENT_CODE_TOO_SOON', {
        retryAfterSeconds: Math.ceil((last + resendAfterMs - now) / 1000),
      });
    }
    const fromAddress = await tx.residentAccess.codesSince({ sourceIp }, now - hourMs);
    const over =
      toAccount.length >= codesPerAccountPerHour
        ? toAccount[toAccount.length - codesPerAccountPerHour]
        : fromAddress.length >= codesPerAddressPerHour
          ? fromAddress[fromAddress.length - codesPerAddressPerHour]
          : undefined;
    if (over !== undefined) throw new AppError('RATE_LIMITED', { retryAfterMs: over + hourMs - now });

    const account = await tx.residentAccess.openAccount(accountNo);
    const phones = account === undefined ? [] : (JSON.parse(account.phones) as string[]).map(normalisePhone);
    const matched = account !== undefined && phone !== '' && phones.includes(phone);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    const row = await tx.residentAccess.recordCode({
      accountNo,
      accountId: matched ? account.id : null,
      phone,
      codeSalt: salt,
      // Nobody is sent a code for a request that matched nothing: its hash is of a code never shown.
      codeHash: codeHash(salt, matched ? code : newToken()),
      sourceIp,
      createdAt: now,
      expiresAt: now + codeTtlMs,
    });
    if (matched) {
      await tx.notifications.enqueue(
        [
          {
            dedupeKey: `resident-code:${row.id}`,
            alarmId: null,
            channel,
            recipient: phone,
            body: residentCodeMessage(code, codeTtlMs / 60_000),
            audience: 'resident',
            topic: RESIDENT_CODE_TOPIC,
          },
        ],
        now,
      );
    }
    await auditResident(tx, request, 'resident.codeRequested', accountNo, {
      phone: maskPhone(phone),
      sent: matched,
    });
    return { expiresAt: now + codeTtlMs, resendAfterMs };
  });
}

export interface ResidentSignIn {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly accountId: number;
  readonly accountNo: string;
}

/**
 * Trades a code sent for an account number for a resident session: any code still live, so a later request
 * (the resident's own again, or a stranger's) does not take back the one in hand. Each try counts against
 * every live code of the account number, whether it succeeds or not; after `codeAttempts` a code is dead. A
 * code opens one session.
 */
export async function verifyCode(
  store: Store,
  input: { readonly accountNo: string; readonly code: string },
  request: SignInRequest,
): Promise<ResidentSignIn> {
  const accountNo = normaliseAccountNo(input.accountNo);
  const given = input.code.trim();
  const live = await store.residentAccess.liveCodes(accountNo, request.now);
  const tried = [];
  for (const code of live) {
    if (await store.residentAccess.countAttempt(code.id, codeAttempts)) tried.push(code);
  }
  let matched: (typeof live)[number] | undefined;
  for (const code of tried) {
    const same = timingSafeEqual(Buffer.from(codeHash(code.codeSalt, given)), Buffer.from(code.codeHash));
    if (same && matched === undefined) matched = code;
  }
  const used = matched !== undefined && (await store.residentAccess.useCode(matched.id, request.now));
  if (!used || matched === undefined || matched.accountId === null) {
    await auditResident(store, request, 'resident.signInFailed', accountNo, {
      reason: live.length === 0 ? 'no live code' : tried.length > 0 ? 'wrong code' : 'no tries left',
    });
    throw new AppError('RESIDENT_CODE_INVALID');
  }
  const accountId = Number(matched.accountId);
  const token = newToken();
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = request.now + residentSessionTtlMs;
  await store.transaction(async (tx) => {
    await tx.residentAccess.createSession({
      tokenHash: tokenHash(token),
      accountId,
      csrfToken,
      sourceIp: request.sourceIp,
      createdAt: request.now,
      expiresAt,
    });
    await auditResident(tx, request, 'resident.signIn', accountNo, { phone: maskPhone(matched.phone) });
  });
  return { token, csrfToken, expiresAt, accountId, accountNo };
}

export async function signOutResident(
  store: Store,
  resident: { readonly tokenHash: string; readonly accountNo: string },
  request: SignInRequest,
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.residentAccess.deleteSession(resident.tokenHash);
    await auditResident(tx, request, 'resident.signOut', resident.accountNo, {});
  });
}

/** 138****0000: enough to tell which number, not enough to call it. */
export function maskPhone(phone: string): string {
  return phone.length <= 7 ? '****' : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
