import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/** What a retention run may remove; everything else (ledger, audit, roll-ups, freezes) is never touched. */
export const retentionKinds = [
  'reading_energy',
  'reading_instant',
  'cleared_alarms',
  'notifications',
  'resident_codes',
] as const;
export type RetentionKind = (typeof retentionKinds)[number];

/** Rows removed in one statement: each batch commits alone, so no lock is held for long. */
export const defaultRetentionBatch = 1000;

/**
 * Removes (or counts, for a dry run) what is older than a cutoff, a batch at a time. What must stay stays,
 * whatever its age:
 * - raw readings: each meter's newest reading, its newest one carrying the prepaid registers (what the
 *   counter shows as the meter's last word), and on a meter of an open remote account every reading from
 *   its last charge on (the next charge starts from that reading; without a charge, from the opening).
 *   Reports read the daily and monthly roll-ups and the meters' own daily freezes, which are never removed;
 *   only hourly reports read raw readings, so they reach back as far as the readings kept.
 * - alarms: only cleared ones; an open or acknowledged alarm stays.
 * - notifications: only delivered, failed or folded ones; pending, sending and held ones stay.
 * - residents' codes: by when they were asked for.
 */
export class RetentionRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  /** Removes the rows of `kind` older than `cutoffMs`, a batch at a time; returns how many went. */
  async remove(kind: RetentionKind, cutoffMs: number, batch = defaultRetentionBatch): Promise<number> {
    let removed = 0;
    if (kind === 'reading_energy' || kind === 'reading_instant') {
      const floors = await this.#remoteFloors();
      removed += await this.#repeat(() => this.#removeReadings(kind, cutoffMs, batch));
      for (const [meterId, floorMs] of floors) {
        const before = Math.min(cutoffMs, floorMs);
        removed += await this.#repeat(() => this.#removeReadings(kind, before, batch, meterId));
      }
      return removed;
    }
    return this.#repeat(() => this.#removeRows(kind, cutoffMs, batch));
  }

  /** How many rows `remove` would take away now. */
  async count(kind: RetentionKind, cutoffMs: number): Promise<number> {
    if (kind === 'reading_energy' || kind === 'reading_instant') {
      let total = await this.#countReadings(kind, cutoffMs);
      for (const [meterId, floorMs] of await this.#remoteFloors()) {
        total += await this.#countReadings(kind, Math.min(cutoffMs, floorMs), meterId);
      }
      return total;
    }
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(tableOf(kind))} t
      where ${rowCondition(kind, cutoffMs)}`.execute(this.#x.db);
    return Number(row.rows[0]?.n ?? 0);
  }

  async #repeat(batchOnce: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await batchOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  /**
   * The meters of open remote accounts, each with the earliest reading its next charge needs: the one its
   * last charge ended at, else the opening.
   */
  async #remoteFloors(): Promise<Map<number, number>> {
    const rows = await this.#x.db
      .selectFrom('accounts as a')
      .select((eb) => [
        'a.meterId',
        'a.openedAt',
        eb
          .selectFrom('vendingLedger as l')
          .select('l.details')
          .whereRef('l.accountId', '=', 'a.id')
          .whereRef('l.meterId', '=', 'a.meterId')
          .where('l.kind', '=', 'charge')
          .orderBy('l.id', 'desc')
          .limit(1)
          .as('lastCharge'),
      ])
      .where('a.prepaidMode', '=', 'remote')
      .where('a.state', '=', 'open')
      .execute();
    const floors = new Map<number, number>();
    for (const row of rows) {
      let floor = Number(row.openedAt);
      if (typeof row.lastCharge === 'string') {
        const toReadAt = (JSON.parse(row.lastCharge) as { toReadAt?: unknown }).toReadAt;
        if (typeof toReadAt === 'number') floor = toReadAt;
      }
      const meterId = Number(row.meterId);
      floors.set(meterId, Math.min(floors.get(meterId) ?? floor, floor));
    }
    return floors;
  }

  #readingCondition(kind: 'reading_energy' | 'reading_instant', beforeMs: number, meterId?: number) {
    const table = sql.table(kind);
    const newest = sql`r.read_at < (select max(x.read_at) from ${table} x where x.meter_id = r.meter_id)`;
    const prepaid =
      kind === 'reading_energy'
        ? sql` and ((r.remaining_energy_wh is null and r.remaining_money_fen is null)
            or r.read_at < (select max(y.read_at) from reading_energy y where y.meter_id = r.meter_id
              and (y.remaining_energy_wh is not null or y.remaining_money_fen is not null)))`
        : sql``;
    const meter =
      meterId === undefined
        ? sql` and not exists (select 1 from accounts a where a.meter_id = r.meter_id
            and a.prepaid_mode = 'remote' and a.state = 'open')`
        : sql` and r.meter_id = ${meterId}`;
    return sql`r.read_at < ${beforeMs} and ${newest}${prepaid}${meter}`;
  }

  async #removeReadings(
    kind: 'reading_energy' | 'reading_instant',
    beforeMs: number,
    batch: number,
    meterId?: number,
  ): Promise<number> {
    const table = sql.table(kind);
    const result = await sql`delete from ${table} where (meter_id, read_at) in (
        select r.meter_id, r.read_at from ${table} r
        where ${this.#readingCondition(kind, beforeMs, meterId)}
        order by r.read_at limit ${batch})`.execute(this.#x.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async #countReadings(
    kind: 'reading_energy' | 'reading_instant',
    beforeMs: number,
    meterId?: number,
  ): Promise<number> {
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(kind)} r
      where ${this.#readingCondition(kind, beforeMs, meterId)}`.execute(this.#x.db);
    return Number(row.rows[0]?.n ?? 0);
  }

  async #removeRows(
    kind: Exclude<RetentionKind, 'reading_energy' | 'reading_instant'>,
    cutoffMs: number,
    batch: number,
  ): Promise<number> {
    const table = sql.table(tableOf(kind));
    if (kind === 'notifications') {
      // Their attempts go with them (SQLite enforces the cascade only when asked to; say it outright).
      await sql`delete from notification_attempts where notification_id in (
          select t.id from notifications t where ${rowCondition(kind, cutoffMs)} order by t.id limit ${batch})`.execute(
        this.#x.db,
      );
    }
    const result = await sql`delete from ${table} where id in (
        select t.id from ${table} t where ${rowCondition(kind, cutoffMs)} order by t.id limit ${batch})`.execute(
      this.#x.db,
    );
    return Number(result.numAffectedRows ?? 0);
  }
}

function tableOf(kind: Exclude<RetentionKind, 'reading_energy' | 'reading_instant'>): string {
  switch (kind) {
    case 'cleared_alarms':
      return 'alarms';
    case 'notifications':
      return 'notifications';
    case 'resident_codes':
      return 'resident_codes';
  }
}

function rowCondition(kind: Exclude<RetentionKind, 'reading_energy' | 'reading_instant'>, cutoffMs: number) {
  switch (kind) {
    case 'cleared_alarms':
      return sql`t.state = 'cleared' and t.cleared_at < ${cutoffMs}`;
    case 'notifications':
      return sql`t.state in ('delivered', 'failed', 'folded') and t.created_at < ${cutoffMs}`;
    case 'resident_codes':
      return sql`t.created_at < ${cutoffMs}`;
  }
}
