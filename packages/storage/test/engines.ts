import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type AuditKey, type Engine, migrateToLatest, openStore, type Store } from '../src/index.ts';

/**
 * Runs a suite once per engine, each against a fresh, migrated database: SQLite in memory, and PostgreSQL in
 * a schema of its own (so parallel test files never see each other's rows), dropped afterwards. Without
 * OPENAMI_TEST_POSTGRES_URL the PostgreSQL half is skipped, and said so once per run.
 */
export const postgresUrl = process.env.OPENAMI_TEST_POSTGRES_URL;

export interface EngineContext {
  readonly engine: Engine;
  /** Valid inside tests and hooks of the suite. */
  readonly store: Store;
}

export function describeEachEngine(title: string, suite: (context: EngineContext) => void): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    if (engine === 'postgres' && postgresUrl === undefined) {
      announcePostgresSkipped();
      describe.skip(`${title} [postgres]`, () => suite(unavailable(engine)));
      continue;
    }
    describe(`${title} [${engine}]`, () => {
      let store: Store | undefined;
      let dropSchema: (() => Promise<void>) | undefined;
      const context: EngineContext = {
        engine,
        get store(): Store {
          if (store === undefined) throw new Error('the store is opened in beforeAll');
          return store;
        },
      };
      beforeAll(async () => {
        const opened = await openTestStore(engine);
        store = opened.store;
        dropSchema = opened.drop;
      });
      afterAll(async () => {
        await store?.close();
        await dropSchema?.();
      });
      suite(context);
    });
  }
}

export async function openTestStore(engine: Engine): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    return { store, drop: async () => {} };
  }
  const { url, schema, drop } = await createTestSchema();
  const store = openStore({ url, schema, poolSize: 4 });
  await migrateToLatest(store.db);
  return { store, drop };
}

/**
 * A fresh, migrated database several stores can open (a SQLite file, or a PostgreSQL schema): `open` gives
 * a store over it, keyed or not; `drop` closes them all and removes the database.
 */
export async function sharedTestDatabase(engine: Engine): Promise<{
  open: (auditKey?: AuditKey) => Store;
  drop: () => Promise<void>;
}> {
  const opened: Store[] = [];
  let config: { url: string; schema?: string };
  let remove: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'openami-shared-'));
    config = { url: join(dir, 'test.sqlite') };
    remove = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const made = await createTestSchema();
    config = { url: made.url, schema: made.schema };
    remove = made.drop;
  }
  const open = (auditKey?: AuditKey) => {
    const store = openStore({ ...config, poolSize: 2, ...(auditKey === undefined ? {} : { auditKey }) });
    opened.push(store);
    return store;
  };
  await migrateToLatest(open().db);
  return {
    open,
    drop: async () => {
      for (const store of opened) await store.close();
      await remove();
    },
  };
}

/** An empty PostgreSQL schema of its own, for a test that hands it to another process. */
export async function createTestSchema(): Promise<{
  url: string;
  schema: string;
  drop: () => Promise<void>;
}> {
  if (postgresUrl === undefined) throw new Error('OPENAMI_TEST_POSTGRES_URL is not set');
  const url = postgresUrl;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  return { url, schema, drop: () => adminQuery(url, `drop schema ${schema} cascade`) };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function unavailable(engine: Engine): EngineContext {
  return {
    engine,
    get store(): Store {
      throw new Error('PostgreSQL is not configured');
    },
  };
}

/** One line per test run, not per file: the first worker to create the marker prints it. */
function announcePostgresSkipped(): void {
  const marker = join(tmpdir(), `openami-pg-skip-${process.ppid}`);
  try {
    closeSync(openSync(marker, 'wx'));
  } catch {
    return;
  }
  console.warn(
    'OPENAMI_TEST_POSTGRES_URL is not set: the PostgreSQL half of the store suite is SKIPPED (SQLite only).',
  );
}

/** The store fixtures other workspaces' tests may use too. */
export { makeAccount, makeMeter, testNow } from './fixtures.ts';
