import { bigintType, type MigrationDb } from './ddl.ts';

/**
 * Where the keyed part of the audit chain begins (`audit-chain.ts`): the id of the first entry hashed with
 * HMAC under the audit key, set by that entry's append. Null while no entry is keyed: a database written
 * before OPENAMI_AUDIT_KEY keeps its plain SHA-256 entries, and the chain is keyed from the next append on.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('audit_head').addColumn('keyed_from', bigintType(db)).execute();
}
