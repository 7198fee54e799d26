import { bigintType, isPostgres, type MigrationDb, notNull, sql, withId } from './ddl.ts';

/**
 * 001 FAQ 12: a customer card locked by three wrong passwords moves to a new card. One row per transfer,
 * append-only: the locked card's id is unique here, so a card is voided once and its id stays on record as
 * void for good; the request id is unique per account, so a retried transfer finds the first.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('vending_card_transfers'))
    .addColumn('account_id', big, (c) => c.notNull().references('accounts.id').onDelete('restrict'))
    .addColumn('request_id', 'text', notNull)
    .addColumn('request_fingerprint', 'text', notNull)
    .addColumn('void_card_id', 'text', (c) => c.notNull().unique())
    .addColumn('new_card_id', 'text', notNull)
    .addColumn('new_card_serial', 'integer', notNull)
    .addColumn('purchase_count', 'integer', notNull)
    .addColumn('undelivered_kwh', big, notNull)
    .addColumn('operator_user_id', big)
    .addColumn('operator_name', 'text', notNull)
    .addColumn('details', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addUniqueConstraint('vending_card_transfers_account_request', ['account_id', 'request_id'])
    .execute();
  await db.schema
    .createIndex('vending_card_transfers_account')
    .on('vending_card_transfers')
    .columns(['account_id', 'id'])
    .execute();

  if (isPostgres(db)) {
    await sql`create function vending_card_transfers_refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'vending_card_transfers is append-only'; end $$`.execute(db);
    await sql`create trigger vending_card_transfers_no_update before update or delete on vending_card_transfers
      for each row execute function vending_card_transfers_refuse_change()`.execute(db);
  } else {
    await sql`create trigger vending_card_transfers_no_update before update on vending_card_transfers
      begin select raise(abort, 'vending_card_transfers is append-only'); end`.execute(db);
    await sql`create trigger vending_card_transfers_no_delete before delete on vending_card_transfers
      begin select raise(abort, 'vending_card_transfers is append-only'); end`.execute(db);
  }
}
