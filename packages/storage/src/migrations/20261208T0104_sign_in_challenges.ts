import { bigintType, type MigrationDb, notNull } from './ddl.ts';

/**
 * The second step of a sign-in: a password was right, a TOTP or recovery code is still owed. Kept by the
 * SHA-256 of the challenge token, short-lived, with a count of wrong codes.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema
    .createTable('sign_in_challenges')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', big, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source_ip', 'text', notNull)
    .addColumn('attempts', 'integer', notNull)
    .addColumn('expires_at', big, notNull)
    .execute();
}
