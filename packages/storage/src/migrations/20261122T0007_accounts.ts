import { bigintType, type MigrationDb, notNull, sql, withId } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('accounts'))
    .addColumn('account_no', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', big, (c) => c.notNull().references('customers.id').onDelete('restrict'))
    .addColumn('meter_id', big, (c) => c.notNull().references('meters.id').onDelete('restrict'))
    .addColumn('price_type_id', big, (c) => c.notNull().references('price_types.id').onDelete('restrict'))
    .addColumn('prepaid_mode', 'text', notNull)
    .addColumn('alarm_energy_wh', big, notNull)
    .addColumn('credit_limit_wh', big, notNull)
    .addColumn('hoarding_limit_wh', big, notNull)
    .addColumn('capacity_limit_mode', 'integer', notNull)
    .addColumn('phones', 'text', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('opened_at', big, notNull)
    .addColumn('closed_at', big)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
  await db.schema.createIndex('accounts_customer').on('accounts').column('customer_id').execute();
  // One open account per meter; closed accounts stay as history.
  await db.schema
    .createIndex('accounts_open_meter')
    .on('accounts')
    .column('meter_id')
    .unique()
    .where(sql.ref('state'), '=', 'open')
    .execute();
  await db.schema.createIndex('accounts_meter').on('accounts').column('meter_id').execute();
}
