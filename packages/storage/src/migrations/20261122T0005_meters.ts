import { bigintType, createPrefixIndex, type MigrationDb, notNull, withId } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('meters'))
    .addColumn('factory_no', 'text', (c) => c.notNull().unique())
    .addColumn('comm_address', 'text', notNull)
    .addColumn('meter_type_id', big, (c) => c.notNull().references('meter_types.id').onDelete('restrict'))
    .addColumn('meter_type_version_id', big, (c) =>
      c.notNull().references('meter_type_versions.id').onDelete('restrict'),
    )
    .addColumn('state', 'text', notNull)
    .addColumn('starting_reading_wh', big, notNull)
    .addColumn('area_id', big, (c) => c.notNull().references('areas.id').onDelete('restrict'))
    .addColumn('terminal_port_id', big, (c) => c.references('terminal_ports.id').onDelete('set null'))
    .addColumn('parent_meter_id', big, (c) => c.references('meters.id').onDelete('restrict'))
    .addColumn('pt_primary', 'integer', notNull)
    .addColumn('pt_secondary', 'integer', notNull)
    .addColumn('ct_primary', 'integer', notNull)
    .addColumn('ct_secondary', 'integer', notNull)
    .addColumn('multiplier', 'integer', notNull)
    .addColumn('stocked_in_at', big, notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
  // Search: by address, by area and state (the common filtered page), by parent for line loss.
  await createPrefixIndex(db, 'meters_factory_no_prefix', 'meters', 'factory_no');
  await createPrefixIndex(db, 'meters_comm_address_prefix', 'meters', 'comm_address');
  await db.schema.createIndex('meters_stocked_in_at').on('meters').columns(['stocked_in_at', 'id']).execute();
  // Covers "newest meters of my areas" without touching the table (see MeterRepository.search).
  await db.schema
    .createIndex('meters_area_stocked')
    .on('meters')
    .columns(['area_id', 'stocked_in_at', 'id'])
    .execute();
  await db.schema.createIndex('meters_area_state').on('meters').columns(['area_id', 'state', 'id']).execute();
  await db.schema.createIndex('meters_state_id').on('meters').columns(['state', 'id']).execute();
  await db.schema.createIndex('meters_parent').on('meters').column('parent_meter_id').execute();
  await db.schema.createIndex('meters_terminal_port').on('meters').column('terminal_port_id').execute();
}
