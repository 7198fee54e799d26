import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

/**
 * The notification outbox: every message is queued in the database before any provider sees it, each
 * attempt and the provider's answer recorded, so a restart resends nothing delivered and drops nothing
 * pending. `dedupe_key` makes queuing the same message twice a no-op.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('notifications'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('alarm_id', big)
    .addColumn('channel', 'text', notNull)
    .addColumn('recipient', 'text', notNull)
    .addColumn('body', 'text', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('attempts', 'integer', notNull)
    .addColumn('next_attempt_at', big, notNull)
    .addColumn('lease_until', big)
    .addColumn('last_error', 'text')
    .addColumn('created_at', big, notNull)
    .addColumn('delivered_at', big)
    .execute();
  await db.schema
    .createIndex('notifications_due')
    .on('notifications')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await withId(db, db.schema.createTable('notification_attempts'))
    .addColumn('notification_id', big, (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('at', big, notNull)
    .addColumn('ok', 'integer', notNull)
    .addColumn('answer', 'text', notNull)
    .execute();
}
