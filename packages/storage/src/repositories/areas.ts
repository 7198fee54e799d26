import { type AreaScope, areaPath } from '@openami/domain';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { inChunks } from '../chunks.ts';
import type { AreasTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope, startsWith } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type AreaRow = Selectable<AreasTable>;
export interface NewArea {
  readonly parentId: number | null;
  readonly kind: string;
  readonly code: string;
  readonly name: string;
}
export type AreaSort = 'id' | 'code' | 'name' | 'path';
export interface AreaFilter {
  readonly parentId?: number;
  readonly under?: number;
  readonly kind?: string;
  readonly name?: string;
}

export class AreaRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(area: NewArea, now: number): Promise<AreaRow> {
    const parent = area.parentId === null ? undefined : await this.get(area.parentId);
    const { id } = await this.#x.db
      .insertInto('areas')
      .values({ ...area, path: '', createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = areaPath(parent?.path ?? null, id);
    await this.#x.db.updateTable('areas').set({ path }).where('id', '=', id).execute();
    return { ...area, id, path, createdAt: now, updatedAt: now };
  }

  get(id: number): Promise<AreaRow | undefined> {
    return this.#x.db.selectFrom('areas').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByCode(code: string): Promise<AreaRow | undefined> {
    return this.#x.db.selectFrom('areas').selectAll().where('code', '=', code).executeTakeFirst();
  }

  getByCodes(codes: readonly string[]): Promise<AreaRow[]> {
    return inChunks(codes, (chunk) =>
      this.#x.db.selectFrom('areas').selectAll().where('code', 'in', chunk).execute(),
    );
  }

  getMany(ids: readonly number[]): Promise<AreaRow[]> {
    return inChunks(ids, (chunk) =>
      this.#x.db.selectFrom('areas').selectAll().where('id', 'in', chunk).execute(),
    );
  }

  async list(scope: AreaScope, filter: AreaFilter, page: PageRequest<AreaSort>): Promise<Page<AreaRow>> {
    const under = filter.under === undefined ? undefined : await this.get(filter.under);
    let query = this.#x.db.selectFrom('areas');
    const inScope = areaInScope('areas.id', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (filter.parentId !== undefined) query = query.where('parentId', '=', filter.parentId);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    if (filter.name !== undefined) query = query.where(startsWith(this.#x.engine, 'areas.name', filter.name));
    if (filter.under !== undefined)
      query = query.where(startsWith(this.#x.engine, 'areas.path', under?.path ?? '/none/'));
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

  async update(
    id: number,
    patch: Partial<Omit<NewArea, 'parentId'>>,
    now: number,
  ): Promise<AreaRow | undefined> {
    await this.#x.db
      .updateTable('areas')
      .set({ ...patch, updatedAt: now })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  /** Moves an area and its whole subtree under a new parent, rewriting the materialised paths. */
  async move(id: number, newParentId: number | null, now: number): Promise<AreaRow | undefined> {
    const area = await this.get(id);
    if (area === undefined) return undefined;
    const parent = newParentId === null ? undefined : await this.get(newParentId);
    const newPath = areaPath(parent?.path ?? null, id);
    await this.#x.db
      .updateTable('areas')
      .set({ parentId: newParentId, updatedAt: now })
      .where('id', '=', id)
      .execute();
    await this.#x.db
      .updateTable('areas')
      .set({ path: sql<string>`${newPath} || substr(path, ${area.path.length + 1})` })
      .where(startsWith(this.#x.engine, 'areas.path', area.path))
      .execute();
    return this.get(id);
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.#x.db.deleteFrom('areas').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
