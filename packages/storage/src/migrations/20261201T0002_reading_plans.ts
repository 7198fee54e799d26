import { bigintType, type MigrationDb, notNull } from './ddl.ts';

/**
 * The site's reading plans: what (items), whom (targets) and when (schedule), as JSON the head-end
 * validates. Plans are switched off rather than deleted, so a run's `plan_id` always names a plan.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema
    .createTable('reading_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('items', 'text', notNull)
    .addColumn('targets', 'text', notNull)
    .addColumn('schedule', 'text', notNull)
    .addColumn('enabled', 'integer', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
}
