import { type Kysely, Migrator, PostgresAdapter, sql } from 'kysely';
import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';

export const migrationTable = 'kysely_migration';

export interface MigrationOutcome {
  readonly applied: readonly string[];
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

async function migrator(db: Kysely<Database>): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    migrationTableName: migrationTable,
    migrationLockTableName: `${migrationTable}_lock`,
    // Kysely looks for its tables in every schema unless told which; with several OpenAMI schemas in one
    // PostgreSQL database (tests, staging) it would find another's and skip creating its own.
    ...(isPostgres(db) ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = result.rows[0]?.schema;
  if (schema === undefined) throw new MigrationError('PostgreSQL has no current schema (check search_path)');
  return schema;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const status = await schemaStatus(db);
  if (status.kind === 'ahead') throw new MigrationError(describeAhead(status.unknown));
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

export type SchemaStatus =
  | { readonly kind: 'current' }
  | { readonly kind: 'behind'; readonly pending: readonly string[] }
  /** The database has migrations this build does not know: it was migrated by a newer OpenAMI. */
  | { readonly kind: 'ahead'; readonly unknown: readonly string[] };

export async function schemaStatus(db: Kysely<Database>): Promise<SchemaStatus> {
  const applied = await appliedMigrations(db);
  const known = Object.keys(migrations);
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) return { kind: 'ahead', unknown };
  const pending = known.filter((name) => !applied.includes(name));
  return pending.length > 0 ? { kind: 'behind', pending } : { kind: 'current' };
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  if (!(await migrationTableExists(db))) return [];
  const rows = await sql<{
    name: string;
  }>`select name from ${sql.table(migrationTable)} order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Looks only where unqualified names resolve (PostgreSQL's search_path), unlike Kysely's introspection. */
async function migrationTableExists(db: Kysely<Database>): Promise<boolean> {
  const query = isPostgres(db)
    ? sql<{ found: number }>`select 1 as found where to_regclass(${migrationTable}) is not null`
    : sql<{
        found: number;
      }>`select 1 as found from sqlite_master where type = 'table' and name = ${migrationTable}`;
  const result = await query.execute(db);
  return result.rows.length > 0;
}

export function describeAhead(unknown: readonly string[]): string {
  return (
    `the database schema is newer than this OpenAMI (unknown migrations: ${unknown.join(', ')}); ` +
    'run the OpenAMI version that migrated it, or a newer one'
  );
}
