import { appendOnly, bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

/**
 * 补卡 (001 §4.1.4): every card replacement, once per (account, request id), so that a repeated request
 * returns the card the first one made instead of voiding it with a further serial. Append-only.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('vending_card_replacements'))
    .addColumn('account_id', big, (c) => c.notNull().references('accounts.id').onDelete('restrict'))
    .addColumn('request_id', 'text', notNull)
    .addColumn('request_fingerprint', 'text', notNull)
    .addColumn('card_serial', 'integer', notNull)
    .addColumn('operator_user_id', big)
    .addColumn('operator_name', 'text', notNull)
    .addColumn('details', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addUniqueConstraint('vending_card_replacements_request', ['account_id', 'request_id'])
    .execute();
  await appendOnly(db, 'vending_card_replacements');
}
