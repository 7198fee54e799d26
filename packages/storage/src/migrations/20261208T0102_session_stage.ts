import type { MigrationDb } from './ddl.ts';

/**
 * What a session may do: `full`, or `enrol` for a user whose role requires a second factor and who has none
 * yet (it may only enrol, ask who it is and sign out).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('full'))
    .execute();
}
