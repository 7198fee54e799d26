import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseConfig {
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file path, or `:memory:`. */
  readonly url: string;
  /** PostgreSQL only: the schema to work in (tests use one per file). */
  readonly schema?: string;
  readonly poolSize?: number;
}

export interface Connection {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  close(): Promise<void>;
}

export const defaultSqlitePath = './data/openami.sqlite';

const int8Oid = 20;

export function engineOfUrl(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function connect(config: DatabaseConfig): Connection {
  const engine = engineOfUrl(config.url);
  const plugins = [new CamelCasePlugin()];
  if (engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      ...(config.schema === undefined ? {} : { options: `-c search_path=${config.schema}` }),
      // Epoch milliseconds and Wh totals are BIGINT; they stay far below 2^53, so numbers are exact.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === int8Oid
            ? Number
            : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, engine, close: () => db.destroy() };
  }
  if (config.url !== ':memory:') mkdirSync(dirname(config.url), { recursive: true });
  const sqlite = new SqliteDatabase(config.url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // WAL makes NORMAL durable across application crashes; only a power cut can lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins });
  return { db, engine, close: () => db.destroy() };
}
