import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('price_types'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('unit_price_milli_fen_per_kwh', big, notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
  await withId(db, db.schema.createTable('price_type_versions'))
    .addColumn('price_type_id', big, (c) => c.notNull().references('price_types.id').onDelete('restrict'))
    .addColumn('code', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('unit_price_milli_fen_per_kwh', big, notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('created_by', big)
    .addUniqueConstraint('price_type_versions_type_version', ['price_type_id', 'version'])
    .execute();
}
