import { randomBytes } from 'node:crypto';
import { verifyPassword } from '../auth/passwords.ts';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from '../auth/totp.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { checkSecondFactor, recoveryCodeHash } from './second-factor-check.ts';
import { requireBrowserSession } from './sessions.ts';
import { type SignInPolicy, secondFactorRequired } from './sign-in.ts';

/** The issuer authenticator apps show beside the account. */
export const totpIssuer = 'OpenAMI';
export const recoveryCodeCount = 10;

/** Where the user's second factor stands: on, required of their role, and whether this session must enrol. */
export async function secondFactorStatus(
  context: ServiceContext,
  policy: Pick<SignInPolicy, 'totpRequired'>,
) {
  const totp = await context.store.secondFactors.totp(context.principal.userId);
  const enabled = totp !== undefined && totp.confirmedAt !== null;
  return {
    enabled,
    required: secondFactorRequired(context.principal.role, policy),
    mustEnrol: context.principal.stage === 'enrol',
    recoveryCodesLeft: enabled
      ? await context.store.secondFactors.unusedRecoveryCodes(context.principal.userId)
      : 0,
  };
}

/**
 * Starts enrolment: a new secret, shown this once (as text and as an otpauth:// URI), not in force until a
 * code from it is confirmed. Starting again replaces an unconfirmed secret; a confirmed one must be turned
 * off first.
 */
export async function startTotpEnrolment(context: ServiceContext): Promise<{ secret: string; uri: string }> {
  requireBrowserSession(context);
  const { userId, username } = context.principal;
  const current = await context.store.secondFactors.totp(userId);
  if (current !== undefined && current.confirmedAt !== null) throw new AppError('TOTP_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await context.store.transaction(async (tx) => {
    await tx.secondFactors.startTotp(userId, secret, context.now);
    await recordAudit(tx, context, 'totp.enrolStart', 'user', userId);
  });
  return { secret, uri: otpauthUri(totpIssuer, username, secret) };
}

/**
 * Confirms enrolment with a code from the app: the second factor is then on, the session (if it was made
 * to enrol) may do everything its role allows, and ten recovery codes are shown once (kept hashed).
 */
export async function confirmTotpEnrolment(
  context: ServiceContext,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  requireBrowserSession(context);
  const { userId } = context.principal;
  const totp = await context.store.secondFactors.totp(userId);
  if (totp === undefined || totp.confirmedAt !== null) throw new AppError('TOTP_NOT_STARTED');
  const step = matchTotp(totp.secret, code.trim(), context.now);
  if (step === undefined || !(await context.store.secondFactors.useStep(userId, step))) {
    await recordAudit(context.store, context, 'totp.codeFailed', 'user', userId, { during: 'enrol' });
    throw new AppError('SECOND_FACTOR_FAILED');
  }
  const recoveryCodes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await context.store.transaction(async (tx) => {
    await tx.secondFactors.confirmTotp(userId, context.now);
    await tx.secondFactors.setRecoveryCodes(userId, recoveryCodes.map(recoveryCodeHash));
    if (context.principal.stage === 'enrol') await tx.sessions.setStage(context.principal.tokenHash, 'full');
    await recordAudit(tx, context, 'totp.enrol', 'user', userId);
  });
  return { recoveryCodes };
}

/** Turns the second factor off: the password and a current code (or a recovery code) are both needed. */
export async function disableTotp(
  context: ServiceContext,
  input: { readonly password: string; readonly code: string },
  policy: Pick<SignInPolicy, 'totpRequired'>,
): Promise<void> {
  requireBrowserSession(context);
  const { userId } = context.principal;
  if (secondFactorRequired(context.principal.role, policy)) throw new AppError('TOTP_REQUIRED');
  const user = await context.store.users.get(userId);
  if (user === undefined || !(await verifyPassword(user.passwordHash, input.password))) {
    throw new AppError('CURRENT_PASSWORD_WRONG');
  }
  const totp = await context.store.secondFactors.totp(userId);
  if (totp === undefined || totp.confirmedAt === null) throw new AppError('TOTP_NOT_STARTED');
  if ((await checkSecondFactor(context.store, userId, input.code, context.now)) === undefined) {
    await recordAudit(context.store, context, 'totp.codeFailed', 'user', userId, { during: 'disable' });
    throw new AppError('SECOND_FACTOR_FAILED');
  }
  await context.store.transaction(async (tx) => {
    await tx.secondFactors.removeTotp(userId);
    await recordAudit(tx, context, 'totp.disable', 'user', userId);
  });
}

/** 50 random bits as ten base32 letters and digits, `xxxxx-xxxxx`, lower case. */
function newRecoveryCode(): string {
  const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}
