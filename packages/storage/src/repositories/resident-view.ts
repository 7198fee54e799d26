import type { Selectable } from 'kysely';
import type { ReadingEnergyTable } from '../database.ts';
import type { Executor } from './executor.ts';
import type { LedgerEntryRow } from './vending-ledger.ts';

/** Ledger kinds a resident sees as purchases: the sales, and what undid or corrected them. */
const PURCHASE_KINDS = ['sale', 'cancel', 'refund'] as const;

/** What the resident self-service page reads that no other repository answers in one query. */
export class ResidentViewRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  /** The meter's newest stored energy reading (its remaining energy or money, for meters that keep one). */
  latestReading(meterId: number): Promise<Selectable<ReadingEnergyTable> | undefined> {
    return this.#x.db
      .selectFrom('readingEnergy')
      .selectAll()
      .where('meterId', '=', meterId)
      .orderBy('readAt', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** An account's purchases, newest first: sales and their cancellations and refunds, no metered charges. */
  purchases(accountId: number, limit: number): Promise<LedgerEntryRow[]> {
    return this.#x.db
      .selectFrom('vendingLedger')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('kind', 'in', PURCHASE_KINDS)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
