import type { NotificationDelivery, NotificationPreferenceRow } from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { requirePermission } from '../policies/permission.ts';
import { changes, recordAudit } from './audit.ts';
import { getUser } from './users.ts';

export interface NotificationPreferenceInput {
  readonly email: string | null;
  readonly delivery: NotificationDelivery;
}
export interface NotificationPreferenceView extends NotificationPreferenceInput {
  readonly userId: number;
  readonly updatedAt: number | null;
  readonly updatedBy: number | null;
}

function present(userId: number, row: NotificationPreferenceRow | undefined): NotificationPreferenceView {
  // No row: the user has not asked for e-mail.
  return {
    userId,
    email: row?.email ?? null,
    delivery: (row?.delivery as NotificationDelivery | undefined) ?? 'off',
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/**
 * Another user's preference is for those who may manage that user (its areas within theirs); one's own is
 * anyone's.
 */
async function requireManages(
  context: ServiceContext,
  userId: number,
  permission: 'user.read' | 'user.write',
) {
  if (userId === context.principal.userId) return;
  requirePermission(context.principal, permission);
  await getUser(context, userId);
}

export async function getNotificationPreference(
  context: ServiceContext,
  userId: number,
): Promise<NotificationPreferenceView> {
  await requireManages(context, userId, 'user.read');
  return present(userId, await context.store.notificationPreferences.get(userId));
}

/** Sets a preference, audited like every write (an administrator's change to another's shows who did it). */
export async function setNotificationPreference(
  context: ServiceContext,
  userId: number,
  input: NotificationPreferenceInput,
): Promise<NotificationPreferenceView> {
  await requireManages(context, userId, 'user.write');
  return context.store.transaction(async (tx) => {
    const before = present(userId, await tx.notificationPreferences.get(userId));
    const row = await tx.notificationPreferences.set(userId, input, context.principal.userId, context.now);
    await recordAudit(tx, context, 'user.notifications', 'user', userId, changes(before, input));
    return present(userId, row);
  });
}
