import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('areas'))
    .addColumn('parent_id', big, (c) => c.references('areas.id').onDelete('restrict'))
    .addColumn('kind', 'text', notNull)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('path', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
  await db.schema.createIndex('areas_parent_id').on('areas').column('parent_id').execute();
  await db.schema.createIndex('areas_path').on('areas').column('path').execute();
}
