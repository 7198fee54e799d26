import { createHash } from 'node:crypto';
import type { Repositories } from '@openami/storage';
import { matchTotp } from '../auth/totp.ts';

/** A recovery code as typed (any case, with or without its dash and spaces), hashed as it is kept. */
export function recoveryCodeHash(code: string): string {
  const normal = code.replace(/[\s-]/g, '').toLowerCase();
  return createHash('sha256').update(normal).digest('hex');
}

/**
 * Checks a second factor: six digits are a TOTP code, good once (its time step is taken as used in one
 * conditional update); anything else is tried as an unused recovery code, spent by this. What was used, or
 * undefined when nothing matched.
 */
export async function checkSecondFactor(
  repos: Repositories,
  userId: number,
  code: string,
  now: number,
): Promise<'totp' | 'recovery' | undefined> {
  const totp = await repos.secondFactors.totp(userId);
  if (totp === undefined || totp.confirmedAt === null) return undefined;
  const typed = code.trim();
  if (/^\d{6}$/.test(typed)) {
    const step = matchTotp(totp.secret, typed, now);
    if (step === undefined) return undefined;
    return (await repos.secondFactors.useStep(userId, step)) ? 'totp' : undefined;
  }
  return (await repos.secondFactors.useRecoveryCode(userId, recoveryCodeHash(typed), now))
    ? 'recovery'
    : undefined;
}
