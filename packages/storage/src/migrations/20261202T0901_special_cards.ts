import { appendOnly, bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

/**
 * 制作专用卡 (001 §4.1): every preset, clear, check and meter-reading card the counter made, who made it, for
 * which area and meter. Append-only. The request id is unique per operator, so a retried request finds the
 * card it made; a reading card's issue is this row's id.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('vending_special_cards'))
    .addColumn('request_id', 'text', notNull)
    .addColumn('request_fingerprint', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('card_id', 'text', notNull)
    .addColumn('area_id', big, (c) => c.references('areas.id').onDelete('restrict'))
    .addColumn('meter_id', big, (c) => c.references('meters.id').onDelete('restrict'))
    .addColumn('preset_kwh', 'integer')
    .addColumn('operator_user_id', big)
    .addColumn('operator_name', 'text', notNull)
    .addColumn('details', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addUniqueConstraint('vending_special_cards_operator_request', ['operator_name', 'request_id'])
    .execute();
  await db.schema
    .createIndex('vending_special_cards_card')
    .on('vending_special_cards')
    .columns(['card_id', 'id'])
    .execute();
  await appendOnly(db, 'vending_special_cards');
}
