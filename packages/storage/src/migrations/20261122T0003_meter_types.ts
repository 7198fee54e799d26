import type { CreateTableBuilder } from 'kysely';
import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

// biome-ignore lint/suspicious/noExplicitAny: Kysely's CreateTableBuilder is generic over names built so far.
function meterTypeFields(table: CreateTableBuilder<any, any>) {
  return table
    .addColumn('name', 'text', notNull)
    .addColumn('model', 'text', notNull)
    .addColumn('constant_imp_per_kwh', 'integer', notNull)
    .addColumn('rated_current_ma', 'integer', notNull)
    .addColumn('max_current_ma', 'integer', notNull)
    .addColumn('phases', 'integer', notNull)
    .addColumn('protocol', 'text', notNull)
    .addColumn('card_standard', 'text', notNull);
}

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await meterTypeFields(withId(db, db.schema.createTable('meter_types')))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
  await meterTypeFields(withId(db, db.schema.createTable('meter_type_versions')))
    .addColumn('meter_type_id', big, (c) => c.notNull().references('meter_types.id').onDelete('restrict'))
    .addColumn('code', 'text', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('created_by', big)
    .addUniqueConstraint('meter_type_versions_type_version', ['meter_type_id', 'version'])
    .execute();
}
