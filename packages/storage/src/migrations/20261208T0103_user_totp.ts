import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

/**
 * A user's TOTP second factor (RFC 6238): the shared secret, confirmed once a code from it was entered, and
 * the last time step accepted (a code is good once). Recovery codes are kept as SHA-256 hashes.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema
    .createTable('user_totp')
    .addColumn('user_id', big, (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text', notNull)
    .addColumn('confirmed_at', big)
    .addColumn('last_step', big, notNull)
    .addColumn('created_at', big, notNull)
    .execute();
  await withId(db, db.schema.createTable('user_recovery_codes'))
    .addColumn('user_id', big, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', notNull)
    .addColumn('used_at', big)
    .execute();
  await db.schema
    .createIndex('user_recovery_codes_user')
    .on('user_recovery_codes')
    .column('user_id')
    .execute();
}
