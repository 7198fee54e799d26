import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain: each entry's hash covers the previous entry's hash and every field of the
 * entry, so changing, removing or reordering any entry breaks every hash after it.
 */
export const genesisHash = '0'.repeat(64);

export interface ChainedFields {
  readonly id: number;
  readonly at: number;
  readonly actorUserId: number | null;
  readonly actorName: string;
  readonly sourceIp: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly details: string;
}

export function entryHash(prevHash: string, entry: ChainedFields): string {
  const canonical = canonicalJson({
    id: entry.id,
    at: entry.at,
    actorUserId: entry.actorUserId,
    actorName: entry.actorName,
    sourceIp: entry.sourceIp,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    details: entry.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** JSON with object keys sorted at every level, so the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
