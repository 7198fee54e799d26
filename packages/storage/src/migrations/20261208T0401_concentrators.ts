import { bigintType, isPostgres, type MigrationDb, notNull, sql, withId } from './ddl.ts';

/**
 * Concentrators (GB/T 1376.1 terminals, issue 16): addressed by area code A1 (4 BCD digits, kept as text so
 * leading zeros survive) and terminal address A2 (0–65535), one per (A1, A2); A3 is the master station's
 * address it answers. The field state columns are the head-end's to write. A meter sits either on a terminal
 * port (DL/T 645 through a transparent terminal) or on a concentrator's measuring point pn (1–2040), never
 * on both; one meter per (concentrator, point).
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('concentrators'))
    .addColumn('area_id', big, (c) => c.notNull().references('areas.id').onDelete('restrict'))
    .addColumn('name', 'text', notNull)
    .addColumn('area_code', 'text', notNull)
    .addColumn('terminal_address', 'integer', notNull)
    .addColumn('master_address', 'integer', notNull)
    .addColumn('model', 'text', notNull)
    .addColumn('variant', 'text', notNull)
    .addColumn('notes', 'text', notNull)
    .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', big)
    .addColumn('last_heartbeat_at', big)
    .addColumn('signal_dbm', 'integer')
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .addUniqueConstraint('concentrators_address', ['area_code', 'terminal_address'])
    .addCheckConstraint('concentrators_terminal_address', sql`terminal_address between 0 and 65535`)
    .addCheckConstraint('concentrators_master_address', sql`master_address between 0 and 127`)
    .execute();
  await db.schema.createIndex('concentrators_area_id').on('concentrators').column('area_id').execute();

  const onePlace = sql`terminal_port_id is null or concentrator_id is null`;
  const pointWithConcentrator = sql`(concentrator_id is null) = (measuring_point is null)`;
  if (isPostgres(db)) {
    await db.schema
      .alterTable('meters')
      .addColumn('concentrator_id', big, (c) => c.references('concentrators.id').onDelete('restrict'))
      .execute();
    await db.schema.alterTable('meters').addColumn('measuring_point', 'integer').execute();
    await sql`alter table meters add constraint meters_one_place check (${onePlace})`.execute(db);
    await sql`alter table meters add constraint meters_point_with_concentrator check (${pointWithConcentrator})`.execute(
      db,
    );
    await sql`alter table meters add constraint meters_measuring_point check (measuring_point between 1 and 2040)`.execute(
      db,
    );
  } else {
    // SQLite adds no table constraint to an existing table; a column CHECK may name the other columns.
    await db.schema
      .alterTable('meters')
      .addColumn('concentrator_id', big, (c) =>
        c.references('concentrators.id').onDelete('restrict').check(onePlace),
      )
      .execute();
    await db.schema
      .alterTable('meters')
      .addColumn('measuring_point', 'integer', (c) =>
        c.check(
          sql`(${pointWithConcentrator}) and (measuring_point is null or measuring_point between 1 and 2040)`,
        ),
      )
      .execute();
  }
  await db.schema
    .createIndex('meters_concentrator_point')
    .on('meters')
    .columns(['concentrator_id', 'measuring_point'])
    .unique()
    .execute();
}
