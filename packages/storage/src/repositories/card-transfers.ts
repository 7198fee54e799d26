import type { Insertable, Selectable } from 'kysely';
import { canonicalJson } from '../audit-chain.ts';
import type { VendingCardReplacementsTable, VendingCardTransfersTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type CardTransferRow = Selectable<VendingCardTransfersTable>;
export type CardReplacementRow = Selectable<VendingCardReplacementsTable>;
export type NewCardReplacement = Omit<Insertable<VendingCardReplacementsTable>, 'id' | 'details'> & {
  readonly details: unknown;
};
export type NewCardTransfer = Omit<Insertable<VendingCardTransfersTable>, 'id' | 'details'> & {
  readonly details: unknown;
};

/**
 * Locked cards moved to new ones (001 FAQ 12), and so the register of void cards; and cards replaced (补卡). Append-only: there is
 * no update or delete here, and the database refuses them. Writers hold the account's vending lock
 * (`VendingLedgerRepository.lockAccount`) around the check for an earlier request and the insert.
 */
export class CardTransferRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  record(transfer: NewCardTransfer): Promise<CardTransferRow> {
    return this.#x.db
      .insertInto('vendingCardTransfers')
      .values({ ...transfer, details: canonicalJson(transfer.details ?? {}) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  byRequest(accountId: number, requestId: string): Promise<CardTransferRow | undefined> {
    return this.#x.db
      .selectFrom('vendingCardTransfers')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('requestId', '=', requestId)
      .executeTakeFirst();
  }

  /** The transfer that voided this card, if it is void. */
  voiding(cardId: string): Promise<CardTransferRow | undefined> {
    return this.#x.db
      .selectFrom('vendingCardTransfers')
      .selectAll()
      .where('voidCardId', '=', cardId)
      .executeTakeFirst();
  }

  /** An account's transfers, oldest first. */
  ofAccount(accountId: number): Promise<CardTransferRow[]> {
    return this.#x.db
      .selectFrom('vendingCardTransfers')
      .selectAll()
      .where('accountId', '=', accountId)
      .orderBy('id')
      .execute();
  }

  /** A card replacement (补卡), once per (account, request id). */
  recordReplacement(replacement: NewCardReplacement): Promise<CardReplacementRow> {
    return this.#x.db
      .insertInto('vendingCardReplacements')
      .values({ ...replacement, details: canonicalJson(replacement.details ?? {}) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  replacementByRequest(accountId: number, requestId: string): Promise<CardReplacementRow | undefined> {
    return this.#x.db
      .selectFrom('vendingCardReplacements')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('requestId', '=', requestId)
      .executeTakeFirst();
  }
}
