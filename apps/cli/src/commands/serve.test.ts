// `openami serve` as an operator runs it: a real child process, stopped by SIGTERM while a browser holds a
// server-sent event stream (every page holds three). It must end the streams, stop and close within
// OPENAMI_SHUTDOWN_SECONDS and exit 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addUser } from '@openami/server';
import { type Engine, migrateToLatest, openStore } from '@openami/storage';
import { createTestSchema, postgresUrl } from '@openami/storage/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { consoleActor } from '../console-actor.ts';

const CLI = fileURLToPath(new URL('../../bin/openami.js', import.meta.url));
const password = 'correct horse battery staple';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

const dropSchemas: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of dropSchemas) await drop();
});

/** A migrated database with one administrator: a SQLite file, or a PostgreSQL schema of its own. */
async function database(engine: Engine): Promise<string> {
  let url = join(mkdtempSync(join(tmpdir(), 'openami-serve-')), 'openami.sqlite');
  if (engine === 'postgres') {
    const created = await createTestSchema();
    dropSchemas.push(created.drop);
    const options = encodeURIComponent(`-c search_path=${created.schema}`);
    url = `${created.url}${created.url.includes('?') ? '&' : '?'}options=${options}`;
  }
  const store = openStore({ url });
  await migrateToLatest(store.db);
  await addUser(store, consoleActor(), {
    username: 'admin',
    displayName: 'admin',
    password,
    role: 'administrator',
    allAreas: true,
    areaIds: [],
    locale: 'en',
  });
  await store.close();
  return url;
}

/** Opens an event stream and resolves once its headers (and first comment) arrived. */
function openStream(
  url: string,
  cookie: string,
): Promise<{ response: IncomingMessage; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      const ended = new Promise<void>((done) => {
        response.on('end', () => done());
        response.on('close', () => done());
      });
      response.resume();
      resolve({ response, ended });
    });
    request.on('error', reject);
  });
}

describe('openami serve', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  });

  // Without OPENAMI_TEST_POSTGRES_URL the PostgreSQL run is skipped.
  const engines = postgresUrl === undefined ? (['sqlite'] as const) : (['sqlite', 'postgres'] as const);
  it.each(engines)(
    'ends open event streams on SIGTERM and exits 0 within the deadline [%s]',
    async (engine) => {
      const port = await freePort();
      const env = {
        ...process.env,
        OPENAMI_DATABASE_URL: await database(engine),
        OPENAMI_HOST: '127.0.0.1',
        OPENAMI_PORT: String(port),
        OPENAMI_LOG_LEVEL: 'warn',
        OPENAMI_SHUTDOWN_SECONDS: '5',
        OPENAMI_AUDIT_KEY: 'a test audit key of at least 32 characters',
      };
      const started = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      let output = '';
      started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)));
      expect(await until(() => output.includes('listening on'), 30_000), output).toBe(true);
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const alarms = await openStream(`${base}/api/alarms/events`, cookie);
      const runs = await openStream(`${base}/api/collection/runs/events`, cookie);
      expect(alarms.response.statusCode).toBe(200);
      expect(runs.response.statusCode).toBe(200);

      const signalled = Date.now();
      started.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 8_000)),
      ]);
      expect(code, output).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5_000);
      await alarms.ended;
      await runs.ended;
      expect(alarms.response.complete).toBe(true);
      expect(runs.response.complete).toBe(true);
      expect(output).toContain('openami serve: stopped');
    },
    60_000,
  );
});
