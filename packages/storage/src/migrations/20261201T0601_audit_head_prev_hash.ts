import { type MigrationDb, sql } from './ddl.ts';

/**
 * The audit head keeps the hash it replaced, so that on PostgreSQL one UPDATE … RETURNING both advances the
 * chain and yields the new entry's link: an append holds the head's lock for one statement and the commit.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('audit_head')
    .addColumn('prev_hash', 'text', (c) => c.notNull().defaultTo('0'.repeat(64)))
    .execute();
  await sql`update audit_head set prev_hash = coalesce((select prev_hash from audit_log where audit_log.id = audit_head.last_id), prev_hash)`.execute(
    db,
  );
}
