import type { AreaScope } from '@openami/domain';
import type { Selectable } from 'kysely';
import { eachChunk, inChunks } from '../chunks.ts';
import type { CustomersTable, CustomerVersionsTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope, areaUnderAny, startsWith } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type CustomerRow = Selectable<CustomersTable>;
export type CustomerVersionRow = Selectable<CustomerVersionsTable>;
export interface CustomerFields {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly address: string;
  readonly idNumber: string;
  readonly areaId: number;
}
export type CustomerSort = 'id' | 'code' | 'name' | 'updatedAt';
export interface CustomerFilter {
  readonly code?: string;
  readonly name?: string;
  readonly areaPath?: string;
}

/** Customers are versioned: a change of name or address keeps what earlier sales and bills printed. */
export class CustomerRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(fields: CustomerFields, actorId: number | null, now: number): Promise<CustomerRow> {
    const row = await this.#x.db
      .insertInto('customers')
      .values({ ...fields, version: 1, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#snapshot(row, actorId, now);
    return row;
  }

  /** Creates many customers, each with its version 1; call inside a transaction. */
  async createMany(rows: readonly CustomerFields[], actorId: number | null, now: number): Promise<number> {
    await eachChunk(rows, async (chunk) => {
      const created = await this.#x.db
        .insertInto('customers')
        .values(chunk.map((fields) => ({ ...fields, version: 1, createdAt: now, updatedAt: now })))
        .returningAll()
        .execute();
      await this.#x.db
        .insertInto('customerVersions')
        .values(created.map((row) => snapshotOf(row, actorId, now)))
        .execute();
    });
    return rows.length;
  }

  async update(
    id: number,
    patch: Partial<CustomerFields>,
    actorId: number | null,
    now: number,
  ): Promise<CustomerRow | undefined> {
    const current = await this.get(id);
    if (current === undefined) return undefined;
    const row = await this.#x.db
      .updateTable('customers')
      .set({ ...patch, version: current.version + 1, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#snapshot(row, actorId, now);
    return row;
  }

  get(id: number): Promise<CustomerRow | undefined> {
    return this.#x.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByCode(code: string): Promise<CustomerRow | undefined> {
    return this.#x.db.selectFrom('customers').selectAll().where('code', '=', code).executeTakeFirst();
  }

  getByCodes(codes: readonly string[]): Promise<CustomerRow[]> {
    return inChunks(codes, (chunk) =>
      this.#x.db.selectFrom('customers').selectAll().where('code', 'in', chunk).execute(),
    );
  }

  currentVersion(id: number): Promise<CustomerVersionRow | undefined> {
    return this.#x.db
      .selectFrom('customerVersions')
      .selectAll()
      .where('customerId', '=', id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  versions(id: number): Promise<CustomerVersionRow[]> {
    return this.#x.db
      .selectFrom('customerVersions')
      .selectAll()
      .where('customerId', '=', id)
      .orderBy('version')
      .execute();
  }

  async list(
    scope: AreaScope,
    filter: CustomerFilter,
    page: PageRequest<CustomerSort>,
  ): Promise<Page<CustomerRow>> {
    let query = this.#x.db.selectFrom('customers');
    const inScope = areaInScope('customers.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (filter.code !== undefined)
      query = query.where(startsWith(this.#x.engine, 'customers.code', filter.code));
    if (filter.name !== undefined)
      query = query.where(startsWith(this.#x.engine, 'customers.name', filter.name));
    if (filter.areaPath !== undefined) {
      query = query.where(areaUnderAny('customers.areaId', [filter.areaPath]));
    }
    return pageOf(query, page, (q) =>
      q
        .selectAll()
        .orderBy(page.sort, page.direction)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    );
  }

  async #snapshot(row: CustomerRow, actorId: number | null, now: number): Promise<void> {
    await this.#x.db
      .insertInto('customerVersions')
      .values(snapshotOf(row, actorId, now))
      .execute();
  }
}

function snapshotOf(row: CustomerRow, actorId: number | null, now: number) {
  return {
    customerId: row.id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    address: row.address,
    idNumber: row.idNumber,
    areaId: row.areaId,
    version: row.version,
    createdAt: now,
    createdBy: actorId,
  };
}
