import { bigintType, doubleType, isPostgres, type MigrationDb, notNull, sql } from './ddl.ts';

/**
 * Raw readings as the head-end will write them: narrow, append-only, keyed by (meter, time). On
 * PostgreSQL they are partitioned by month on `read_at`; a DEFAULT partition catches any row whose month
 * has no partition yet, so a write is never refused (`ReadingPartitions` creates months ahead).
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  const real = doubleType(db);
  const pg = isPostgres(db);
  const partitioned = sql`partition by range (read_at)`;

  let energy = db.schema
    .createTable('reading_energy')
    .addColumn('meter_id', big, notNull)
    .addColumn('read_at', big, notNull)
    .addColumn('active_import_wh', big, notNull)
    .addColumn('active_export_wh', big)
    .addColumn('tariff1_wh', big)
    .addColumn('tariff2_wh', big)
    .addColumn('tariff3_wh', big)
    .addColumn('tariff4_wh', big)
    .addColumn('reactive_import_varh', big)
    .addColumn('reactive_export_varh', big)
    .addColumn('remaining_energy_wh', big)
    .addColumn('remaining_money_fen', big)
    .addColumn('status_word', 'integer')
    .addColumn('received_at', big, notNull)
    .addPrimaryKeyConstraint('reading_energy_pk', ['meter_id', 'read_at']);
  if (pg) energy = energy.modifyEnd(partitioned);
  await energy.execute();

  let instant = db.schema
    .createTable('reading_instant')
    .addColumn('meter_id', big, notNull)
    .addColumn('read_at', big, notNull)
    .addColumn('voltage_l1_v', real)
    .addColumn('voltage_l2_v', real)
    .addColumn('voltage_l3_v', real)
    .addColumn('current_l1_a', real)
    .addColumn('current_l2_a', real)
    .addColumn('current_l3_a', real)
    .addColumn('active_power_w', big)
    .addColumn('reactive_power_var', big)
    .addColumn('power_factor', real)
    .addColumn('frequency_hz', real)
    .addColumn('received_at', big, notNull)
    .addPrimaryKeyConstraint('reading_instant_pk', ['meter_id', 'read_at']);
  if (pg) instant = instant.modifyEnd(partitioned);
  await instant.execute();

  if (pg) {
    await sql`create table reading_energy_default partition of reading_energy default`.execute(db);
    await sql`create table reading_instant_default partition of reading_instant default`.execute(db);
  }
}
