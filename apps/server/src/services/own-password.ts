import { hashPassword, minPasswordLength, verifyPassword } from '../auth/passwords.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { requireBrowserSession } from './sessions.ts';

export interface OwnPasswordChange {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/**
 * A user changes their own password: the current one is asked for (a session left open on a shared desk
 * cannot take the account over), and every other session and bearer token of the user ends; this one stays.
 */
export async function changeOwnPassword(context: ServiceContext, input: OwnPasswordChange): Promise<void> {
  requireBrowserSession(context);
  const { userId } = context.principal;
  const user = await context.store.users.get(userId);
  if (user === undefined || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('CURRENT_PASSWORD_WRONG');
  }
  if (input.newPassword.length < minPasswordLength) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'newPassword',
      problem: `must be at least ${minPasswordLength} characters`,
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await context.store.transaction(async (tx) => {
    await tx.users.update(userId, { passwordHash }, context.now);
    await tx.sessions.deleteForUserExcept(userId, context.principal.tokenHash);
    await recordAudit(tx, context, 'user.passwordChange', 'user', userId);
  });
}
