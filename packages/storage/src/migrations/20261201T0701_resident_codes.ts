import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

/**
 * One-time sign-in codes for residents (002 §2.2 self-service), sent by SMS. Only a salted SHA-256 of the
 * code is kept. A row is written for every request, also for an account number that does not exist
 * (`account_id` null, a hash of no code anyone was sent), so the limits per account number and per address
 * count every request alike and the answer tells nobody whether the account exists.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('resident_codes'))
    .addColumn('account_no', 'text', notNull)
    .addColumn('account_id', big, (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('phone', 'text', notNull)
    .addColumn('code_salt', 'text', notNull)
    .addColumn('code_hash', 'text', notNull)
    .addColumn('source_ip', 'text', notNull)
    .addColumn('attempts', 'integer', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('expires_at', big, notNull)
    .addColumn('used_at', big)
    .execute();
  await db.schema
    .createIndex('resident_codes_account_no')
    .on('resident_codes')
    .columns(['account_no', 'created_at'])
    .execute();
  await db.schema
    .createIndex('resident_codes_source_ip')
    .on('resident_codes')
    .columns(['source_ip', 'created_at'])
    .execute();
}
