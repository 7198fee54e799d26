import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { AlarmRulesTable } from '../database.ts';
import { constraintViolation, type Executor } from './executor.ts';

export type AlarmRuleRow = Selectable<AlarmRulesTable>;
/** One kind's override for an area (null: the site) and a meter type (null: every type). */
export interface AlarmRuleKey {
  readonly kind: string;
  readonly areaId: number | null;
  readonly meterTypeId: number | null;
}
export interface AlarmRuleSet extends AlarmRuleKey {
  /** Undefined or null: inherited. */
  readonly enabled?: boolean | null;
  readonly severity?: string | null;
  readonly params: Readonly<Record<string, number>>;
}

/**
 * A site's overrides of the alarm rules. The table is small (a few rows per area at most), so the engine
 * loads all of it and notices a change by `version`.
 */
export class AlarmRuleRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  list(): Promise<AlarmRuleRow[]> {
    return this.#x.db.selectFrom('alarmRules').selectAll().orderBy('id').execute();
  }

  get(key: AlarmRuleKey): Promise<AlarmRuleRow | undefined> {
    let query = this.#x.db.selectFrom('alarmRules').selectAll().where('kind', '=', key.kind);
    query = key.areaId === null ? query.where('areaId', 'is', null) : query.where('areaId', '=', key.areaId);
    query =
      key.meterTypeId === null
        ? query.where('meterTypeId', 'is', null)
        : query.where('meterTypeId', '=', key.meterTypeId);
    return query.executeTakeFirst();
  }

  /**
   * Sets the override of a kind for a scope, replacing what was set there; returns it with the one it
   * replaced. Two writers racing on a new scope: the unique index lets one insert, the other updates.
   */
  async put(
    rule: AlarmRuleSet,
    by: number | null,
    now: number,
  ): Promise<{ rule: AlarmRuleRow; before: AlarmRuleRow | undefined }> {
    const values = {
      enabled: rule.enabled === undefined || rule.enabled === null ? null : rule.enabled ? 1 : 0,
      severity: rule.severity ?? null,
      params: JSON.stringify(rule.params),
      updatedAt: now,
      updatedBy: by,
    };
    const before = await this.get(rule);
    if (before !== undefined) return { rule: await this.#update(before.id, values), before };
    try {
      const created = await this.#x.db
        .insertInto('alarmRules')
        .values({ kind: rule.kind, areaId: rule.areaId, meterTypeId: rule.meterTypeId, ...values })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { rule: created, before: undefined };
    } catch (error) {
      if (constraintViolation(error) !== 'unique') throw error;
      const winner = await this.get(rule);
      if (winner === undefined) throw error;
      return { rule: await this.#update(winner.id, values), before: winner };
    }
  }

  #update(id: number, values: Omit<AlarmRulesTable, 'id' | 'kind' | 'areaId' | 'meterTypeId'>) {
    return this.#x.db
      .updateTable('alarmRules')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Removes the override; returns what it held, or undefined when there was none. */
  async remove(key: AlarmRuleKey): Promise<AlarmRuleRow | undefined> {
    const existing = await this.get(key);
    if (existing === undefined) return undefined;
    const result = await this.#x.db.deleteFrom('alarmRules').where('id', '=', existing.id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0 ? existing : undefined;
  }

  /** Changes whenever a row is added, changed or removed: how many there are, the newest change, the top id. */
  async version(): Promise<string> {
    const row = await this.#x.db
      .selectFrom('alarmRules')
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number | null>`max(updated_at)`.as('latest'),
        sql<number | null>`max(id)`.as('top'),
      ])
      .executeTakeFirstOrThrow();
    return `${Number(row.n)}:${row.latest ?? 0}:${row.top ?? 0}`;
  }
}
