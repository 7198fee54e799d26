/**
 * What a collection run says about itself (its counts, or why it failed, was skipped or interrupted) as a
 * stable code with its parameters (JSON) beside the English `detail`, which the web words in the user's
 * language. Runs recorded before keep only their text, which is what shows for them.
 */
import type { MigrationDb } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('collection_runs').addColumn('detail_code', 'text').execute();
  await db.schema.alterTable('collection_runs').addColumn('detail_params', 'text').execute();
}
