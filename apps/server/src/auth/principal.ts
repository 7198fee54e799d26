import type { AreaScope, Permission, Role } from '@openami/domain';
import { roleAllows, scopeIncludes } from '@openami/domain';
import { AppError } from '../errors.ts';

/** Who is asking: resolved once per request from the session cookie or the bearer token. */
export interface Principal {
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
  readonly scope: AreaScope;
  readonly via: 'cookie' | 'bearer';
  readonly tokenHash: string;
  readonly csrfToken: string;
}

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!roleAllows(principal.role, permission)) throw new AppError('FORBIDDEN', { permission });
}

/** Every by-id action on an area-bound record goes through here (002 §3.5). */
export function requireArea(principal: Principal, areaPath: string): void {
  if (!scopeIncludes(principal.scope, areaPath)) throw new AppError('AREA_FORBIDDEN');
}
