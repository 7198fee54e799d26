import { randomBytes } from 'node:crypto';
import { isRole, type Role } from '@openami/domain';
import type { Store, UserRow } from '@openami/storage';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import { newToken, tokenHash } from '../auth/tokens.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { checkSecondFactor } from './second-factor-check.ts';

/**
 * Failed sign-ins are counted per (username as typed, source address). From the fifth in a row that pair is
 * locked, for a minute, then twice as long after each further failure, up to an hour; a right password
 * clears the count, and a day without failures forgets it. Counted whether or not the user exists, so a
 * lock says nothing about the account, and a stranger's failures lock out only the stranger's address.
 */
export const failuresBeforeLock = 5;
export const firstLockMs = 60_000;
export const longestLockMs = 60 * 60_000;
export const forgetFailuresAfterMs = 24 * 3_600_000;
/** The second step of a sign-in must follow within this, with at most this many wrong codes. */
export const challengeTtlMs = 5 * 60_000;
export const challengeAttempts = 5;

/** Roles that must have a second factor when OPENAMI_TOTP_REQUIRED is on: they move money and users. */
export const secondFactorRoles: readonly Role[] = ['administrator', 'finance'];

export interface SignInPolicy {
  readonly sessionTtlMs: number;
  readonly sessionMaxMs: number;
  readonly totpRequired: boolean;
}
export interface SignInRequest {
  readonly sourceIp: string;
  readonly now: number;
  readonly policy: SignInPolicy;
}
export interface LoginInput {
  readonly username: string;
  readonly password: string;
}
export interface SessionOpened {
  readonly kind: 'session';
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly user: UserRow;
  /** The session may only enrol a second factor until it has. */
  readonly mustEnrol: boolean;
}
export interface SecondFactorDue {
  readonly kind: 'secondFactor';
  readonly challenge: string;
  readonly expiresAt: number;
}

export function lockMsAfter(failures: number): number {
  if (failures < failuresBeforeLock) return 0;
  return Math.min(longestLockMs, firstLockMs * 2 ** (failures - failuresBeforeLock));
}

export function secondFactorRequired(role: string, policy: Pick<SignInPolicy, 'totpRequired'>): boolean {
  return policy.totpRequired && isRole(role) && secondFactorRoles.includes(role);
}

/**
 * The first step: username and password. Unknown, disabled and wrong-password users get the same answer
 * after the same work (the password hash is always verified); a locked (username, address) pair is
 * answered alike whether or not the user exists.
 */
export async function login(
  store: Store,
  input: LoginInput,
  request: SignInRequest,
): Promise<SessionOpened | SecondFactorDue> {
  const { now, sourceIp } = request;
  const record = await store.signInFailures.get(input.username, sourceIp);
  if (record?.lockedUntil != null && record.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', { retryAfterSeconds: Math.ceil((record.lockedUntil - now) / 1000) });
  }
  const user = await store.users.getByUsername(input.username);
  const passwordRight = await verifyPassword(
    user?.passwordHash ?? (await decoyPasswordHash()),
    input.password,
  );
  if (user === undefined || user.disabled !== 0 || !isRole(user.role) || !passwordRight) {
    await countFailure(store, input.username, user, request);
    throw new AppError('BAD_CREDENTIALS');
  }
  await store.signInFailures.clear(input.username, sourceIp);
  const totp = await store.secondFactors.totp(user.id);
  if (totp !== undefined && totp.confirmedAt !== null) {
    const challenge = newToken();
    const expiresAt = now + challengeTtlMs;
    await store.secondFactors.createChallenge({
      tokenHash: tokenHash(challenge),
      userId: user.id,
      sourceIp,
      attempts: 0,
      expiresAt,
    });
    return { kind: 'secondFactor', challenge, expiresAt };
  }
  return openSession(store, user, request, {
    mustEnrol: secondFactorRequired(user.role, request.policy),
    secondFactor: 'none',
  });
}

