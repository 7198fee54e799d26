import { everyArea, isRole, normaliseScope, type Role } from '@openami/domain';
import type { Store, UserRow } from '@openami/storage';
import { bearerPrefix, newToken, tokenHash } from '../auth/tokens.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';

export async function logout(context: ServiceContext): Promise<void> {
  await context.store.transaction(async (tx) => {
    await tx.sessions.delete(context.principal.tokenHash);
    await recordAudit(tx, context, 'session.logout', 'user', context.principal.userId);
  });
}

export interface TokenInput {
  readonly name: string;
  readonly days: number;
}

/** A bearer token for a machine client acting as the caller; shown once, stored only as a hash. */
export async function createBearerToken(
  context: ServiceContext,
  input: TokenInput,
): Promise<{ token: string; expiresAt: number }> {
  // A token cannot mint tokens: a stolen one would otherwise make itself immortal copies.
  requireBrowserSession(context);
  const token = `${bearerPrefix}${newToken()}`;
  const expiresAt = context.now + input.days * 86_400_000;
  await context.store.transaction(async (tx) => {
    await tx.sessions.create({
      tokenHash: tokenHash(token),
      userId: context.principal.userId,
      kind: 'bearer',
      name: input.name,
      csrfToken: '',
      createdAt: context.now,
      expiresAt,
      sourceIp: context.sourceIp,
    });
    await recordAudit(tx, context, 'token.create', 'user', context.principal.userId, {
      name: input.name,
      expiresAt,
    });
  });
  return { token, expiresAt };
}

/** Only a browser session, signed in with the password (and second factor), may do what follows. */
export function requireBrowserSession(context: Pick<ServiceContext, 'principal'>): void {
  if (context.principal.via !== 'cookie') throw new AppError('SESSION_REQUIRED');
}

export async function listBearerTokens(context: ServiceContext) {
  const tokens = await context.store.sessions.bearerTokens(context.principal.userId, context.now);
  return tokens.map((t) => ({
    id: t.tokenHash,
    name: t.name,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    createdFrom: t.sourceIp,
  }));
}

export async function revokeBearerToken(context: ServiceContext, id: string): Promise<void> {
  await context.store.transaction(async (tx) => {
    if (!(await tx.sessions.deleteBearerToken(context.principal.userId, id))) {
      throw new AppError('NOT_FOUND', { entity: 'token' });
    }
    await recordAudit(tx, context, 'token.revoke', 'user', context.principal.userId, { tokenId: id });
  });
}

export function presentUser(user: UserRow, areaIds: readonly number[]) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: isRole(user.role) ? user.role : 'viewer',
    allAreas: user.allAreas === 1,
    areaIds,
    locale: user.locale,
    disabled: user.disabled !== 0,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/**
 * The session behind `principal` still stands: not signed out or expired, its user not disabled, and the
 * role and areas it was opened with unchanged. An open event stream asks this now and then and before each
 * event, and ends when it does not (the client reconnects and is authorised afresh, or is refused).
 */
export async function sessionStillValid(
  store: Store,
  principal: {
    readonly tokenHash: string;
    readonly userId: number;
    readonly role: Role;
    readonly scope: unknown;
  },
  now: number,
): Promise<boolean> {
  const found = await store.sessions.findWithUser(principal.tokenHash, now);
  if (found === undefined || found.disabled !== 0 || found.userId !== principal.userId) return false;
  if (found.role !== principal.role) return false;
  const scope = found.allAreas === 1 ? everyArea : normaliseScope(await store.users.areaPaths(found.userId));
  return JSON.stringify(scope) === JSON.stringify(principal.scope);
}
