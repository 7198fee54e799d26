import { ALARM_RETENTION_MONTHS, type AreaScope, alarmRetentionCutoff } from '@openami/domain';
import type { Selectable } from 'kysely';
import type { AlarmsTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope, areaUnderAny } from '../scope-filter.ts';
import { constraintViolation, type Executor } from './executor.ts';

export type AlarmRow = Selectable<AlarmsTable>;
export interface AlarmKey {
  readonly kind: string;
  readonly objectType: string;
  readonly objectId: string;
}
export interface NewAlarm extends AlarmKey {
  readonly severity: string;
  readonly areaId: number | null;
  readonly evidence: unknown;
}
export type AlarmSort = 'raisedAt' | 'id' | 'severity';
export interface AlarmFilter {
  readonly kind?: string;
  /** `open` = raised or acknowledged. */
  readonly state?: 'raised' | 'acknowledged' | 'cleared' | 'open';
  readonly objectType?: string;
  readonly objectId?: string;
  readonly severity?: string;
  /** Alarms whose area is this one (a materialised path) or beneath it. */
  readonly areaPath?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

/**
 * Alarms and their life cycle. `raise` is safe against a race: the partial unique index allows one open
 * alarm per (kind, object), and a raise that loses it refreshes the winner instead.
 */
export class AlarmRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  open(key: AlarmKey): Promise<AlarmRow | undefined> {
    return this.#x.db
      .selectFrom('alarms')
      .selectAll()
      .where('kind', '=', key.kind)
      .where('objectType', '=', key.objectType)
      .where('objectId', '=', key.objectId)
      .where('state', '<>', 'cleared')
      .executeTakeFirst();
  }

  /** Opens an alarm, or refreshes the open one (`created: false`). */
  async raise(alarm: NewAlarm, now: number): Promise<{ alarm: AlarmRow; created: boolean }> {
    const existing = await this.open(alarm);
    if (existing !== undefined) return { alarm: await this.refresh(existing.id, now), created: false };
    try {
      const created = await this.#x.db
        .insertInto('alarms')
        .values({
          kind: alarm.kind,
          severity: alarm.severity,
          objectType: alarm.objectType,
          objectId: alarm.objectId,
          areaId: alarm.areaId,
          state: 'raised',
          raisedAt: now,
          lastSeenAt: now,
          occurrences: 1,
          evidence: JSON.stringify(alarm.evidence ?? {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { alarm: created, created: true };
    } catch (error) {
      if (constraintViolation(error) !== 'unique') throw error;
      const winner = await this.open(alarm);
      if (winner === undefined) throw error;
      return { alarm: await this.refresh(winner.id, now), created: false };
    }
  }

  /** The condition was seen again (or the event happened again). */
  refresh(id: number, now: number): Promise<AlarmRow> {
    return this.#x.db
      .updateTable('alarms')
      .set((eb) => ({ lastSeenAt: now, occurrences: eb('occurrences', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  clear(id: number, reason: string, now: number): Promise<AlarmRow | undefined> {
    return this.#x.db
      .updateTable('alarms')
      .set({ state: 'cleared', clearedAt: now, clearReason: reason })
      .where('id', '=', id)
      .where('state', '<>', 'cleared')
      .returningAll()
      .executeTakeFirst();
  }

  /** Records who looked at it and what they said; `clear` also closes it (event alarms). */
  acknowledge(
    id: number,
    by: { userId: number | null; name: string },
    comment: string,
    now: number,
    clear: boolean,
  ): Promise<AlarmRow | undefined> {
    return this.#x.db
      .updateTable('alarms')
      .set({
        acknowledgedAt: now,
        acknowledgedBy: by.userId,
        acknowledgedByName: by.name,
        ackComment: comment,
        ...(clear
          ? { state: 'cleared', clearedAt: now, clearReason: 'acknowledged' }
          : { state: 'acknowledged' }),
      })
      .where('id', '=', id)
      .where('state', '=', 'raised')
      .returningAll()
      .executeTakeFirst();
  }

  get(id: number): Promise<AlarmRow | undefined> {
    return this.#x.db.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(scope: AreaScope, filter: AlarmFilter, page: PageRequest<AlarmSort>): Promise<Page<AlarmRow>> {
    let query = this.#x.db.selectFrom('alarms');
    const inScope = areaInScope('alarms.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    if (filter.state === 'open') query = query.where('state', '<>', 'cleared');
    else if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    if (filter.objectType !== undefined) query = query.where('objectType', '=', filter.objectType);
    if (filter.objectId !== undefined) query = query.where('objectId', '=', filter.objectId);
    if (filter.severity !== undefined) query = query.where('severity', '=', filter.severity);
    if (filter.areaPath !== undefined) query = query.where(areaUnderAny('alarms.areaId', [filter.areaPath]));
    if (filter.fromMs !== undefined) query = query.where('raisedAt', '>=', filter.fromMs);
    if (filter.toMs !== undefined) query = query.where('raisedAt', '<', filter.toMs);
    return pageOf(query, page, (q) =>
      q
        .selectAll()
        .orderBy(page.sort, page.direction)
        .orderBy('id', page.direction)
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    );
  }

  /** Open alarms, for the monitoring colours and for an engine starting up. */
  openAlarms(): Promise<AlarmRow[]> {
    return this.#x.db
      .selectFrom('alarms')
      .selectAll()
      .where('state', '<>', 'cleared')
      .orderBy('id')
      .execute();
  }

  /**
   * Removes cleared alarms raised before the retention cutoff: `keepMonths` (at least 12, 003 §5.3.2 d and
   * §5.4.2 d) before `now`. Open alarms are never removed, however old; a shorter retention is refused.
   */
  async purgeCleared(now: number, keepMonths: number = ALARM_RETENTION_MONTHS): Promise<number> {
    const cutoff = alarmRetentionCutoff(now, keepMonths);
    const result = await this.#x.db
      .deleteFrom('alarms')
      .where('state', '=', 'cleared')
      .where('raisedAt', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
