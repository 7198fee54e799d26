import { bigintType, type MigrationDb } from './ddl.ts';

/**
 * What the rate limits and quiet hours need on each queued message: who it is for (`audience`), what it is
 * about (`topic`), when it was let through (`admitted_at`, counted against its recipient's window), why it
 * was held (`hold_reason`) and the summary it went out in (`folded_into`). One column a statement: SQLite
 * adds columns one at a time.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema.alterTable('notifications').addColumn('audience', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('topic', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('admitted_at', big).execute();
  await db.schema.alterTable('notifications').addColumn('hold_reason', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('folded_into', big).execute();
  await db.schema
    .createIndex('notifications_admitted')
    .on('notifications')
    .columns(['recipient', 'channel', 'admitted_at'])
    .execute();
}
