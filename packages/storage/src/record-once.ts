import { constraintViolation } from './repositories/executor.ts';
import type { LedgerEntryRow, VendingProfileRow } from './repositories/vending-ledger.ts';
import type { Repositories, Store } from './store.ts';

export interface OnceKey {
  readonly accountId: number;
  /** Chosen by the client, unique per account: the same id is the same request. */
  readonly requestId: string;
  readonly now: number;
}

export interface Recorded {
  readonly entry: LedgerEntryRow;
  /** True when the request had been recorded before and this is its first result again. */
  readonly replayed: boolean;
}

/**
 * Records one money movement at most once per (account, request id), whatever happens around it (DESIGN.md
 * principle 3). `work` runs in a transaction holding the account's vending lock, after a check under that
 * lock that the request is new; it appends the entry and its audit record there, so all of it lands or none does.
 *
 * - Retried after an answer was lost, or after a crash: the entry is found and returned as it was.
 * - Sent twice at once: the second waits for the account lock, then finds the first's entry (PostgreSQL's
 *   READ COMMITTED gives each statement a fresh snapshot; SQLite runs one transaction at a time). Should two
 *   transactions still race to the unique (account, request id) constraint, the loser reads the winner's.
 */
export async function recordOnce(
  store: Store,
  key: OnceKey,
  work: (repos: Repositories, profile: VendingProfileRow) => Promise<LedgerEntryRow>,
): Promise<Recorded> {
  try {
    return await store.transaction(async (tx) => {
      // Checked under the lock: a twin that held it first has committed by the time this statement runs.
      const profile = await tx.ledger.lockAccount(key.accountId, key.now);
      const earlier = await tx.ledger.byRequest(key.accountId, key.requestId);
      if (earlier !== undefined) return { entry: earlier, replayed: true };
      return { entry: await work(tx, profile), replayed: false };
    });
  } catch (error) {
    if (constraintViolation(error) === 'unique') {
      const winner = await store.ledger.byRequest(key.accountId, key.requestId);
      if (winner !== undefined) return { entry: winner, replayed: true };
    }
    throw error;
  }
}
