// Signed heads of the audit chain, kept outside the database (docs/decisions/0002-signed-audit-heads.md).
// The key makes a rewritten entry detectable by whoever lacks it; a head exported elsewhere makes a
// truncated or rewritten tail detectable even by whoever holds it (or rolled the database back): the entry
// a head names must still be in the chain with the same hash.
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AuditKey, canonicalJson, genesisHash, type Repositories } from '@openami/storage';

export const headFormat = 'openami-audit-head/1';

/** What a head says: the chain's last entry and its hash, where keyed entries begin, and when. */
export interface AuditHead {
  readonly lastId: number;
  readonly lastHash: string;
  readonly keyedFrom: number | null;
  /** ISO 8601, UTC. */
  readonly exportedAt: string;
}

export interface SignedAuditHead {
  readonly format: typeof headFormat;
  readonly head: AuditHead;
  /** Ed25519 public key (SPKI, PEM) the signature checks against; a verifier trusts its own copy, not this. */
  readonly publicKey: string;
  /** Ed25519 signature of `format` + newline + the head's canonical JSON, base64. */
  readonly signature: string;
}

/** PKCS #8 DER header of an Ed25519 private key (RFC 8410): followed by the 32-byte seed. */
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The Ed25519 key pair heads are signed with, made from the audit key (so there is one secret to keep);
 * the public key is given to whoever verifies heads (`openami audit public-key`).
 */
export function headSigningKeys(key: AuditKey): { privateKey: KeyObject; publicKey: KeyObject } {
  const seed = Buffer.from(key.mac('openami audit head signing key 1'), 'hex');
  const privateKey = createPrivateKey({
    key: Buffer.concat([ed25519Pkcs8Prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

const signedText = (head: AuditHead) => Buffer.from(`${headFormat}\n${canonicalJson(head)}`, 'utf8');

export function signHead(key: AuditKey, head: AuditHead): SignedAuditHead {
  const { privateKey, publicKey } = headSigningKeys(key);
  return {
    format: headFormat,
    head,
    publicKey: publicKeyPem(publicKey),
    signature: sign(null, signedText(head), privateKey).toString('base64'),
  };
}

/** The chain's head now, signed. */
export async function currentSignedHead(
  store: Repositories,
  key: AuditKey,
  now: number,
): Promise<SignedAuditHead> {
  const head = await store.audit.head();
  return signHead(key, { ...head, exportedAt: new Date(now).toISOString() });
}

/** Writes the head as `audit-head-<time>-<last id>.json` in `dir` (made if missing); returns the path. */
export async function exportHead(
  store: Repositories,
  key: AuditKey,
  dir: string,
  now: number,
): Promise<string> {
  const signed = await currentSignedHead(store, key, now);
  mkdirSync(dir, { recursive: true });
  const stamp = signed.head.exportedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const path = join(dir, `audit-head-${stamp}-${signed.head.lastId}.json`);
  writeFileSync(path, `${JSON.stringify(signed, null, 2)}\n`, { flag: 'wx' });
  return path;
}

/** Each exported head that no longer holds, in English: which file, and what differs. */
export interface HeadsCheck {
  readonly checked: number;
  readonly problems: readonly string[];
}

/**
 * Checks every `*.json` head in `dir`: its signature under `trusted` (the verifier's own copy of the
 * public key), then that the chain still holds the entry it names with the hash it names, and that the
 * keyed part still begins where it did.
 */
export async function checkHeads(store: Repositories, dir: string, trusted: KeyObject): Promise<HeadsCheck> {
  const problems: string[] = [];
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const now = await store.audit.head();
  for (const name of files) {
    const problem = await checkHead(store, readFileSync(join(dir, name), 'utf8'), trusted, now.keyedFrom);
    if (problem !== undefined) problems.push(`${name}: ${problem}`);
  }
  return { checked: files.length, problems };
}

async function checkHead(
  store: Repositories,
  text: string,
  trusted: KeyObject,
  keyedFromNow: number | null,
): Promise<string | undefined> {
  let signed: SignedAuditHead;
  try {
    signed = JSON.parse(text) as SignedAuditHead;
  } catch {
    return 'not a head (unreadable JSON)';
  }
  const head = signed.head;
  if (signed.format !== headFormat || head === undefined || typeof signed.signature !== 'string') {
    return `not a head of format ${headFormat}`;
  }
  const good = verify(null, signedText(head), trusted, Buffer.from(signed.signature, 'base64'));
  if (!good) return 'the signature does not check out under the public key given (forged, or another key)';
  if (head.lastId === 0) return head.lastHash === genesisHash ? undefined : 'an empty chain with a hash';
  const entry = await store.audit.entry(head.lastId);
  if (entry === undefined) {
    return `entry ${head.lastId}, the head exported at ${head.exportedAt}, is no longer in the chain (truncated)`;
  }
  if (entry.hash !== head.lastHash) {
    return `entry ${head.lastId} no longer has the hash exported at ${head.exportedAt} (rewritten)`;
  }
  if (head.keyedFrom !== keyedFromNow) {
    return `the keyed part began at entry ${head.keyedFrom ?? 'none'} at ${head.exportedAt}, now at ${keyedFromNow ?? 'none'}`;
  }
  return undefined;
}
