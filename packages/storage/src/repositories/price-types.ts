import type { Selectable } from 'kysely';
import type { PriceTypesTable, PriceTypeVersionsTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import type { Executor } from './executor.ts';

export type PriceTypeRow = Selectable<PriceTypesTable>;
export type PriceTypeVersionRow = Selectable<PriceTypeVersionsTable>;
export interface PriceTypeFields {
  readonly code: string;
  readonly name: string;
  readonly unitPriceMilliFenPerKwh: number;
}
export type PriceTypeSort = 'id' | 'code' | 'name';

/**
 * Price types are versioned: an update writes a new version row and bumps the current row, so a sale that
 * recorded `priceTypeVersionId` keeps the price that was true then (DOMAIN.md §4).
 */
export class PriceTypeRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(fields: PriceTypeFields, actorId: number | null, now: number): Promise<PriceTypeRow> {
    const row = await this.#x.db
      .insertInto('priceTypes')
      .values({ ...fields, version: 1, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#snapshot(row, actorId, now);
    return row;
  }

  async update(
    id: number,
    patch: Partial<PriceTypeFields>,
    actorId: number | null,
    now: number,
  ): Promise<PriceTypeRow | undefined> {
    const current = await this.get(id);
    if (current === undefined) return undefined;
    const row = await this.#x.db
      .updateTable('priceTypes')
      .set({ ...patch, version: current.version + 1, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#snapshot(row, actorId, now);
    return row;
  }

  get(id: number): Promise<PriceTypeRow | undefined> {
    return this.#x.db.selectFrom('priceTypes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByCode(code: string): Promise<PriceTypeRow | undefined> {
    return this.#x.db.selectFrom('priceTypes').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** The version current now: what a new sale should record. */
  currentVersion(id: number): Promise<PriceTypeVersionRow | undefined> {
    return this.#x.db
      .selectFrom('priceTypeVersions')
      .selectAll()
      .where('priceTypeId', '=', id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  getVersion(versionId: number): Promise<PriceTypeVersionRow | undefined> {
    return this.#x.db
      .selectFrom('priceTypeVersions')
      .selectAll()
      .where('id', '=', versionId)
      .executeTakeFirst();
  }

  versions(id: number): Promise<PriceTypeVersionRow[]> {
    return this.#x.db
      .selectFrom('priceTypeVersions')
      .selectAll()
      .where('priceTypeId', '=', id)
      .orderBy('version')
      .execute();
  }

  async list(page: PageRequest<PriceTypeSort>): Promise<Page<PriceTypeRow>> {
    const query = this.#x.db.selectFrom('priceTypes');
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

  async #snapshot(row: PriceTypeRow, actorId: number | null, now: number): Promise<void> {
    await this.#x.db
      .insertInto('priceTypeVersions')
      .values({
        priceTypeId: row.id,
        code: row.code,
        name: row.name,
        unitPriceMilliFenPerKwh: row.unitPriceMilliFenPerKwh,
        version: row.version,
        createdAt: now,
        createdBy: actorId,
      })
      .execute();
  }
}
