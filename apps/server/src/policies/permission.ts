import type { Permission } from '@openami/domain';
import { roleAllows } from '@openami/domain';
import type { Principal } from '../auth/principal.ts';
import { AppError } from '../errors.ts';

/**
 * The principal's role grants `permission`, or FORBIDDEN. Routes declare theirs in `config.access`; this is
 * for a service whose permission depends on whom it acts on (one's own preferences, or another user's).
 */
export function requirePermission(principal: Principal, permission: Permission): void {
  if (!roleAllows(principal.role, permission)) throw new AppError('FORBIDDEN', { permission });
}
