import type { AuditAction, AuditEntity } from '@openami/contract';
import type { AuditEntry, AuditRow, Repositories } from '@openami/storage';
import type { ServiceContext } from '../context.ts';

/**
 * Records who did what, when and from where; call inside the transaction of the write it describes. Actions
 * and entities come from the contract's closed lists, which the web words: a new one is added there first.
 */
export function recordAudit(
  repos: Repositories,
  context: Pick<ServiceContext, 'principal' | 'sourceIp' | 'now'>,
  action: AuditAction,
  entity: AuditEntity,
  entityId: string | number,
  details: unknown = {},
): Promise<AuditRow> {
  return repos.audit.append(auditEntry(context, action, entity, entityId, details));
}

/** The audit record `recordAudit` writes, for writes that append it themselves. */
export function auditEntry(
  context: Pick<ServiceContext, 'principal' | 'sourceIp' | 'now'>,
  action: AuditAction,
  entity: AuditEntity,
  entityId: string | number,
  details: unknown = {},
): AuditEntry {
  return {
    at: context.now,
    // The console actor (`openami user add`) has no user row; it is recorded by name only.
    actorUserId: context.principal.userId > 0 ? context.principal.userId : null,
    actorName: context.principal.username,
    sourceIp: context.sourceIp,
    action,
    entity,
    entityId: String(entityId),
    details,
  };
}

/** The fields a patch really changed, as `{ field: [before, after] }`, for the audit record. */
export function changes(before: object, patch: object): Record<string, [unknown, unknown]> {
  const changed: Record<string, [unknown, unknown]> = {};
  for (const [key, after] of Object.entries(patch)) {
    const previous = (before as Record<string, unknown>)[key];
    if (after !== undefined && after !== previous) changed[key] = [previous, after];
  }
  return changed;
}
