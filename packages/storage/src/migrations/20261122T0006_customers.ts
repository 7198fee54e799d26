import type { CreateTableBuilder } from 'kysely';
import { bigintType, createPrefixIndex, type MigrationDb, notNull, withId } from './ddl.ts';

// biome-ignore lint/suspicious/noExplicitAny: Kysely's CreateTableBuilder is generic over names built so far.
function customerFields(table: CreateTableBuilder<any, any>, big: 'bigint' | 'integer') {
  return table
    .addColumn('name', 'text', notNull)
    .addColumn('unit', 'text', notNull)
    .addColumn('address', 'text', notNull)
    .addColumn('id_number', 'text', notNull)
    .addColumn('area_id', big, (c) => c.notNull().references('areas.id').onDelete('restrict'));
}

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await customerFields(withId(db, db.schema.createTable('customers')), big)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
  await db.schema.createIndex('customers_area').on('customers').columns(['area_id', 'id']).execute();
  await createPrefixIndex(db, 'customers_name_prefix', 'customers', 'name');
  await createPrefixIndex(db, 'customers_code_prefix', 'customers', 'code');
  await customerFields(withId(db, db.schema.createTable('customer_versions')), big)
    .addColumn('customer_id', big, (c) => c.notNull().references('customers.id').onDelete('restrict'))
    .addColumn('code', 'text', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('created_by', big)
    .addUniqueConstraint('customer_versions_customer_version', ['customer_id', 'version'])
    .execute();
}
