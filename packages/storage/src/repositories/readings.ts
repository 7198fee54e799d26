import type { DailyShare } from '@openami/domain';
import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import { eachChunk, inChunks } from '../chunks.ts';
import type {
  EnergyDailyTable,
  EnergyMonthlyTable,
  ReadingDailyFrozenTable,
  ReadingEnergyTable,
  ReadingInstantTable,
} from '../database.ts';
import type { Executor } from './executor.ts';

/** The PostgreSQL notification channel a commit of new energy readings signals (no payload). */
export const readingsChannel = 'openami_readings';

export type EnergyReading = Insertable<ReadingEnergyTable>;
export type EnergyDailyRow = Selectable<EnergyDailyTable>;
export type EnergyMonthlyRow = Selectable<EnergyMonthlyTable>;
export type InstantReading = Insertable<ReadingInstantTable>;
export type DailyFrozenReading = Insertable<ReadingDailyFrozenTable>;
/** The latest energy register value stored for a meter. */
export interface LatestEnergy {
  readonly readAt: number;
  readonly activeImportWh: number;
}

/** A meter's prepaid registers as last read (00900100, 00900200): meter-side Wh and fen. */
export interface PrepaidReading {
  readonly readAt: number;
  readonly remainingEnergyWh: number | null;
  readonly remainingMoneyFen: number | null;
}

/** A meter's energy in one day (`YYYY-MM-DD`) or month (`YYYY-MM`), from the roll-ups. */
export interface MeterPeriodEnergy {
  readonly meterId: number;
  readonly period: string;
  readonly energyWh: number;
}
/** One active import register value as read. */
export interface RegisterValue {
  readonly meterId: number;
  readonly readAt: number;
  readonly activeImportWh: number;
}

const partitionedTables = ['reading_energy', 'reading_instant'] as const;

/**
 * Readings as the head-end writes them. Writes are idempotent on (meter, time): a retried batch after a
 * lost acknowledgement inserts nothing twice.
 */
