/**
 * Why a command or a meter in a run failed, as a stable code with its parameters (JSON) beside the English
 * text: the web words the code in the user's language. Rows written before keep only their text, which is
 * what shows for them.
 */
import type { MigrationDb } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  for (const table of ['collection_run_meters', 'meter_commands']) {
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    await db.schema.alterTable(table).addColumn('reason_code', 'text').execute();
    await db.schema.alterTable(table).addColumn('reason_params', 'text').execute();
  }
}
