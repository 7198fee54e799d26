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
  return createHash('sha256').update(prevHash).update('\n').update(canonicalChained(entry)).digest('hex');
}

/**
 * The text `entryHash` hashes, split around the entry's id: `before + id + after` is the canonical JSON of
 * the entry with that id. Lets the database number and hash an entry in the statement that appends it.
 */
export function chainedTextAroundId(entry: Omit<ChainedFields, 'id'>): { before: string; after: string } {
  const text = canonicalChained({ ...entry, id: 0 });
  // Keys are sorted, so `id` sits between `entityId` and `sourceIp`; inside a JSON string a quote is escaped,
  // so this marker can occur only at the top level.
  const marker = ',"id":0,';
  const at = text.lastIndexOf(marker);
  return { before: text.slice(0, at + marker.length - 2), after: text.slice(at + marker.length - 1) };
}

function canonicalChained(entry: ChainedFields): string {
  return canonicalJson({
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
