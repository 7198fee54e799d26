import type { AreaScope } from '@openami/domain';
import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import { eachChunk, inChunks } from '../chunks.ts';
import type { MetersTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope, areaUnderAny, startsWith } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type MeterRow = Selectable<MetersTable>;
export type NewMeter = Omit<Insertable<MetersTable>, 'id' | 'createdAt' | 'updatedAt'>;
export type MeterPatch = Partial<
  Pick<
    MetersTable,
    | 'commAddress'
    | 'state'
    | 'areaId'
    | 'terminalPortId'
    | 'parentMeterId'
    | 'ptPrimary'
    | 'ptSecondary'
    | 'ctPrimary'
    | 'ctSecondary'
    | 'multiplier'
    | 'startingReadingWh'
  >
>;
export type MeterSort = 'id' | 'factoryNo' | 'commAddress' | 'state' | 'stockedInAt' | 'updatedAt';
export interface MeterFilter {
  readonly factoryNo?: string;
  readonly commAddress?: string;
  /** Prefix of the name or code of the customer holding the meter's open account. */
  readonly customer?: string;
  readonly areaPath?: string;
  readonly state?: string;
  readonly meterTypeId?: number;
}

/** A meter as reports see it. */
export interface ReportMeter {
  readonly id: number;
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly areaId: number;
  readonly areaName: string;
  readonly parentMeterId: number | null;
  readonly multiplier: number;
}

export class MeterRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async stockIn(meter: NewMeter, now: number): Promise<MeterRow> {
    return this.#x.db
      .insertInto('meters')
      .values({ ...meter, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Inserts many meters; call inside a transaction so that a batch lands whole or not at all. */
  async stockInMany(meters: readonly NewMeter[], now: number): Promise<number> {
    // Rows of 18 columns: 500 a statement stays well under both engines' bound-parameter limits.
    await eachChunk(meters, (chunk) =>
      this.#x.db
        .insertInto('meters')
        .values(chunk.map((m) => ({ ...m, createdAt: now, updatedAt: now })))
        .execute(),
    );
    return meters.length;
  }

  get(id: number): Promise<MeterRow | undefined> {
    return this.#x.db.selectFrom('meters').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByFactoryNo(factoryNo: string): Promise<MeterRow | undefined> {
    return this.#x.db.selectFrom('meters').selectAll().where('factoryNo', '=', factoryNo).executeTakeFirst();
  }

  getByFactoryNos(factoryNos: readonly string[]): Promise<MeterRow[]> {
    return inChunks(factoryNos, (chunk) =>
      this.#x.db.selectFrom('meters').selectAll().where('factoryNo', 'in', chunk).execute(),
    );
  }

  async update(id: number, patch: MeterPatch, now: number): Promise<MeterRow | undefined> {
    return this.#x.db
      .updateTable('meters')
      .set({ ...patch, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Refreshes the planner's statistics after a bulk change (a large import), so that searches straight after
   * it are planned for the table as it now is rather than waiting for autovacuum. Not inside a transaction.
   */
  async refreshStatistics(): Promise<void> {
    // On PostgreSQL VACUUM also marks the pages all-visible, so counts can be answered from the index alone.
    await sql`${sql.raw(this.#x.engine === 'postgres' ? 'vacuum analyze' : 'analyze')} meters`.execute(
      this.#x.db,
    );
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.#x.db.deleteFrom('meters').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * Every meter in the caller's scope (and under `areaPath` when given), in the few columns reports need:
   * where it is, what it answers to, its parent in the metering hierarchy and its multiplier.
   */
  async forReports(scope: AreaScope, areaPath: string | undefined): Promise<ReportMeter[]> {
    let query = this.#x.db
      .selectFrom('meters')
      .innerJoin('areas', 'areas.id', 'meters.areaId')
      .select([
        'meters.id',
        'meters.factoryNo',
        'meters.commAddress',
        'meters.areaId',
        'areas.name as areaName',
        'meters.parentMeterId',
        'meters.multiplier',
      ]);
    const inScope = areaInScope('meters.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (areaPath !== undefined) query = query.where(areaUnderAny('meters.areaId', [areaPath]));
    const rows = await query.orderBy('meters.id').execute();
    return rows.map((row) => ({
      id: Number(row.id),
      factoryNo: row.factoryNo,
      commAddress: row.commAddress,
      areaId: Number(row.areaId),
      areaName: row.areaName,
      parentMeterId: row.parentMeterId === null ? null : Number(row.parentMeterId),
      multiplier: Number(row.multiplier),
    }));
  }

  async search(scope: AreaScope, filter: MeterFilter, page: PageRequest<MeterSort>): Promise<Page<MeterRow>> {
    let query = this.#x.db.selectFrom('meters');
    const inScope = areaInScope('meters.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (filter.areaPath !== undefined) query = query.where(areaUnderAny('meters.areaId', [filter.areaPath]));
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    if (filter.meterTypeId !== undefined) query = query.where('meterTypeId', '=', filter.meterTypeId);
    if (filter.factoryNo !== undefined)
      query = query.where(startsWith(this.#x.engine, 'meters.factoryNo', filter.factoryNo));
    if (filter.commAddress !== undefined)
      query = query.where(startsWith(this.#x.engine, 'meters.commAddress', filter.commAddress));
    if (filter.customer !== undefined) {
      const prefix = filter.customer;
      query = query.where(
        'meters.id',
        'in',
        this.#x.db
          .selectFrom('accounts')
          .innerJoin('customers', 'customers.id', 'accounts.customerId')
          .select('accounts.meterId')
          .where('accounts.state', '=', 'open')
          .where(
            sql<boolean>`(${startsWith(this.#x.engine, 'customers.name', prefix)} or ${startsWith(this.#x.engine, 'customers.code', prefix)})`,
          ),
      );
    }
    // A prefix filter picks few rows through its own index; SQLite would rather walk the whole table in the
    // sort order to skip sorting those few rows. Sorting on an expression (`+column`) rules that out.
    const narrow =
      filter.factoryNo !== undefined || filter.commAddress !== undefined || filter.customer !== undefined;
    const sortKey = (column: MeterSort) =>
      narrow && this.#x.engine === 'sqlite'
        ? sql`+${sql.ref(`meters.${column}`)}`
        : sql.ref(`meters.${column}`);
    // Find the page's ids first and fetch whole rows for those only: the sort then runs over narrow index
    // entries instead of full rows, which keeps deep pages of a large area cheap.
    const pageIds = query
      .select('meters.id')
      .orderBy(sortKey(page.sort), page.direction)
      .orderBy(sortKey('id'))
      .limit(page.limit)
      .offset(page.offset);
    return pageOf(query, page, () =>
      this.#x.db
        .selectFrom('meters')
        .selectAll()
        .where('meters.id', 'in', pageIds)
        .orderBy(sql.ref(`meters.${page.sort}`), page.direction)
        .orderBy('meters.id')
        .execute(),
    );
  }
}
