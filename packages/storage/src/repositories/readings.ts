import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  EnergyDailyTable,
  EnergyMonthlyTable,
  ReadingDailyFrozenTable,
  ReadingEnergyTable,
  ReadingInstantTable,
} from '../database.ts';
import type { Executor } from './executor.ts';

export type EnergyReading = Insertable<ReadingEnergyTable>;
export type EnergyDailyRow = Selectable<EnergyDailyTable>;
export type EnergyMonthlyRow = Selectable<EnergyMonthlyTable>;
export type InstantReading = Insertable<ReadingInstantTable>;
export type DailyFrozenReading = Insertable<ReadingDailyFrozenTable>;

const insertChunk = 500;
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
    for (let start = 0; start < readings.length; start += insertChunk) {
      await this.#x.db
        .insertInto('readingEnergy')
        .values(readings.slice(start, start + insertChunk))
        .onConflict((oc) => oc.columns(['meterId', 'readAt']).doNothing())
        .execute();
    }
  }

  async insertInstant(readings: readonly InstantReading[]): Promise<void> {
    for (let start = 0; start < readings.length; start += insertChunk) {
      await this.#x.db
        .insertInto('readingInstant')
        .values(readings.slice(start, start + insertChunk))
        .onConflict((oc) => oc.columns(['meterId', 'readAt']).doNothing())
        .execute();
    }
  }

  /** The meter's own frozen value for a day (DL/T 645 daily freeze) is a fact: the first one read is kept. */
  async insertDailyFrozen(readings: readonly DailyFrozenReading[]): Promise<void> {
    for (let start = 0; start < readings.length; start += insertChunk) {
      await this.#x.db
        .insertInto('readingDailyFrozen')
        .values(readings.slice(start, start + insertChunk))
        .onConflict((oc) => oc.columns(['meterId', 'day']).doNothing())
        .execute();
    }
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

  async upsertDaily(rows: readonly EnergyDailyRow[]): Promise<void> {
    for (const row of rows) {
      await this.#x.db
        .insertInto('energyDaily')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['meterId', 'day']).doUpdateSet({
            energyWh: row.energyWh,
            firstReadingWh: row.firstReadingWh,
            lastReadingWh: row.lastReadingWh,
            samples: row.samples,
          }),
        )
        .execute();
    }
  }

  /** Roll-ups are derived: recomputing a month replaces it. */
  async upsertMonthly(rows: readonly EnergyMonthlyRow[]): Promise<void> {
    for (const row of rows) {
      await this.#x.db
        .insertInto('energyMonthly')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['meterId', 'month']).doUpdateSet({
            energyWh: row.energyWh,
            firstReadingWh: row.firstReadingWh,
            lastReadingWh: row.lastReadingWh,
            days: row.days,
          }),
        )
        .execute();
    }
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
