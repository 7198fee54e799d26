import { bigintType, type MigrationDb, notNull } from './ddl.ts';

/**
 * Each staff user's choice for alarm notifications: the e-mail address to use, and whether to get every
 * alarm in their areas (`each`), one digest a day (`digest`), or none (`off`). No row: no e-mail.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', big, (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('delivery', 'text', notNull)
    .addColumn('updated_at', big, notNull)
    .addColumn('updated_by', big)
    .execute();
}
