import type { Selectable } from 'kysely';
import { inChunks } from '../chunks.ts';
import type { MeterTypesTable, MeterTypeVersionsTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import type { Executor } from './executor.ts';

export type MeterTypeRow = Selectable<MeterTypesTable>;
export type MeterTypeVersionRow = Selectable<MeterTypeVersionsTable>;
export interface MeterTypeFields {
  readonly code: string;
  readonly name: string;
  readonly model: string;
  readonly constantImpPerKwh: number;
  readonly ratedCurrentMa: number;
  readonly maxCurrentMa: number;
  readonly phases: number;
  readonly protocol: string;
  readonly cardStandard: string;
}
export type MeterTypeSort = 'id' | 'code' | 'name';

/**
 * Meter types are versioned like price types: a meter records the version it was stocked in with, so
 * correcting a type later does not rewrite what existing meters were (DOMAIN.md §4).
 */
export class MeterTypeRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(fields: MeterTypeFields, actorId: number | null, now: number): Promise<MeterTypeRow> {
    const row = await this.#x.db
      .insertInto('meterTypes')
      .values({ ...fields, version: 1, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#snapshot(row, actorId, now);
    return row;
  }

  async update(
    id: number,
    patch: Partial<MeterTypeFields>,
    actorId: number | null,
    now: number,
  ): Promise<MeterTypeRow | undefined> {
    const current = await this.get(id);
    if (current === undefined) return undefined;
    const row = await this.#x.db
      .updateTable('meterTypes')
      .set({ ...patch, version: current.version + 1, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#snapshot(row, actorId, now);
    return row;
  }

  get(id: number): Promise<MeterTypeRow | undefined> {
    return this.#x.db.selectFrom('meterTypes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByCode(code: string): Promise<MeterTypeRow | undefined> {
    return this.#x.db.selectFrom('meterTypes').selectAll().where('code', '=', code).executeTakeFirst();
  }

  getByCodes(codes: readonly string[]): Promise<MeterTypeRow[]> {
    return inChunks(codes, (chunk) =>
      this.#x.db.selectFrom('meterTypes').selectAll().where('code', 'in', chunk).execute(),
    );
  }

  /** The version current now: what a newly stocked-in meter records. */
  currentVersion(id: number): Promise<MeterTypeVersionRow | undefined> {
    return this.#x.db
      .selectFrom('meterTypeVersions')
      .selectAll()
      .where('meterTypeId', '=', id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  getVersion(versionId: number): Promise<MeterTypeVersionRow | undefined> {
    return this.#x.db
      .selectFrom('meterTypeVersions')
      .selectAll()
      .where('id', '=', versionId)
      .executeTakeFirst();
  }

  versions(id: number): Promise<MeterTypeVersionRow[]> {
    return this.#x.db
      .selectFrom('meterTypeVersions')
      .selectAll()
      .where('meterTypeId', '=', id)
      .orderBy('version')
      .execute();
  }

  async list(page: PageRequest<MeterTypeSort>): Promise<Page<MeterTypeRow>> {
    const query = this.#x.db.selectFrom('meterTypes');
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

  async #snapshot(row: MeterTypeRow, actorId: number | null, now: number): Promise<void> {
    await this.#x.db
      .insertInto('meterTypeVersions')
      .values({
        meterTypeId: row.id,
        code: row.code,
        name: row.name,
        model: row.model,
        constantImpPerKwh: row.constantImpPerKwh,
        ratedCurrentMa: row.ratedCurrentMa,
        maxCurrentMa: row.maxCurrentMa,
        phases: row.phases,
        protocol: row.protocol,
        cardStandard: row.cardStandard,
        version: row.version,
        createdAt: now,
        createdBy: actorId,
      })
      .execute();
  }
}
