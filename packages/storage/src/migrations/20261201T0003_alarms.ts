import { bigintType, type MigrationDb, notNull, sql, withId } from './ddl.ts';

/**
 * Alarms with their life cycle (raised, acknowledged, cleared) and evidence. At most one open alarm per
 * kind and object: a partial unique index, so two processes seeing the same condition cannot both raise it.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('alarms'))
    .addColumn('kind', 'text', notNull)
    .addColumn('severity', 'text', notNull)
    .addColumn('object_type', 'text', notNull)
    .addColumn('object_id', 'text', notNull)
    .addColumn('area_id', big)
    .addColumn('state', 'text', notNull)
    .addColumn('raised_at', big, notNull)
    .addColumn('last_seen_at', big, notNull)
    .addColumn('occurrences', 'integer', notNull)
    .addColumn('evidence', 'text', notNull)
    .addColumn('acknowledged_at', big)
    .addColumn('acknowledged_by', big)
    .addColumn('acknowledged_by_name', 'text')
    .addColumn('ack_comment', 'text')
    .addColumn('cleared_at', big)
    .addColumn('clear_reason', 'text')
    .execute();
  await sql`create unique index alarms_one_open on alarms (kind, object_type, object_id) where state <> 'cleared'`.execute(
    db,
  );
  await db.schema.createIndex('alarms_raised').on('alarms').column('raised_at').execute();
  await db.schema.createIndex('alarms_object').on('alarms').columns(['object_type', 'object_id']).execute();
}
