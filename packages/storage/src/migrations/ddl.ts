import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { PostgresAdapter, sql } from 'kysely';

/**
 * The few places the two engines differ in DDL. Migrations receive a schema-less Kysely, since they must
 * not depend on the TypeScript schema of the day (which moves on while landed migrations never change).
 */
export type MigrationDb = Kysely<unknown>;

export function isPostgres(db: MigrationDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// biome-ignore lint/suspicious/noExplicitAny: Kysely's CreateTableBuilder is generic over names built so far.
type AnyTable = CreateTableBuilder<any, any>;

export function withId<T extends AnyTable>(db: MigrationDb, table: T): T {
  return (
    isPostgres(db)
      ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  ) as T;
}

/** Integers that can exceed 2^31: times in ms, Wh totals, ids. SQLite's INTEGER is always 64-bit. */
export function bigintType(db: MigrationDb): 'bigint' | 'integer' {
  return isPostgres(db) ? 'bigint' : 'integer';
}

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

export function doubleType(db: MigrationDb): 'double precision' | 'real' {
  return isPostgres(db) ? 'double precision' : 'real';
}

export { sql };

/**
 * An index that serves `startsWith` prefix searches: PostgreSQL needs `text_pattern_ops` for LIKE unless the
 * database collation is exactly C; SQLite's GLOB uses a plain BINARY index.
 */
export async function createPrefixIndex(
  db: MigrationDb,
  name: string,
  table: string,
  column: string,
): Promise<void> {
  const index = db.schema.createIndex(name).on(table);
  await (isPostgres(db)
    ? index.expression(sql.raw(`${column} text_pattern_ops`))
    : index.column(column)
  ).execute();
}

/** The database refuses UPDATE and DELETE on `table`: rows are written once and kept as written. */
export async function appendOnly(db: MigrationDb, table: string): Promise<void> {
  const refuse = sql.lit(`${table} is append-only`);
  if (isPostgres(db)) {
    await sql`create function ${sql.id(`${table}_refuse_change`)}() returns trigger language plpgsql as $$
      begin raise exception ${refuse}; end $$`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_update`)} before update or delete on ${sql.id(table)}
      for each row execute function ${sql.id(`${table}_refuse_change`)}()`.execute(db);
  } else {
    await sql`create trigger ${sql.id(`${table}_no_update`)} before update on ${sql.id(table)}
      begin select raise(abort, ${refuse}); end`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_delete`)} before delete on ${sql.id(table)}
      begin select raise(abort, ${refuse}); end`.execute(db);
  }
}
