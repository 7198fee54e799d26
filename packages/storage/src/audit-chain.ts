import { createHash, createHmac } from 'node:crypto';

/**
 * The audit log's hash chain: each entry's hash covers the previous entry's hash and every field of the
 * entry, so changing, removing or reordering any entry breaks every hash after it. From the entry the
 * audit head names `keyed_from` on, the hash is an HMAC-SHA-256 under the audit key (OPENAMI_AUDIT_KEY),
 * which the database never stores: whoever can write the database but lacks the key cannot recompute a
 * rewritten tail. Entries before it (a database written before the key) are plain SHA-256.
 */
export const genesisHash = '0'.repeat(64);

/** SHA-256's block: an HMAC key longer than this is hashed first (RFC 2104, section 2). */
const blockBytes = 64;

/** The secret the chain's entries are keyed with, and the two padded keys of HMAC (RFC 2104). */
export class AuditKey {
  readonly #key: Buffer;
  /** (K xor ipad) and (K xor opad): what PostgreSQL needs to compute the same HMAC with sha256(). */
  readonly innerPad: Buffer;
  readonly outerPad: Buffer;

  constructor(secret: string | Buffer) {
    const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (bytes.length < 16) throw new Error('the audit key must be at least 16 bytes');
    this.#key = bytes;
    const block = Buffer.alloc(blockBytes);
    (bytes.length > blockBytes ? createHash('sha256').update(bytes).digest() : bytes).copy(block);
    this.innerPad = Buffer.from(block.map((b) => b ^ 0x36));
    this.outerPad = Buffer.from(block.map((b) => b ^ 0x5c));
  }

  /** HMAC-SHA-256 of `text` (UTF-8), hex. */
  mac(text: string): string {
    return createHmac('sha256', this.#key).update(text, 'utf8').digest('hex');
  }
}

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

/** The entry's hash: HMAC-SHA-256 under `key` when given (a keyed entry), plain SHA-256 otherwise. */
export function entryHash(prevHash: string, entry: ChainedFields, key?: AuditKey): string {
  const text = `${prevHash}\n${canonicalChained(entry)}`;
  return key === undefined ? createHash('sha256').update(text, 'utf8').digest('hex') : key.mac(text);
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
