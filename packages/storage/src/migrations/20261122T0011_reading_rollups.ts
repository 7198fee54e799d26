import { bigintType, type MigrationDb, notNull } from './ddl.ts';

/** Daily frozen values and roll-ups, so that reports never scan raw intervals (DESIGN.md, Data). */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema
    .createTable('reading_daily_frozen')
    .addColumn('meter_id', big, notNull)
    .addColumn('day', 'text', notNull)
    .addColumn('frozen_at', big, notNull)
    .addColumn('active_import_wh', big, notNull)
    .addColumn('tariff1_wh', big)
    .addColumn('tariff2_wh', big)
    .addColumn('tariff3_wh', big)
    .addColumn('tariff4_wh', big)
    .addColumn('received_at', big, notNull)
    .addPrimaryKeyConstraint('reading_daily_frozen_pk', ['meter_id', 'day'])
    .execute();
  await db.schema
    .createTable('energy_daily')
    .addColumn('meter_id', big, notNull)
    .addColumn('day', 'text', notNull)
    .addColumn('energy_wh', big, notNull)
    .addColumn('first_reading_wh', big, notNull)
    .addColumn('last_reading_wh', big, notNull)
    .addColumn('samples', 'integer', notNull)
    .addPrimaryKeyConstraint('energy_daily_pk', ['meter_id', 'day'])
    .execute();
  await db.schema
    .createTable('energy_monthly')
    .addColumn('meter_id', big, notNull)
    .addColumn('month', 'text', notNull)
    .addColumn('energy_wh', big, notNull)
    .addColumn('first_reading_wh', big, notNull)
    .addColumn('last_reading_wh', big, notNull)
    .addColumn('days', 'integer', notNull)
    .addPrimaryKeyConstraint('energy_monthly_pk', ['meter_id', 'month'])
    .execute();
}
