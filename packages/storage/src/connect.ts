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
  /**
   * PostgreSQL only: a connection was lost (the server restarted or ended its backend). The pool replaces
   * it and LISTEN reconnects; this says so. Unset: a line on standard error.
   */
  readonly onError?: (error: Error) => void;
}

export interface Connection {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /**
   * PostgreSQL only: calls `onNotify` for each notification on `channel` (LISTEN on a connection of its
   * own); resolves with the function that stops listening. Undefined on SQLite, which has no such signal.
   */
  readonly listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
  /** PostgreSQL only: the pool's connections now (for /metrics). Undefined on SQLite, which has no pool. */
  readonly poolStats?: () => PoolStats;
  close(): Promise<void>;
}

/** A PostgreSQL pool's connections: open, idle among them, and clients waiting for one. */
export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
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
    const onError = config.onError ?? ((error) => process.stderr.write(`database: ${error.message}\n`));
    // A connection whose server went away emits 'error'; unhandled, it would end the process. The pool
    // re-emits it for an idle connection, but one checked out (a transaction between two of its queries,
    // Kysely holding it) has only its own listeners: each connection gets one as it opens, and says it
    // once. The pool drops a broken connection and opens another for the next query (which fails, in
    // words, while the server is down: see `databaseUnavailable`).
    pool.on('connect', (client) => client.on('error', (error) => onError(error)));
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    const listen = (channel: string, onNotify: () => void) => listenOn(pool, channel, onNotify, onError);
    const poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    return { db, engine, listen, poolStats, close: () => db.destroy() };
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

/** Reconnection of LISTEN: first after half a second, then doubling up to half a minute. */
const listenRetryFirstMs = 500;
const listenRetryMostMs = 30_000;

/**
 * LISTEN on a connection of its own, kept through the server's restarts: when the connection is lost it
 * reconnects (retrying while the server is down) and then calls `onNotify` once, for the notifications it
 * may have missed meanwhile.
 */
async function listenOn(
  pool: pg.Pool,
  channel: string,
  onNotify: () => void,
  onError: (error: Error) => void,
): Promise<() => Promise<void>> {
  const listenText = `listen ${pg.escapeIdentifier(channel)}`;
  let stopped = false;
  let client: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  const detachers = new WeakMap<pg.PoolClient, () => boolean>();
  const attach = async (): Promise<pg.PoolClient> => {
    const next = await pool.connect();
    let lost = false;
    /** Gives the lost connection back to be destroyed; false if it already was. */
    const lose = (error: Error): boolean => {
      if (lost) return false;
      lost = true;
      if (client === next) client = undefined;
      next.release(error);
      return true;
    };
    const onLost = (error: Error) => {
      if (!lose(error)) return;
      onError(error);
      if (!stopped) reconnect(listenRetryFirstMs);
    };
    const onMessage = (message: pg.Notification) => {
      if (message.channel === channel) onNotify();
    };
    next.on('error', onLost);
    next.on('notification', onMessage);
    // Given back to the pool when listening stops: its later errors are the pool's, not this listener's
    // (releasing it a second time would throw out of the error event and end the process). True when it
    // is still to be released (not lost meanwhile).
    detachers.set(next, () => {
      next.off('error', onLost);
      next.off('notification', onMessage);
      if (lost) return false;
      lost = true;
      return true;
    });
    try {
      await next.query(listenText);
    } catch (error) {
      lose(error as Error);
      throw error;
    }
    return next;
  };
  const reconnect = (delayMs: number) => {
    retry = setTimeout(() => {
      attach().then(
        (next) => {
          if (stopped) {
            if (detachers.get(next)?.() === true) next.release();
            return;
          }
          client = next;
          onNotify();
        },
        (error: Error) => {
          onError(error);
          if (!stopped) reconnect(Math.min(delayMs * 2, listenRetryMostMs));
        },
      );
    }, delayMs);
  };
  client = await attach();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const last = client;
    client = undefined;
    if (last === undefined) return;
    await last.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
    if (detachers.get(last)?.() === true) last.release();
  };
}

/**
 * Whether an error says the database cannot be reached (refused, connection lost, the server shutting down
 * or starting up), rather than anything about the query: the API answers it `DATABASE_UNAVAILABLE`.
 */
export function databaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exception; 57P01–57P03: shut down by an administrator, a crash, or
    // not accepting connections yet.
    if (/^08/.test(code) || /^57P0[1-3]$/.test(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) {
      return true;
    }
  }
  return /^Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/i.test(
    error.message,
  );
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
