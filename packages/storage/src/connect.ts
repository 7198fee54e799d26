import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CamelCasePlugin,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as SqliteDriverDatabase,
} from 'kysely';
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
  /**
   * PostgreSQL only: calls `onNotify` for each notification on `channel` (LISTEN on a connection of its
   * own); resolves with the function that stops listening. Undefined on SQLite, which has no such signal.
   */
  readonly listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
  close(): Promise<void>;
}

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
    const listen = async (channel: string, onNotify: () => void) => {
      const client = await pool.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        client.release();
      };
    };
    return { db, engine, listen, close: () => db.destroy() };
  }
  if (config.url !== ':memory:') mkdirSync(dirname(config.url), { recursive: true });
  const sqlite = new SqliteDatabase(config.url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Durable before acknowledged (DESIGN.md principle 3): in WAL, FULL syncs the log at every commit, so a
  // committed sale survives a power cut too; NORMAL would survive only a crash of the process (a power cut
  // could take back the last sales after their cards were written). The sync costs about 0.3 ms a commit.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: preparedOnce(sqlite) }),
    plugins,
  });
  return { db, engine, close: () => db.destroy() };
}

/** Statements kept prepared; the same query text recurs, so this bounds only the odd one-off texts. */
const preparedStatementsKept = 500;

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, with each query text prepared once and kept: the driver
 * prepares every query anew, which cost a tenth of a vending sale's time. A statement still being iterated
 * (a streamed query) is busy, so the same text then gets a statement of its own.
 */
function preparedOnce(sqlite: SqliteDatabase.Database): SqliteDriverDatabase {
  const kept = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      const cached = kept.get(text);
      if (cached !== undefined && !cached.busy) return cached;
      const statement = sqlite.prepare(text);
      if (cached === undefined) {
        if (kept.size >= preparedStatementsKept) {
          const oldest = kept.keys().next();
          if (oldest.done !== true) kept.delete(oldest.value);
        }
        kept.set(text, statement);
      }
      return statement;
    },
  };
}
