import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStore } from '@openami/storage';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { StartupError, startServer } from './server.ts';

// The configuration's own tests are beside it, in packages/config.
describe('startServer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openami-serve-'));
  afterAll(() => rmSync(dir, { recursive: true }));
  const config = (file: string) => ({
    ...parseConfig({
      OPENAMI_PORT: '1',
      OPENAMI_LOG_LEVEL: 'silent',
      OPENAMI_AUDIT_KEY: 'a test audit key of at least 32 characters',
    }),
    port: 0,
    databaseUrl: join(dir, file),
  });

  it('refuses to start without the audit key', async () => {
    const refusal = await startServer({ ...config('keyless.sqlite'), auditKey: undefined }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(StartupError);
    expect(String(refusal)).toMatch(/OPENAMI_AUDIT_KEY is not set/);
  });

  it('refuses an unmigrated database and points at `openami migrate`', async () => {
    await expect(startServer(config('empty.sqlite'))).rejects.toThrow(/openami migrate/);
  });

  it('refuses a database newer than itself', async () => {
    const url = join(dir, 'newer.sqlite');
    const store = openStore({ url });
    await migrateToLatest(store.db);
    await sql`insert into kysely_migration (name, timestamp) values ('29990101T0000_future', 'x')`.execute(
      store.db,
    );
    await store.close();
    const refusal = await startServer(config('newer.sqlite')).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(StartupError);
    expect(String(refusal)).toMatch(/newer than this OpenAMI.*29990101T0000_future/);
  });

  it('listens on a current database', async () => {
    const url = join(dir, 'current.sqlite');
    const store = openStore({ url });
    await migrateToLatest(store.db);
    await store.close();
    const started = await startServer(config('current.sqlite'));
    const response = await fetch(`${started.address}/api/auth/me`);
    expect(response.status).toBe(401);
    // The connection cap and the timeouts are set (docs/security.md).
    expect(started.app.server.maxConnections).toBe(1000);
    expect(started.app.server.requestTimeout).toBe(120_000);
    expect(started.app.server.headersTimeout).toBe(15_000);
    await started.app.close();
    await started.store.close();
  });

  it('names what is still open while it closes, for the log line of a shutdown past its deadline', async () => {
    const url = join(dir, 'closing.sqlite');
    const store = openStore({ url });
    await migrateToLatest(store.db);
    await store.close();
    let release: () => void = () => {};
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const started = await startServer(config('closing.sqlite'), async () => ({ stop: () => stuck }));
    expect(await started.stillOpen()).toEqual([]);
    const closed = started.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await started.stillOpen()).toEqual(
      expect.arrayContaining(['the HTTP server', 'the collector and the notifier']),
    );
    release();
    await closed;
    expect(await started.stillOpen()).toEqual([]);
  });
});
