import { bigintType, type MigrationDb, notNull, sql, withId } from './ddl.ts';

/**
 * A site's overrides of the alarm rules (domain `alarm-rules.ts`): per kind, for an area (null: the whole
 * site) and a meter type (null: every type), whether the kind is raised, its severity and its thresholds;
 * a null column inherits. One override per kind and scope: a unique index over the scope with nulls folded
 * to 0 (ids start at 1), the same on both engines.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('alarm_rules'))
    .addColumn('kind', 'text', notNull)
    .addColumn('area_id', big)
    .addColumn('meter_type_id', big)
    .addColumn('enabled', 'integer')
    .addColumn('severity', 'text')
    .addColumn('params', 'text', notNull)
    .addColumn('updated_at', big, notNull)
    .addColumn('updated_by', big)
    .execute();
  await sql`create unique index alarm_rules_one_per_scope on alarm_rules (kind, coalesce(area_id, 0), coalesce(meter_type_id, 0))`.execute(
    db,
  );
}
