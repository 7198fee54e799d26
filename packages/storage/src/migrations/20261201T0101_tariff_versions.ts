import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

/**
 * The structure of a price type's tariff (flat, tiered, time-of-use, combined; see @openami/domain
 * `tariff.ts`) in effective-dated versions. `price_type_versions` keeps the single unit price it always had;
 * a price type with tariff versions is priced by the version in force instead.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('tariff_versions'))
    .addColumn('price_type_id', big, (c) => c.notNull().references('price_types.id').onDelete('restrict'))
    .addColumn('version', 'integer', notNull)
    .addColumn('effective_from', big, notNull)
    .addColumn('kind', 'text', notNull)
    /** Canonical JSON of the tariff, prices in 10⁻⁴ fen per kWh. */
    .addColumn('definition', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('created_by', big)
    .addUniqueConstraint('tariff_versions_type_version', ['price_type_id', 'version'])
    .execute();
  await db.schema
    .createIndex('tariff_versions_type_effective')
    .on('tariff_versions')
    .columns(['price_type_id', 'effective_from'])
    .execute();
}
