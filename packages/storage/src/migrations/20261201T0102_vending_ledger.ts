import { bigintType, isPostgres, type MigrationDb, notNull, sql, withId } from './ddl.ts';

/**
 * The vending ledger (issue 6): one append-only row per movement of money or energy on an account (sale,
 * cancel, refund, adjustment). Balances are sums over it. A request id is unique per account, so a retried
 * sale finds the first one instead of selling twice; a sale is cancelled at most once.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('vending_ledger'))
    .addColumn('account_id', big, (c) => c.notNull().references('accounts.id').onDelete('restrict'))
    .addColumn('meter_id', big, (c) => c.notNull().references('meters.id').onDelete('restrict'))
    .addColumn('kind', 'text', notNull)
    .addColumn('amount_fen', big, notNull)
    .addColumn('energy_wh', big, notNull)
    .addColumn('adjustment_wh', big, notNull)
    .addColumn('purchase_count', 'integer')
    .addColumn('write_kwh', big)
    .addColumn('refers_to_id', big, (c) => c.references('vending_ledger.id').onDelete('restrict'))
    .addColumn('tier_cycle', 'text')
    .addColumn('price_type_version_id', big, (c) =>
      c.references('price_type_versions.id').onDelete('restrict'),
    )
    .addColumn('tariff_version_id', big, (c) => c.references('tariff_versions.id').onDelete('restrict'))
    .addColumn('request_id', 'text', notNull)
    .addColumn('request_fingerprint', 'text', notNull)
    .addColumn('invoice_no', 'text', (c) => c.unique())
    .addColumn('operator_user_id', big)
    .addColumn('operator_name', 'text', notNull)
    .addColumn('details', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addUniqueConstraint('vending_ledger_account_request', ['account_id', 'request_id'])
    .execute();
  await db.schema
    .createIndex('vending_ledger_account')
    .on('vending_ledger')
    .columns(['account_id', 'id'])
    .execute();
  await db.schema.createIndex('vending_ledger_created').on('vending_ledger').column('created_at').execute();
  await db.schema
    .createIndex('vending_ledger_one_cancel')
    .on('vending_ledger')
    .column('refers_to_id')
    .unique()
    .where(sql.ref('kind'), '=', 'cancel')
    .execute();

  // Per-account vending state that is not money: the card serial (a lost card's replacement takes the next),
  // the preset energy given at installation, the meter replaced while no sale was made on the new one. Its
  // row is also the lock that serialises sales on one account.
  await db.schema
    .createTable('vending_profiles')
    .addColumn('account_id', big, (c) => c.primaryKey().references('accounts.id').onDelete('restrict'))
    .addColumn('card_serial', 'integer', notNull)
    .addColumn('preset_kwh', 'integer', notNull)
    .addColumn('replaced_meter_id', big, (c) => c.references('meters.id').onDelete('restrict'))
    .addColumn('updated_at', big, notNull)
    .execute();

  // Invoice numbers: one counter row, bumped inside the sale's transaction, so numbers have no gaps from
  // sales that rolled back and no two sales share one.
  await db.schema
    .createTable('vending_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', big, notNull)
    .execute();
  await sql`insert into vending_counters (name, value) values ('invoice', 0)`.execute(db);

  // Append-only in the database itself, as the audit log is.
  if (isPostgres(db)) {
    await sql`create function vending_ledger_refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'vending_ledger is append-only'; end $$`.execute(db);
    await sql`create trigger vending_ledger_no_update before update or delete on vending_ledger
      for each row execute function vending_ledger_refuse_change()`.execute(db);
    await sql`create trigger vending_ledger_no_truncate before truncate on vending_ledger
      for each statement execute function vending_ledger_refuse_change()`.execute(db);
  } else {
    await sql`create trigger vending_ledger_no_update before update on vending_ledger
      begin select raise(abort, 'vending_ledger is append-only'); end`.execute(db);
    await sql`create trigger vending_ledger_no_delete before delete on vending_ledger
      begin select raise(abort, 'vending_ledger is append-only'); end`.execute(db);
  }
}
