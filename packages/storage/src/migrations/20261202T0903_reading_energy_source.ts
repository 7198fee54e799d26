import type { MigrationDb } from './ddl.ts';

/**
 * Where an energy reading came from: null for the head-end reading the meter over the wire (every reading
 * before this column), `card` for one a check or meter-reading card brought back to the counter.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('reading_energy').addColumn('source', 'text').execute();
}
