// The audit check (`openami audit verify`, and serve every OPENAMI_AUDIT_CHECK_HOURS): the audit chain end
// to end (keyed part under the key), against the heads exported outside the database, every kept balance
// rebuilt from the ledger, and every ledger entry against its audit record. Anything found raises the
// site's `audit-broken` alarm; a clean check exports a new signed head.
import type { KeyObject } from 'node:crypto';
import type { AlarmEngine } from '@openami/alarms';
import type { AuditKey, ChainVerdict, LedgerAuditMismatch, Store } from '@openami/storage';
import { checkHeads, exportHead, type HeadsCheck, headSigningKeys } from './audit-heads.ts';
import { repeat } from './repeat.ts';

export interface AuditCheckOptions {
  /** The audit key: checks the keyed part of the chain and (without `publicKey`) the heads' signatures. */
  readonly key?: AuditKey;
  /** A directory of exported heads to check the chain against. */
  readonly headsDir?: string;
  /** The public key heads are checked under; by default the one made from `key`. */
  readonly publicKey?: KeyObject;
}

export interface AuditCheck {
  readonly chain: ChainVerdict;
  /** Undefined without a heads directory. */
  readonly heads: HeadsCheck | undefined;
  /** Accounts whose kept balance differs from the sum of their ledger entries. */
  readonly balances: readonly { readonly accountId: number; readonly problems: readonly string[] }[];
  readonly ledger: readonly LedgerAuditMismatch[];
  /** Everything found, one English line each; empty when all holds. */
  readonly problems: readonly string[];
}

export async function checkAudit(store: Store, options: AuditCheckOptions): Promise<AuditCheck> {
  const chain = await store.audit.verify();
  const trusted =
    options.publicKey ?? (options.key === undefined ? undefined : headSigningKeys(options.key).publicKey);
  let heads: HeadsCheck | undefined;
  const problems: string[] = [];
  if (!chain.ok) problems.push(`audit log broken at entry ${chain.brokenEntryId}: ${chain.reason}`);
  if (options.headsDir !== undefined) {
    if (trusted === undefined) {
      problems.push('exported heads not checked: no audit key or public key to check their signatures');
    } else {
      heads = await checkHeads(store, options.headsDir, trusted);
      problems.push(...heads.problems.map((p) => `exported head ${p}`));
    }
  }
  const balances = await store.ledger.balances.check();
  for (const d of balances) problems.push(`account ${d.accountId}: kept balance ${d.problems.join('; ')}`);
  const ledger = await store.ledgerAudit.mismatches();
  for (const m of ledger) problems.push(`ledger entry ${m.ledgerEntryId}: ${m.detail}`);
  return { chain, heads, balances, ledger, problems };
}

/**
 * The scheduled check `serve` runs (OPENAMI_AUDIT_CHECK_HOURS): first `firstAfterMs` after start, then
 * every `everyMs`. Raises or clears `audit-broken`; after a clean check, with a heads directory, exports a
 * signed head there. Returns what stops it.
 */
export function scheduleAuditCheck(
  store: Store,
  alarms: AlarmEngine,
  options: {
    readonly key: AuditKey;
    readonly headsDir?: string;
    readonly everyMs: number;
    readonly firstAfterMs?: number;
    readonly clock?: () => number;
    readonly warn: (line: string) => void;
    readonly error: (error: unknown) => void;
  },
): () => void {
  const clock = options.clock ?? Date.now;
  const once = async () => {
    const checked = await checkAudit(store, {
      key: options.key,
      ...(options.headsDir === undefined ? {} : { headsDir: options.headsDir }),
    });
    await alarms.auditChecked(checked.problems);
    for (const problem of checked.problems) options.warn(`audit check: ${problem}`);
    // A head is exported only from a chain that checks out: a broken one must not be vouched for.
    if (checked.problems.length === 0 && options.headsDir !== undefined) {
      await exportHead(store, options.key, options.headsDir, clock());
    }
  };
  return repeat(once, {
    everyMs: options.everyMs,
    firstAfterMs: options.firstAfterMs ?? 120_000,
    error: options.error,
  });
}
