import { bigintType, isPostgres, type MigrationDb, notNull, sql, withId } from './ddl.ts';

/** The chain starts from a hash of all zeros (see `audit-chain.ts`). */
const genesisHash = '0'.repeat(64);

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', big, notNull)
    .addColumn('actor_user_id', big)
    .addColumn('actor_name', 'text', notNull)
    .addColumn('source_ip', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('entity', 'text', notNull)
    .addColumn('entity_id', 'text', notNull)
    .addColumn('details', 'text', notNull)
    .addColumn('prev_hash', 'text', notNull)
    .addColumn('hash', 'text', notNull)
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  // One row that every append locks: it serialises writers across processes, so the chain never forks.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_id', big, notNull)
    .addColumn('last_hash', 'text', notNull)
    .execute();
  await sql`insert into audit_head (id, last_id, last_hash) values (1, 0, ${genesisHash})`.execute(db);

  // Append-only in the database itself, not only by convention in our code.
  if (isPostgres(db)) {
    await sql`create function audit_log_refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_refuse_change()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_refuse_change()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}
