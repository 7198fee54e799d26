import { bigintType, type MigrationDb, notNull } from './ddl.ts';

/**
 * Failed sign-ins counted per (username as typed, source address), whether or not the user exists: a lock
 * then tells nothing about the account, and a stranger's failures lock out only the stranger's address.
 * Replaces `users.failed_logins` and `users.locked_until`, which are no longer read.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('username', 'text', notNull)
    .addColumn('source_ip', 'text', notNull)
    .addColumn('failures', 'integer', notNull)
    .addColumn('locked_until', big)
    .addColumn('last_failed_at', big, notNull)
    .addPrimaryKeyConstraint('sign_in_failures_pk', ['username', 'source_ip'])
    .execute();
  await db.schema
    .createIndex('sign_in_failures_last')
    .on('sign_in_failures')
    .column('last_failed_at')
    .execute();
}