async function countFailure(
  store: Store,
  username: string,
  user: UserRow | undefined,
  request: SignInRequest,
): Promise<void> {
  const { now, sourceIp } = request;
  await store.transaction(async (tx) => {
    const failures = await tx.signInFailures.count(username, sourceIp, now, now - forgetFailuresAfterMs);
    const lockMs = lockMsAfter(failures);
    if (lockMs > 0) await tx.signInFailures.lock(username, sourceIp, now + lockMs);
    if (user !== undefined) {
      await recordAudit(tx, signInActor(user, request), 'session.loginFailed', 'user', user.id, {
        failures,
        ...(lockMs > 0 ? { lockedForSeconds: lockMs / 1000 } : {}),
      });
    }
  });
}

export interface SecondStepInput {
  readonly challenge: string;
  readonly code: string;
}

/** The second step: a code from the authenticator app, or a recovery code, for a challenge of step one. */
export async function completeSignIn(
  store: Store,
  input: SecondStepInput,
  request: SignInRequest,
): Promise<SessionOpened> {
  const { now } = request;
  const hash = tokenHash(input.challenge);
  const challenge = await store.secondFactors.challenge(hash, now);
  if (challenge === undefined) throw new AppError('SIGN_IN_EXPIRED');
  const user = await store.users.get(challenge.userId);
  if (user === undefined || user.disabled !== 0 || !isRole(user.role)) {
    await store.secondFactors.deleteChallenge(hash);
    throw new AppError('SIGN_IN_EXPIRED');
  }
  // A wrong code counts against the (username, address) pair as a wrong password does, so fresh challenges
  // (the password is known) do not buy endless guesses: the pair locks as it would.
  const record = await store.signInFailures.get(user.username, request.sourceIp);
  if (record?.lockedUntil != null && record.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', { retryAfterSeconds: Math.ceil((record.lockedUntil - now) / 1000) });
  }
  const used = await checkSecondFactor(store, user.id, input.code, now);
  if (used === undefined) {
    await store.transaction(async (tx) => {
      const attempts = await tx.secondFactors.countChallengeAttempt(hash);
      if (attempts >= challengeAttempts) await tx.secondFactors.deleteChallenge(hash);
      const failures = await tx.signInFailures.count(
        user.username,
        request.sourceIp,
        now,
        now - forgetFailuresAfterMs,
      );
      const lockMs = lockMsAfter(failures);
      if (lockMs > 0) await tx.signInFailures.lock(user.username, request.sourceIp, now + lockMs);
      await recordAudit(tx, signInActor(user, request), 'session.secondFactorFailed', 'user', user.id, {
        attempts,
        failures,
      });
    });
    throw new AppError('SECOND_FACTOR_FAILED');
  }
  await store.signInFailures.clear(user.username, request.sourceIp);
  await store.secondFactors.deleteChallenge(hash);
  return openSession(store, user, request, { mustEnrol: false, secondFactor: used });
}

async function openSession(
  store: Store,
  user: UserRow,
  request: SignInRequest,
  how: { readonly mustEnrol: boolean; readonly secondFactor: 'none' | 'totp' | 'recovery' },
): Promise<SessionOpened> {
  const { now, sourceIp, policy } = request;
  const token = newToken();
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = now + Math.min(policy.sessionTtlMs, policy.sessionMaxMs);
  await store.transaction(async (tx) => {
    await tx.sessions.create({
      tokenHash: tokenHash(token),
      userId: user.id,
      kind: 'cookie',
      name: '',
      csrfToken,
      createdAt: now,
      expiresAt,
      sourceIp,
      stage: how.mustEnrol ? 'enrol' : 'full',
    });
    await recordAudit(tx, signInActor(user, request), 'session.login', 'user', user.id, {
      secondFactor: how.secondFactor,
      ...(how.mustEnrol ? { mustEnrol: true } : {}),
    });
  });
  return { kind: 'session', token, csrfToken, expiresAt, user, mustEnrol: how.mustEnrol };
}

/** Who the audit log names for a sign-in: the user, before any session of theirs exists. */
function signInActor(
  user: UserRow,
  request: SignInRequest,
): Pick<ServiceContext, 'principal' | 'sourceIp' | 'now'> {
  return {
    principal: {
      userId: user.id,
      username: user.username,
      role: 'viewer',
      scope: { kind: 'paths', paths: [] },
      via: 'cookie',
      tokenHash: '',
      csrfToken: '',
      stage: 'full',
    },
    sourceIp: request.sourceIp,
    now: request.now,
  };
}