export class ReadingRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async insertEnergy(readings: readonly EnergyReading[]): Promise<void> {
    await eachChunk(readings, (chunk) =>
      this.#x.db
        .insertInto('readingEnergy')
        .values(chunk)
        .onConflict((oc) => oc.columns(['meterId', 'readAt']).doNothing())
        .execute(),
    );
  }

  /**
   * Writes a batch of readings and keeps the daily and monthly roll-ups current, in one transaction: the
   * roll-ups count exactly the energy readings this call inserted (`sharesOf` receives them), so a batch
   * written twice adds nothing the second time.
   */
  async ingest(
    energy: readonly EnergyReading[],
    instant: readonly InstantReading[],
    sharesOf: (inserted: readonly EnergyReading[]) => readonly DailyShare[],
  ): Promise<number> {
    if (!this.#x.db.isTransaction) {
      return this.#x.db
        .transaction()
        .execute((tx) =>
          new ReadingRepository({ db: tx, engine: this.#x.engine }).ingest(energy, instant, sharesOf),
        );
    }
    const rows = await inChunks(energy, (chunk) =>
      this.#x.db
        .insertInto('readingEnergy')
        .values(chunk)
        .onConflict((oc) => oc.columns(['meterId', 'readAt']).doNothing())
        .returning(['meterId', 'readAt'])
        .execute(),
    );
    const inserted = new Set(rows.map((row) => `${row.meterId}@${row.readAt}`));
    await this.insertInstant(instant);
    const fresh = energy.filter((r) => inserted.has(`${r.meterId}@${r.readAt}`));
    await this.addDailyShares(sharesOf(fresh));
    // Wakes the processes that follow stored readings (delivered when this transaction commits).
    if (fresh.length > 0 && this.#x.engine === 'postgres') {
      await sql`select pg_notify(${readingsChannel}, '')`.execute(this.#x.db);
    }
    return fresh.length;
  }

  /** The latest time an energy reading was stored (0 when none was). */
  async latestReceivedAt(): Promise<number> {
    const row = await this.#x.db
      .selectFrom('readingEnergy')
      .select((eb) => eb.fn.max('receivedAt').as('latest'))
      .executeTakeFirst();
    return Number(row?.latest ?? 0);
  }

  /**
   * The meters with energy readings stored after `afterMs` (by the store's `received_at`), each with the
   * latest time one was stored: the cursor another process follows new readings by.
   */
  async storedSince(afterMs: number, limit: number): Promise<{ meterId: number; receivedAt: number }[]> {
    const rows = await this.#x.db
      .selectFrom('readingEnergy')
      .select((eb) => ['meterId', eb.fn.max('receivedAt').as('receivedAt')])
      .where('receivedAt', '>', afterMs)
      .groupBy('meterId')
      .orderBy('receivedAt')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ meterId: r.meterId, receivedAt: Number(r.receivedAt) }));
  }

  /** Adds shares to the daily roll-ups, then recomputes the months they touch from their days. */
  async addDailyShares(shares: readonly DailyShare[]): Promise<void> {
    if (shares.length === 0) return;
    // One row per (meter, day) per statement: an upsert may not touch the same row twice.
    const merged = new Map<
      string,
      DailyShare & { samples: number; firstAt: number | null; firstWh: number }
    >();
    for (const share of shares) {
      const key = `${share.meterId}|${share.day}`;
      const sample = share.readAt === null ? 0 : 1;
      const seen = merged.get(key);
      if (seen === undefined) {
        merged.set(key, { ...share, samples: sample, firstAt: share.readAt, firstWh: share.readingWh });
        continue;
      }
      const later = share.readAt !== null && (seen.readAt === null || share.readAt > seen.readAt);
      const earlier = share.readAt !== null && (seen.firstAt === null || share.readAt < seen.firstAt);
      merged.set(key, {
        ...seen,
        energyWh: seen.energyWh + share.energyWh,
        samples: seen.samples + sample,
        readAt: later ? share.readAt : seen.readAt,
        readingWh: later ? share.readingWh : seen.readingWh,
        firstAt: earlier ? share.readAt : seen.firstAt,
        firstWh: earlier ? share.readingWh : seen.firstWh,
      });
    }
    const rows = [...merged.values()].map((m) => ({
      meterId: m.meterId,
      day: m.day,
      energyWh: m.energyWh,
      firstReadingWh: m.firstWh,
      lastReadingWh: m.readingWh,
      samples: m.samples,
      firstReadAt: m.firstAt,
      lastReadAt: m.readAt,
    }));
    await eachChunk(rows, (chunk) =>
      this.#x.db
        .insertInto('energyDaily')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['meterId', 'day']).doUpdateSet({
            energyWh: sql`energy_daily.energy_wh + excluded.energy_wh`,
            samples: sql`energy_daily.samples + excluded.samples`,
            firstReadingWh: sql`case when excluded.first_read_at is not null and (energy_daily.first_read_at is null or excluded.first_read_at < energy_daily.first_read_at) then excluded.first_reading_wh else energy_daily.first_reading_wh end`,
            firstReadAt: sql`case when excluded.first_read_at is not null and (energy_daily.first_read_at is null or excluded.first_read_at < energy_daily.first_read_at) then excluded.first_read_at else energy_daily.first_read_at end`,
            lastReadingWh: sql`case when excluded.last_read_at is not null and (energy_daily.last_read_at is null or excluded.last_read_at > energy_daily.last_read_at) then excluded.last_reading_wh else energy_daily.last_reading_wh end`,
            lastReadAt: sql`case when excluded.last_read_at is not null and (energy_daily.last_read_at is null or excluded.last_read_at > energy_daily.last_read_at) then excluded.last_read_at else energy_daily.last_read_at end`,
          }),
        )
        .execute(),
    );
    const months = new Map<string, Set<number>>();
    for (const row of rows) {
      const month = row.day.slice(0, 7);
      const meters = months.get(month) ?? new Set<number>();
      meters.add(row.meterId);
      months.set(month, meters);
    }
    for (const [month, meters] of months) await this.recomputeMonth(month, [...meters]);
  }

  /** A month's roll-up is derived from its days: recomputing replaces it. */
  async recomputeMonth(month: string, meterIds: readonly number[]): Promise<void> {
    const first = `${month}-01`;
    const last = `${month}-31`;
    await eachChunk(meterIds, (ids) =>
      sql`insert into energy_monthly (meter_id, month, energy_wh, first_reading_wh, last_reading_wh, days)
        select d.meter_id, ${month}, sum(d.energy_wh),
          (select f.first_reading_wh from energy_daily f where f.meter_id = d.meter_id and f.day >= ${first} and f.day <= ${last} order by f.day limit 1),
          (select l.last_reading_wh from energy_daily l where l.meter_id = d.meter_id and l.day >= ${first} and l.day <= ${last} order by l.day desc limit 1),
          count(*)
        from energy_daily d
        where d.meter_id in (${sql.join(ids)}) and d.day >= ${first} and d.day <= ${last}
        group by d.meter_id
        on conflict (meter_id, month) do update set energy_wh = excluded.energy_wh,
          first_reading_wh = excluded.first_reading_wh, last_reading_wh = excluded.last_reading_wh,
          days = excluded.days`.execute(this.#x.db),
    );
  }

  /** The latest stored energy reading of each meter named (meters with none are absent). */
  async latestEnergy(meterIds: readonly number[]): Promise<Map<number, LatestEnergy>> {
    const rows = await inChunks(meterIds, (ids) =>
      this.#x.db
        .selectFrom('readingEnergy as r')
        .select(['r.meterId', 'r.readAt', 'r.activeImportWh'])
        .where('r.meterId', 'in', ids)
        .where(({ eb, selectFrom }) =>
          eb(
            'r.readAt',
            '=',
            selectFrom('readingEnergy as x')
              .select(({ fn }) => fn.max('x.readAt').as('m'))
              .whereRef('x.meterId', '=', 'r.meterId'),
          ),
        )
        .execute(),
    );
    return new Map(
      rows.map((row) => [
        Number(row.meterId),
        { readAt: Number(row.readAt), activeImportWh: Number(row.activeImportWh) },
      ]),
    );
  }

  /**
   * The newest reading of a meter that carries its prepaid registers (remaining energy or money): what the
   * meter last said it holds, although later reads may have asked it for its energy only.
   */
  async latestPrepaid(meterId: number): Promise<PrepaidReading | undefined> {
    const row = await this.#x.db
      .selectFrom('readingEnergy')
      .select(['readAt', 'remainingEnergyWh', 'remainingMoneyFen'])
      .where('meterId', '=', meterId)
      .where((eb) =>
        eb.or([eb('remainingEnergyWh', 'is not', null), eb('remainingMoneyFen', 'is not', null)]),
      )
      .orderBy('readAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const whole = (value: number | null) => (value === null ? null : Number(value));
    return {
      readAt: Number(row.readAt),
      remainingEnergyWh: whole(row.remainingEnergyWh),
      remainingMoneyFen: whole(row.remainingMoneyFen),
    };
  }

  /** Readings kept but flagged by validation, newest first. */
  flagged(meterId: number | undefined, limit: number): Promise<Selectable<ReadingEnergyTable>[]> {
    let query = this.#x.db.selectFrom('readingEnergy').selectAll().where('flags', 'is not', null);
    if (meterId !== undefined) query = query.where('meterId', '=', meterId);
    return query.orderBy('readAt', 'desc').limit(limit).execute();
  }

  async insertInstant(readings: readonly InstantReading[]): Promise<void> {
    await eachChunk(readings, (chunk) =>
      this.#x.db
        .insertInto('readingInstant')
        .values(chunk)
        .onConflict((oc) => oc.columns(['meterId', 'readAt']).doNothing())
        .execute(),
    );
  }

  /** The meter's own frozen value for a day (DL/T 645 daily freeze) is a fact: the first one read is kept. */
  async insertDailyFrozen(readings: readonly DailyFrozenReading[]): Promise<void> {
    await eachChunk(readings, (chunk) =>
      this.#x.db
        .insertInto('readingDailyFrozen')
        .values(chunk)
        .onConflict((oc) => oc.columns(['meterId', 'day']).doNothing())
        .execute(),
    );
  }

  dailyFrozen(
    meterId: number,
    fromDay: string,
    toDay: string,
  ): Promise<Selectable<ReadingDailyFrozenTable>[]> {
    return this.#x.db
      .selectFrom('readingDailyFrozen')
      .selectAll()
      .where('meterId', '=', meterId)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .orderBy('day')
      .execute();
  }

  instantBetween(meterId: number, fromMs: number, toMs: number): Promise<Selectable<ReadingInstantTable>[]> {
    return this.#x.db
      .selectFrom('readingInstant')
      .selectAll()
      .where('meterId', '=', meterId)
      .where('readAt', '>=', fromMs)
      .where('readAt', '<', toMs)
      .orderBy('readAt')
      .execute();
  }

  energyBetween(meterId: number, fromMs: number, toMs: number): Promise<Selectable<ReadingEnergyTable>[]> {
    return this.#x.db
      .selectFrom('readingEnergy')
      .selectAll()
      .where('meterId', '=', meterId)
      .where('readAt', '>=', fromMs)
      .where('readAt', '<', toMs)
      .orderBy('readAt')
      .execute();
  }

  monthly(meterId: number, fromMonth: string, toMonth: string): Promise<EnergyMonthlyRow[]> {
    return this.#x.db
      .selectFrom('energyMonthly')
      .selectAll()
      .where('meterId', '=', meterId)
      .where('month', '>=', fromMonth)
      .where('month', '<=', toMonth)
      .orderBy('month')
      .execute();
  }

  daily(meterId: number, fromDay: string, toDay: string): Promise<EnergyDailyRow[]> {
    return this.#x.db
      .selectFrom('energyDaily')
      .selectAll()
      .where('meterId', '=', meterId)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .orderBy('day')
      .execute();
  }

  /** Daily roll-ups of many meters between two site-local days (inclusive), for reports. */
  dailyOf(meterIds: readonly number[], fromDay: string, toDay: string): Promise<MeterPeriodEnergy[]> {
    return inChunks(meterIds, async (ids) =>
      (
        await this.#x.db
          .selectFrom('energyDaily')
          .select(['meterId', 'day', 'energyWh'])
          .where('meterId', 'in', ids)
          .where('day', '>=', fromDay)
          .where('day', '<=', toDay)
          .execute()
      ).map((row) => ({ meterId: Number(row.meterId), period: row.day, energyWh: Number(row.energyWh) })),
    );
  }

  /** Monthly roll-ups of many meters between two site-local months (inclusive), for reports. */
  monthlyOf(meterIds: readonly number[], fromMonth: string, toMonth: string): Promise<MeterPeriodEnergy[]> {
    return inChunks(meterIds, async (ids) =>
      (
        await this.#x.db
          .selectFrom('energyMonthly')
          .select(['meterId', 'month', 'energyWh'])
          .where('meterId', 'in', ids)
          .where('month', '>=', fromMonth)
          .where('month', '<=', toMonth)
          .execute()
      ).map((row) => ({ meterId: Number(row.meterId), period: row.month, energyWh: Number(row.energyWh) })),
    );
  }

  /** Active import registers of many meters read in `[fromMs, toMs)`, by meter then time, for hourly reports. */
  registersOf(meterIds: readonly number[], fromMs: number, toMs: number): Promise<RegisterValue[]> {
    return inChunks(meterIds, async (ids) =>
      (
        await this.#x.db
          .selectFrom('readingEnergy')
          .select(['meterId', 'readAt', 'activeImportWh'])
          .where('meterId', 'in', ids)
          .where('readAt', '>=', fromMs)
          .where('readAt', '<', toMs)
          .orderBy('meterId')
          .orderBy('readAt')
          .execute()
      ).map((row) => ({
        meterId: Number(row.meterId),
        readAt: Number(row.readAt),
        activeImportWh: Number(row.activeImportWh),
      })),
    );
  }

  /**
   * PostgreSQL only (SQLite tables are not partitioned): makes sure the monthly partitions of the raw tables
   * exist for `months` UTC months starting with the one holding `fromMs`, and returns the ones it created.
   * Rows that already landed in the DEFAULT partition for such a month are moved into the new partition,
   * so running it late loses nothing. Run it at start-up and daily, ahead of time.
   */
  async ensureMonthlyPartitions(fromMs: number, months: number): Promise<string[]> {
    if (this.#x.engine !== 'postgres') return [];
    const created: string[] = [];
    const start = new Date(fromMs);
    for (let i = 0; i < months; i++) {
      const from = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1);
      const to = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i + 1, 1);
      const suffix = new Date(from).toISOString().slice(0, 7).replace('-', '_');
      for (const table of partitionedTables) {
        const name = `${table}_${suffix}`;
        if (await this.#createPartition(table, name, from, to)) created.push(name);
      }
    }
    return created;
  }

  async #createPartition(table: string, name: string, from: number, to: number): Promise<boolean> {
    const exists = await sql<{
      found: number;
    }>`select 1 as found where to_regclass(${name}) is not null`.execute(this.#x.db);
    if (exists.rows.length > 0) return false;
    const work = async (db: Executor['db']) => {
      await sql`create table ${sql.id(name)} (like ${sql.id(table)} including all)`.execute(db);
      await sql`with moved as (
          delete from ${sql.id(`${table}_default`)} where read_at >= ${sql.lit(from)} and read_at < ${sql.lit(to)}
          returning *)
        insert into ${sql.id(name)} select * from moved`.execute(db);
      await sql`alter table ${sql.id(table)} attach partition ${sql.id(name)}
        for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(db);
    };
    if (this.#x.db.isTransaction) await work(this.#x.db);
    else await this.#x.db.transaction().execute(work);
    return true;
  }
}
