import type { Insertable, Selectable } from 'kysely';
import { canonicalJson } from '../audit-chain.ts';
import { inChunks } from '../chunks.ts';
import type { VendingCardReadingsTable, VendingSpecialCardsTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type SpecialCardRow = Selectable<VendingSpecialCardsTable>;
export type NewSpecialCard = Omit<Insertable<VendingSpecialCardsTable>, 'id' | 'details'> & {
  readonly details: unknown;
};
export type CardReadingRow = Selectable<VendingCardReadingsTable>;
export type NewCardReading = Omit<Insertable<VendingCardReadingsTable>, 'id'>;

/**
 * The special cards the counter made (001 §4.1) and the readings check and meter-reading cards brought back.
 * Append-only: there is no update or delete here, and the database refuses them.
 */
export class SpecialCardRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  record(card: NewSpecialCard): Promise<SpecialCardRow> {
    return this.#x.db
      .insertInto('vendingSpecialCards')
      .values({ ...card, details: canonicalJson(card.details ?? {}) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The card an operator's request made, if that request was seen. */
  byRequest(operatorName: string, requestId: string): Promise<SpecialCardRow | undefined> {
    return this.#x.db
      .selectFrom('vendingSpecialCards')
      .selectAll()
      .where('operatorName', '=', operatorName)
      .where('requestId', '=', requestId)
      .executeTakeFirst();
  }

  get(id: number): Promise<SpecialCardRow | undefined> {
    return this.#x.db.selectFrom('vendingSpecialCards').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The preset cards made in [fromMs, toMs), oldest first: who made each, when, and its credit. */
  presetsBetween(
    fromMs: number,
    toMs: number,
  ): Promise<{ operatorName: string; createdAt: number; presetKwh: number | null }[]> {
    return this.#x.db
      .selectFrom('vendingSpecialCards')
      .select(['operatorName', 'createdAt', 'presetKwh'])
      .where('kind', '=', 'preset')
      .where('createdAt', '>=', fromMs)
      .where('createdAt', '<', toMs)
      .orderBy('id')
      .execute();
  }

  /** The special cards made on one physical card, oldest first. */
  ofCard(cardId: string): Promise<SpecialCardRow[]> {
    return this.#x.db
      .selectFrom('vendingSpecialCards')
      .selectAll()
      .where('cardId', '=', cardId)
      .orderBy('id')
      .execute();
  }

  /**
   * Records readings brought back by a card and returns the ones that were new: a reading whose key is
   * already recorded (the same card read back before, or at the same moment by another cashier, whose
   * transaction this one waits for) is left out, so the caller stores only what it gets back.
   */
  async recordReadings(readings: readonly NewCardReading[]): Promise<CardReadingRow[]> {
    if (readings.length === 0) return [];
    return inChunks(
      readings,
      (chunk) =>
        this.#x.db
          .insertInto('vendingCardReadings')
          .values(chunk)
          .onConflict((oc) => oc.column('readingKey').doNothing())
          .returningAll()
          .execute(),
      200,
    );
  }

  /** The readings already recorded under these keys. */
  async readingsByKey(keys: readonly string[]): Promise<CardReadingRow[]> {
    return inChunks(keys, (chunk) =>
      this.#x.db.selectFrom('vendingCardReadings').selectAll().where('readingKey', 'in', chunk).execute(),
    );
  }

  /** A meter's readings brought back by cards, newest first. */
  readingsOfMeter(meterId: number, limit: number): Promise<CardReadingRow[]> {
    return this.#x.db
      .selectFrom('vendingCardReadings')
      .selectAll()
      .where('meterId', '=', meterId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
