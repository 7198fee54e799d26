import { bigintType, type MigrationDb, notNull } from './ddl.ts';

/**
 * A resident's sessions, apart from staff sessions: a resident is no user, holds no role and sees one
 * account. Stored by the SHA-256 of the token, like staff sessions.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema
    .createTable('resident_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', big, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', notNull)
    .addColumn('source_ip', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('expires_at', big, notNull)
    .execute();
  await db.schema
    .createIndex('resident_sessions_expires')
    .on('resident_sessions')
    .column('expires_at')
    .execute();
}
