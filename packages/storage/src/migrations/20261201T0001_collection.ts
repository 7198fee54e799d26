import { bigintType, type MigrationDb, notNull, sql, withId } from './ddl.ts';

/**
 * What the head-end did, so that nothing fails silently: every collection run with per-meter outcomes, every
 * command to a meter from request to confirmation, validation flags on raw readings, and the reading times
 * behind each daily roll-up (so that a late reading updates the right end of the day).
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('collection_runs'))
    .addColumn('plan_id', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('trigger', 'text', notNull)
    .addColumn('requested_by', big)
    .addColumn('area_id', big)
    .addColumn('started_at', big, notNull)
    .addColumn('finished_at', big)
    .addColumn('status', 'text', notNull)
    .addColumn('meters_total', 'integer', notNull)
    .addColumn('meters_complete', 'integer', notNull)
    .addColumn('meters_partial', 'integer', notNull)
    .addColumn('meters_failed', 'integer', notNull)
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('collection_runs_started').on('collection_runs').column('started_at').execute();

  await db.schema
    .createTable('collection_run_meters')
    .addColumn('run_id', big, (c) => c.notNull().references('collection_runs.id').onDelete('cascade'))
    .addColumn('meter_id', big, notNull)
    .addColumn('terminal_id', big)
    .addColumn('port_no', 'integer')
    .addColumn('status', 'text', notNull)
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', notNull)
    .addColumn('duration_ms', 'integer', notNull)
    .addColumn('clock_offset_ms', big)
    .addPrimaryKeyConstraint('collection_run_meters_pk', ['run_id', 'meter_id'])
    .execute();
  await db.schema
    .createIndex('collection_run_meters_meter')
    .on('collection_run_meters')
    .columns(['meter_id', 'run_id'])
    .execute();

  await withId(db, db.schema.createTable('meter_commands'))
    .addColumn('meter_id', big, (c) => c.notNull().references('meters.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('params', 'text', notNull)
    .addColumn('request_id', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', notNull)
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', notNull)
    .addColumn('requested_by', big)
    .addColumn('requested_at', big, notNull)
    .addColumn('sent_at', big)
    .addColumn('finished_at', big)
    .execute();
  await db.schema
    .createIndex('meter_commands_meter')
    .on('meter_commands')
    .columns(['meter_id', 'requested_at'])
    .execute();
  await db.schema.createIndex('meter_commands_state').on('meter_commands').column('state').execute();

  // On PostgreSQL a column added to the partitioned parent reaches every partition.
  await db.schema.alterTable('reading_energy').addColumn('flags', 'text').execute();
  await db.schema.alterTable('energy_daily').addColumn('first_read_at', big).execute();
  await db.schema.alterTable('energy_daily').addColumn('last_read_at', big).execute();
  // Both engines have partial indexes; flagged readings are few and looked at often.
  await sql`create index reading_energy_flagged on reading_energy (meter_id, read_at) where flags is not null`.execute(
    db,
  );
}
