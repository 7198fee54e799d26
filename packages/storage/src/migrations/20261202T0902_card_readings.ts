import { appendOnly, bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

/**
 * Readings a check or meter-reading card brought back (001 §4.1.2), one row per meter reading stored from a
 * card. `reading_key` is unique: the same card read back again stores nothing twice. Append-only.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('vending_card_readings'))
    .addColumn('reading_key', 'text', (c) => c.notNull().unique())
    .addColumn('card_id', 'text', notNull)
    .addColumn('card_kind', 'text', notNull)
    .addColumn('issue_id', big)
    .addColumn('meter_id', big, (c) => c.notNull().references('meters.id').onDelete('restrict'))
    .addColumn('read_at', big, notNull)
    .addColumn('remaining_kwh', big, notNull)
    .addColumn('total_kwh', big, notNull)
    .addColumn('purchase_count', 'integer', notNull)
    .addColumn('status_word', 'integer', notNull)
    .addColumn('operator_user_id', big)
    .addColumn('operator_name', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .execute();
  await db.schema
    .createIndex('vending_card_readings_meter')
    .on('vending_card_readings')
    .columns(['meter_id', 'id'])
    .execute();
  await appendOnly(db, 'vending_card_readings');
}
