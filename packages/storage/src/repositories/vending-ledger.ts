import { randomBytes, randomInt } from 'node:crypto';
import type { AreaScope, LedgerEntryKind } from '@openami/domain';
import { type ExpressionBuilder, type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { canonicalJson } from '../audit-chain.ts';
import { inChunks } from '../chunks.ts';
import type { Database, VendingLedgerTable, VendingProfilesTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope } from '../scope-filter.ts';
import { AccountBalances, addToBalanceSql } from './account-balances.ts';
import { type AuditEntry, AuditLog, chainAuditSql } from './audit-log.ts';
import type { Executor } from './executor.ts';

const QUARTER_HOUR_MS = 900_000;

/** An operator's entries of one kind in one quarter of an hour starting at `startMs`. */
export interface OperatorQuarterHour {
  readonly operatorName: string;
  readonly kind: LedgerEntryKind;
  readonly startMs: number;
  readonly entries: number;
  readonly amountFen: number;
  readonly adjustmentWh: number;
}

export type LedgerEntryRow = Selectable<VendingLedgerTable>;
export type NewLedgerEntry = Omit<Insertable<VendingLedgerTable>, 'id' | 'details'> & {
  readonly details: unknown;
};
export type VendingProfileRow = Selectable<VendingProfilesTable>;
/** The figures of an entry without its details: what balances and card rules fold over. */
export type LedgerFactsRow = Pick<
  LedgerEntryRow,
  | 'id'
  | 'kind'
  | 'meterId'
  | 'amountFen'
  | 'energyWh'
  | 'adjustmentWh'
  | 'purchaseCount'
  | 'writeKwh'
  | 'refersToId'
  | 'tierCycle'
  | 'createdAt'
>;

/** One group of a sales report: entries of one kind by one cashier, or in one area. */
export interface SalesGroup {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly entries: number;
  readonly amountFen: number;
  readonly energyWh: number;
}

/** Sums over an account's entries, computed by the database: the balance recomputed from scratch. */
export interface LedgerTotals {
  readonly entries: number;
  readonly amountFen: number;
  readonly energyWh: number;
  readonly adjustmentWh: number;
}

/**
 * The append-only vending ledger and the per-account vending profile. There is no update or delete here,
 * and the database refuses them too. Writers call `lockAccount` first inside their transaction: it
 * serialises every movement on one account across processes, so checks made after it hold until commit.
 */
export class VendingLedgerRepository {
  readonly #x: Executor;
  /** Each account's entries summed, kept with every append below: what sales read. */
  readonly balances: AccountBalances;
  constructor(executor: Executor) {
    this.#x = executor;
    this.balances = new AccountBalances(executor);
  }

  /**
   * Takes the account's vending lock (its profile row's write lock) for the rest of the transaction,
   * creating the profile on first use.
   */
  async lockAccount(accountId: number, now: number): Promise<VendingProfileRow> {
    const lock = () =>
      this.#x.db
        .updateTable('vendingProfiles')
        .set((eb) => ({ cardSerial: eb.ref('cardSerial') }))
        .where('accountId', '=', accountId)
        .returningAll()
        .executeTakeFirst();
    const locked = await lock();
    if (locked !== undefined) return locked;
    // First movement on the account: create the profile (a concurrent first movement waits here), then lock.
    await this.#x.db
      .insertInto('vendingProfiles')
      .values({ accountId, cardSerial: 1, presetKwh: 0, replacedMeterId: null, updatedAt: now })
      .onConflict((oc) => oc.column('accountId').doNothing())
      .execute();
    const created = await lock();
    if (created === undefined) throw new Error(`no vending profile for account ${accountId}`);
    return created;
  }

  profile(accountId: number): Promise<VendingProfileRow | undefined> {
    return this.#x.db
      .selectFrom('vendingProfiles')
      .selectAll()
      .where('accountId', '=', accountId)
      .executeTakeFirst();
  }

  updateProfile(
    accountId: number,
    patch: Partial<Pick<VendingProfileRow, 'cardSerial' | 'presetKwh' | 'replacedMeterId'>>,
    now: number,
  ): Promise<VendingProfileRow> {
    return this.#x.db
      .updateTable('vendingProfiles')
      .set({ ...patch, updatedAt: now })
      .where('accountId', '=', accountId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The next invoice number, taken inside the sale's transaction (a rollback gives it back). */
  async nextInvoiceNo(): Promise<string> {
    const row = await this.#x.db
      .updateTable('vendingCounters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'invoice')
      .returning('value')
      .executeTakeFirstOrThrow();
    return String(row.value).padStart(10, '0');
  }

  /** Appends an entry and adds it to the account's summary, in one transaction. */
  append(entry: NewLedgerEntry): Promise<LedgerEntryRow> {
    return this.#appendSummed((db) =>
      db
        .insertInto('vendingLedger')
        .values({ ...entry, details: canonicalJson(entry.details ?? {}) })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }

  /** Runs an append, then adds its entry to the summary, in the caller's transaction or a new one. */
  #appendSummed(insert: (db: Kysely<Database>) => Promise<LedgerEntryRow>): Promise<LedgerEntryRow> {
    const both = async (db: Kysely<Database>) => {
      const row = await insert(db);
      await addToBalanceSql(row, sql<number>`${row.id}`).execute(db);
      return row;
    };
    return this.#x.db.isTransaction ? both(this.#x.db) : this.#x.db.transaction().execute(both);
  }

  /**
   * Appends an entry under the next invoice number. The counter row is the site's one hot row besides the
   * audit head: every invoiced movement waits for it until its transaction commits. So callers take it last,
   * just before the audit record, and on PostgreSQL counter and entry are one statement (a data-modifying
   * WITH), which keeps the numbers gap-free (a rollback gives the number back) at one round trip of lock.
   */
  async appendInvoiced(entry: Omit<NewLedgerEntry, 'invoiceNo'>): Promise<LedgerEntryRow> {
    if (this.#x.engine !== 'postgres')
      return this.append({ ...entry, invoiceNo: await this.nextInvoiceNo() });
    return this.#appendSummed((db) =>
      db
        .with('invoice', (db) =>
          db
            .updateTable('vendingCounters')
            .set((eb) => ({ value: eb('value', '+', 1) }))
            .where('name', '=', 'invoice')
            .returning('value'),
        )
        .insertInto('vendingLedger')
        .values({
          ...entry,
          details: canonicalJson(entry.details ?? {}),
          invoiceNo: sql<string>`(select lpad(value::text, 10, '0') from invoice)`,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }

  /**
   * Appends an entry under the next invoice number and its audit record, made by `audit` from the entry's
   * id and number. On PostgreSQL the counter, the entry, the audit head and the audit record are one
   * statement, so the two rows every sale in the site waits for are held for that round trip and the
   * commit; the chain is hashed in the database over the same text the chain check hashes.
   */
  async appendInvoicedAudited(
    entry: Omit<NewLedgerEntry, 'invoiceNo'>,
    audit: (made: { readonly id: number; readonly invoiceNo: string }) => AuditEntry,
  ): Promise<LedgerEntryRow> {
    const inSteps = async () => {
      const row = await this.appendInvoiced(entry);
      await new AuditLog(this.#x).append(audit({ id: row.id, invoiceNo: row.invoiceNo ?? '' }));
      return row;
    };
    if (this.#x.engine !== 'postgres') return inSteps();
    await new AuditLog(this.#x).refuseUnkeyed();
    // Stand-ins the database replaces: a 15-digit number and a random word, found once each in the details.
    const idMark = 100_000_000_000_000 + randomInt(0, 2 ** 47);
    const invoiceMark = `invoice${randomBytes(12).toString('hex')}`;
    const record = audit({ id: idMark, invoiceNo: invoiceMark });
    const details = canonicalJson(record.details ?? {});
    // Marks are filled in the details only: anywhere else (or twice) the record is written in steps.
    const others = JSON.stringify({ ...record, details: null });
    const once = (mark: string) => details.split(mark).length === 2 && !others.includes(mark);
    if (!once(String(idMark)) || !once(invoiceMark)) return inSteps();
    const { details: entryDetails, ...columns } = entry;
    const summed = { ...entry, refersToId: entry.refersToId ?? null, tierCycle: entry.tierCycle ?? null };
    const values = { ...columns, details: canonicalJson(entryDetails ?? {}) };
    const names = Object.keys(values).map((name) =>
      sql.id(name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
    );
    const result = await sql<LedgerEntryRow>`
      with invoice as (
        update vending_counters set value = value + 1 where name = 'invoice' returning value
      ),
      ledger_appended as (
        insert into vending_ledger (${sql.join(names)}, invoice_no)
        values (${sql.join(Object.values(values))}, (select lpad(value::text, 10, '0') from invoice))
        returning *
      ),
      balance_added as (${addToBalanceSql(summed, sql<number>`(select id from ledger_appended)`)}),
      ${chainAuditSql(
        {
          at: record.at,
          actorUserId: record.actorUserId,
          actorName: record.actorName,
          sourceIp: record.sourceIp,
          action: record.action,
          entity: record.entity,
          entityId: record.entityId,
          details,
        },
        [
          { mark: String(idMark), value: sql`ledger_appended.id` },
          { mark: invoiceMark, value: sql`ledger_appended.invoice_no` },
        ],
        ['ledger_appended'],
        this.#x.auditKey,
      )}
      select ledger_appended.* from ledger_appended, audit_appended`.execute(this.#x.db);
    const row = result.rows[0];
    // No row: the chain was keyed meanwhile and this store has no key (the head matched no row).
    if (row === undefined) throw new Error('the ledger entry was not appended (no audit record could be)');
    return row;
  }

  get(id: number): Promise<LedgerEntryRow | undefined> {
    return this.#x.db.selectFrom('vendingLedger').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byRequest(accountId: number, requestId: string): Promise<LedgerEntryRow | undefined> {
    return this.#x.db
      .selectFrom('vendingLedger')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('requestId', '=', requestId)
      .executeTakeFirst();
  }

  cancellationOf(saleId: number): Promise<LedgerEntryRow | undefined> {
    return this.#x.db
      .selectFrom('vendingLedger')
      .selectAll()
      .where('refersToId', '=', saleId)
      .where('kind', '=', 'cancel')
      .executeTakeFirst();
  }

  /** Every entry of an account, in the order they were made. */
  entries(accountId: number): Promise<LedgerEntryRow[]> {
    return this.#x.db
      .selectFrom('vendingLedger')
      .selectAll()
      .where('accountId', '=', accountId)
      .orderBy('id')
      .execute();
  }

  /** Every entry of an account in order, figures only: what a sale folds over, without the receipts' text. */
  facts(accountId: number): Promise<LedgerFactsRow[]> {
    return this.#x.db
      .selectFrom('vendingLedger')
      .select([
        'id',
        'kind',
        'meterId',
        'amountFen',
        'energyWh',
        'adjustmentWh',
        'purchaseCount',
        'writeKwh',
        'refersToId',
        'tierCycle',
        'createdAt',
      ])
      .where('accountId', '=', accountId)
      .orderBy('id')
      .execute();
  }

  /** The latest entry of a kind on one of an account's meters. */
  latest(accountId: number, kind: LedgerEntryKind, meterId: number): Promise<LedgerEntryRow | undefined> {
    return this.#x.db
      .selectFrom('vendingLedger')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('kind', '=', kind)
      .where('meterId', '=', meterId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The latest sale of an account, cancelled or not. */
  lastSale(accountId: number): Promise<LedgerEntryRow | undefined> {
    return this.#x.db
      .selectFrom('vendingLedger')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('kind', '=', 'sale')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async totals(accountId: number): Promise<LedgerTotals> {
    const row = await this.#x.db
      .selectFrom('vendingLedger')
      .select((eb) => [
        eb.fn.countAll<number>().as('entries'),
        eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('amountFen'),
        eb.fn.coalesce(eb.fn.sum<number>('energyWh'), eb.lit(0)).as('energyWh'),
        eb.fn.coalesce(eb.fn.sum<number>('adjustmentWh'), eb.lit(0)).as('adjustmentWh'),
      ])
      .where('accountId', '=', accountId)
      .executeTakeFirstOrThrow();
    // PostgreSQL returns sums of bigint as numeric text; the values are exact integers well below 2^53.
    return {
      entries: Number(row.entries),
      amountFen: Number(row.amountFen),
      energyWh: Number(row.energyWh),
      adjustmentWh: Number(row.adjustmentWh),
    };
  }

  async list(accountId: number, page: PageRequest<'id'>): Promise<Page<LedgerEntryRow>> {
    const query = this.#x.db.selectFrom('vendingLedger').where('accountId', '=', accountId);
    return pageOf(query, page, (q) =>
      q.selectAll().orderBy('id', page.direction).limit(page.limit).offset(page.offset).execute(),
    );
  }

  /**
   * 售电日报 and period summaries (002 §3.1.1, §3.2): entries made in [fromMs, toMs) on meters in scope,
   * summed by cashier and kind, and by the meter's area and kind.
   */
  async salesReport(
    scope: AreaScope,
    fromMs: number,
    toMs: number,
  ): Promise<{ byCashier: SalesGroup[]; byArea: SalesGroup[] }> {
    let base = this.#x.db
      .selectFrom('vendingLedger')
      .innerJoin('meters', 'meters.id', 'vendingLedger.meterId')
      .innerJoin('areas', 'areas.id', 'meters.areaId')
      .where('vendingLedger.createdAt', '>=', fromMs)
      .where('vendingLedger.createdAt', '<', toMs);
    const inScope = areaInScope('meters.areaId', scope);
    if (inScope !== undefined) base = base.where(inScope);
    const sums = (eb: ExpressionBuilder<Database, 'vendingLedger' | 'meters' | 'areas'>) => [
      eb.fn.countAll<number>().as('entries'),
      eb.fn.sum<number>('vendingLedger.amountFen').as('amountFen'),
      eb.fn.sum<number>('vendingLedger.energyWh').as('energyWh'),
    ];
    const [cashiers, areas] = await Promise.all([
      base
        .select((eb) => [
          'vendingLedger.operatorName as key',
          'vendingLedger.operatorName as name',
          'vendingLedger.kind',
          ...sums(eb),
        ])
        .groupBy(['vendingLedger.operatorName', 'vendingLedger.kind'])
        .orderBy('vendingLedger.operatorName')
        .orderBy('vendingLedger.kind')
        .execute(),
      base
        .select((eb) => ['areas.code as key', 'areas.name', 'vendingLedger.kind', ...sums(eb)])
        .groupBy(['areas.code', 'areas.name', 'vendingLedger.kind'])
        .orderBy('areas.code')
        .orderBy('vendingLedger.kind')
        .execute(),
    ]);
    // PostgreSQL returns counts and sums of bigint as text; the values are exact integers below 2^53.
    const numeric = (row: (typeof cashiers)[number]): SalesGroup => ({
      key: row.key,
      name: row.name,
      kind: row.kind,
      entries: Number(row.entries),
      amountFen: Number(row.amountFen),
      energyWh: Number(row.energyWh),
    });
    return { byCashier: cashiers.map(numeric), byArea: areas.map(numeric) };
  }

  /**
   * The entries made in [fromMs, toMs) on meters in scope, summed per operator, kind and quarter of an hour
   * (`quarter`: the epoch's quarter hours): every time zone's day starts on a quarter hour, so the caller
   * folds them into the site's days without one query a day.
   */
  async byOperatorQuarterHour(
    scope: AreaScope,
    fromMs: number,
    toMs: number,
  ): Promise<OperatorQuarterHour[]> {
    const quarter = sql<number>`${sql.ref('vendingLedger.createdAt')} / ${sql.lit(QUARTER_HOUR_MS)}`;
    let query = this.#x.db
      .selectFrom('vendingLedger')
      .innerJoin('meters', 'meters.id', 'vendingLedger.meterId')
      .select((eb) => [
        'vendingLedger.operatorName',
        'vendingLedger.kind',
        quarter.as('quarter'),
        eb.fn.countAll<number>().as('entries'),
        eb.fn.sum<number>('vendingLedger.amountFen').as('amountFen'),
        eb.fn.sum<number>('vendingLedger.adjustmentWh').as('adjustmentWh'),
      ])
      .where('vendingLedger.createdAt', '>=', fromMs)
      .where('vendingLedger.createdAt', '<', toMs);
    const inScope = areaInScope('meters.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    const rows = await query
      .groupBy(['vendingLedger.operatorName', 'vendingLedger.kind', quarter])
      .orderBy('vendingLedger.operatorName')
      .execute();
    // PostgreSQL returns bigint quotients, counts and sums as text; all are exact integers below 2^53.
    return rows.map((row) => ({
      operatorName: row.operatorName,
      kind: row.kind as LedgerEntryKind,
      startMs: Number(row.quarter) * QUARTER_HOUR_MS,
      entries: Number(row.entries),
      amountFen: Number(row.amountFen),
      adjustmentWh: Number(row.adjustmentWh),
    }));
  }

  /** Entries with an invoice number made in [fromMs, toMs) on meters in scope, in invoice order. */
  async invoicesBetween(scope: AreaScope, fromMs: number, toMs: number) {
    let query = this.#x.db
      .selectFrom('vendingLedger')
      .innerJoin('meters', 'meters.id', 'vendingLedger.meterId')
      .select([
        'vendingLedger.id',
        'vendingLedger.invoiceNo',
        'vendingLedger.kind',
        'vendingLedger.amountFen',
        'vendingLedger.operatorName',
        'vendingLedger.createdAt',
      ])
      .where('vendingLedger.invoiceNo', 'is not', null)
      .where('vendingLedger.createdAt', '>=', fromMs)
      .where('vendingLedger.createdAt', '<', toMs);
    const inScope = areaInScope('meters.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    return query.orderBy('vendingLedger.invoiceNo').execute();
  }

  /** Every invoice number issued from `first` to `last` (zero-padded, so text order is number order). */
  async invoiceNumbersBetween(first: string, last: string): Promise<string[]> {
    const rows = await this.#x.db
      .selectFrom('vendingLedger')
      .select('invoiceNo')
      .where('invoiceNo', '>=', first)
      .where('invoiceNo', '<=', last)
      .orderBy('invoiceNo')
      .execute();
    return rows.flatMap((r) => (r.invoiceNo === null ? [] : [r.invoiceNo]));
  }

  /** Which of these sales have been cancelled. */
  async cancelledAmong(saleIds: readonly number[]): Promise<Set<number>> {
    const rows = await inChunks(saleIds, (chunk) =>
      this.#x.db
        .selectFrom('vendingLedger')
        .select('refersToId')
        .where('kind', '=', 'cancel')
        .where('refersToId', 'in', chunk)
        .execute(),
    );
    return new Set(rows.flatMap((row) => (row.refersToId === null ? [] : [row.refersToId])));
  }

  /**
   * The last invoice number handed out on meters in scope, as a number: the site's counter for a scope of
   * every area, else the highest invoice of the scope's entries (null when it has none). The site's counter
   * is not shown to a user kept to some areas: it tells how much the others sold.
   */
  async lastInvoiceNumberIn(scope: AreaScope): Promise<number | null> {
    if (scope.kind === 'all') return this.lastInvoiceNumber();
    let query = this.#x.db
      .selectFrom('vendingLedger')
      .innerJoin('meters', 'meters.id', 'vendingLedger.meterId')
      .select((eb) => eb.fn.max('vendingLedger.invoiceNo').as('last'))
      .where('vendingLedger.invoiceNo', 'is not', null);
    const inScope = areaInScope('meters.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    const row = await query.executeTakeFirst();
    if (row?.last == null) return null;
    // Invoice numbers are the counter's zero-padded digits; one that is not (written by hand) is no count.
    const last = Number(row.last);
    return Number.isSafeInteger(last) ? last : null;
  }

  /** The last invoice number handed out, as a number. */
  async lastInvoiceNumber(): Promise<number> {
    const row = await this.#x.db
      .selectFrom('vendingCounters')
      .select('value')
      .where('name', '=', 'invoice')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }
}
