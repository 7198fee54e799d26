import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('terminals'))
    .addColumn('area_id', big, (c) => c.notNull().references('areas.id').onDelete('restrict'))
    .addColumn('name', 'text', notNull)
    .addColumn('model', 'text', notNull)
    .addColumn('mode', 'text', notNull)
    .addColumn('address', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
  await db.schema.createIndex('terminals_area_id').on('terminals').column('area_id').execute();
  await withId(db, db.schema.createTable('terminal_ports'))
    .addColumn('terminal_id', big, (c) => c.notNull().references('terminals.id').onDelete('cascade'))
    .addColumn('port_no', 'integer', notNull)
    .addColumn('baud', 'integer', notNull)
    .addColumn('parity', 'text', notNull)
    .addColumn('data_bits', 'integer', notNull)
    .addColumn('stop_bits', 'integer', notNull)
    .addColumn('protocol', 'text', notNull)
    .addUniqueConstraint('terminal_ports_terminal_port', ['terminal_id', 'port_no'])
    .execute();
}
