import type { AreaScope } from '@openami/domain';
import type { Selectable } from 'kysely';
import type { ConcentratorsTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope, startsWith } from '../scope-filter.ts';
import { constraintViolation, type Executor } from './executor.ts';

type ConcentratorRowRaw = Selectable<ConcentratorsTable>;
export interface ConcentratorRow extends Omit<ConcentratorRowRaw, 'online'> {
  readonly online: boolean;
}
export interface ConcentratorFields {
  readonly areaId: number;
  readonly name: string;
  /** A1: four decimal digits, leading zeros kept. */
  readonly areaCode: string;
  /** A2: 0–65535. */
  readonly terminalAddress: number;
  /** A3: the master station's address, 0–127. */
  readonly masterAddress: number;
  readonly model: string;
  readonly variant: string;
  readonly notes: string;
}
/** What the head-end observes of a concentrator in the field; only the given fields change. */
export interface ConcentratorFieldState {
  readonly online?: boolean;
  readonly lastLoginAt?: number;
  readonly lastHeartbeatAt?: number;
  readonly signalDbm?: number | null;
}
export type ConcentratorSort = 'id' | 'name' | 'areaCode' | 'terminalAddress';
export interface ConcentratorFilter {
  readonly name?: string;
  readonly areaCode?: string;
}
/** A meter behind a concentrator, at its measuring point. */
export interface ConcentratorMeter {
  readonly meterId: number;
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly measuringPoint: number;
}
/** Why a meter could not be put on a measuring point. */
export type AssignRefusal = 'meter_not_found' | 'concentrator_not_found' | 'meter_on_port' | 'point_taken';
export type AssignResult = { readonly ok: true } | { readonly ok: false; readonly reason: AssignRefusal };

export const firstMeasuringPoint = 1;
export const lastMeasuringPoint = 2040;

function toRow(row: ConcentratorRowRaw): ConcentratorRow {
  return { ...row, online: Number(row.online) === 1 };
}

export class ConcentratorRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(fields: ConcentratorFields, now: number): Promise<ConcentratorRow> {
    const row = await this.#x.db
      .insertInto('concentrators')
      .values({ ...fields, online: 0, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRow(row);
  }

  async get(id: number): Promise<ConcentratorRow | undefined> {
    const row = await this.#x.db
      .selectFrom('concentrators')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  /** The concentrator at address (A1, A2), whatever the area: the head-end's lookup on login. */
  async byAddress(areaCode: string, terminalAddress: number): Promise<ConcentratorRow | undefined> {
    const row = await this.#x.db
      .selectFrom('concentrators')
      .selectAll()
      .where('areaCode', '=', areaCode)
      .where('terminalAddress', '=', terminalAddress)
      .executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  async update(
    id: number,
    patch: Partial<ConcentratorFields>,
    now: number,
  ): Promise<ConcentratorRow | undefined> {
    const row = await this.#x.db
      .updateTable('concentrators')
      .set({ ...patch, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  /** Records what the head-end saw; leaves `updatedAt` (the archive's edit time) alone. */
  async recordFieldState(id: number, state: ConcentratorFieldState): Promise<boolean> {
    const set: {
      online?: number;
      lastLoginAt?: number;
      lastHeartbeatAt?: number;
      signalDbm?: number | null;
    } = {};
    if (state.online !== undefined) set.online = state.online ? 1 : 0;
    if (state.lastLoginAt !== undefined) set.lastLoginAt = state.lastLoginAt;
    if (state.lastHeartbeatAt !== undefined) set.lastHeartbeatAt = state.lastHeartbeatAt;
    if (state.signalDbm !== undefined) set.signalDbm = state.signalDbm;
    if (Object.keys(set).length === 0) return (await this.get(id)) !== undefined;
    const result = await this.#x.db
      .updateTable('concentrators')
      .set(set)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** How many meters sit behind the concentrator. */
  async meterCount(id: number): Promise<number> {
    const row = await this.#x.db
      .selectFrom('meters')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('concentratorId', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Deletes the concentrator; refused (`not_empty`) while any meter sits behind it. */
  async remove(id: number): Promise<'removed' | 'not_found' | 'not_empty'> {
    if ((await this.meterCount(id)) > 0) return 'not_empty';
    try {
      const result = await this.#x.db.deleteFrom('concentrators').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n ? 'removed' : 'not_found';
    } catch (error) {
      // A meter put behind it meanwhile: the foreign key restricts the delete.
      if (constraintViolation(error) === 'foreign_key') return 'not_empty';
      throw error;
    }
  }

  /** The meters behind the concentrator, by measuring point. */
  async meters(id: number): Promise<ConcentratorMeter[]> {
    const rows = await this.#x.db
      .selectFrom('meters')
      .select(['id', 'factoryNo', 'commAddress', 'measuringPoint'])
      .where('concentratorId', '=', id)
      .orderBy('measuringPoint')
      .execute();
    return rows.map((r) => ({
      meterId: Number(r.id),
      factoryNo: r.factoryNo,
      commAddress: r.commAddress,
      measuringPoint: Number(r.measuringPoint),
    }));
  }

  /**
   * Puts the meter on measuring point `point` of the concentrator (moving it from any other point).
   * Refused while the meter is on a terminal port (a meter is reached one way only) or the point is taken
   * by another meter. The point must be 1–2040 (the schema refuses others).
   */
  async assignMeter(
    meterId: number,
    concentratorId: number,
    point: number,
    now: number,
  ): Promise<AssignResult> {
    const meter = await this.#x.db
      .selectFrom('meters')
      .select(['id', 'terminalPortId'])
      .where('id', '=', meterId)
      .executeTakeFirst();
    if (meter === undefined) return { ok: false, reason: 'meter_not_found' };
    if (meter.terminalPortId !== null) return { ok: false, reason: 'meter_on_port' };
    if ((await this.get(concentratorId)) === undefined)
      return { ok: false, reason: 'concentrator_not_found' };
    const holder = await this.#x.db
      .selectFrom('meters')
      .select('id')
      .where('concentratorId', '=', concentratorId)
      .where('measuringPoint', '=', point)
      .executeTakeFirst();
    if (holder !== undefined && Number(holder.id) !== meterId) return { ok: false, reason: 'point_taken' };
    try {
      await this.#x.db
        .updateTable('meters')
        .set({ concentratorId, measuringPoint: point, updatedAt: now })
        .where('id', '=', meterId)
        .where('terminalPortId', 'is', null)
        .execute();
    } catch (error) {
      if (constraintViolation(error) === 'unique') return { ok: false, reason: 'point_taken' };
      throw error;
    }
    return { ok: true };
  }

  /** Takes the meter off its measuring point; false when it was on none. */
  async unassignMeter(meterId: number, now: number): Promise<boolean> {
    const result = await this.#x.db
      .updateTable('meters')
      .set({ concentratorId: null, measuringPoint: null, updatedAt: now })
      .where('id', '=', meterId)
      .where('concentratorId', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async list(
    scope: AreaScope,
    filter: ConcentratorFilter,
    page: PageRequest<ConcentratorSort>,
  ): Promise<Page<ConcentratorRow>> {
    let query = this.#x.db.selectFrom('concentrators');
    const inScope = areaInScope('concentrators.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (filter.name !== undefined)
      query = query.where(startsWith(this.#x.engine, 'concentrators.name', filter.name));
    if (filter.areaCode !== undefined) query = query.where('concentrators.areaCode', '=', filter.areaCode);
    const result = await pageOf(query, page, (q) =>
      q
        .selectAll()
        .orderBy(page.sort, page.direction)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    );
    return { ...result, items: result.items.map(toRow) };
  }
}
