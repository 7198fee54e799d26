/**
 * Readings by the time they were stored: an API process without a collector follows new readings through
 * this index (a cursor on `received_at`) to charge remote fee-control accounts.
 */
import type { MigrationDb } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('reading_energy_received_at')
    .on('reading_energy')
    .column('received_at')
    .execute();
}
