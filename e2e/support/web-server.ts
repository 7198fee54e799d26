import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@openami/domain';
import { everyArea } from '@openami/domain';
import { Collector } from '@openami/headend';
import { type StoredField, storeField } from '@openami/headend/testing';
import { addUser, buildApp } from '@openami/server';
import { type Field, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { webDist } from './web-build.ts';

export const e2ePassword = 'correct horse battery staple';

/** A simulated field for the server's collector: one DH60x terminal, its ports, meters on each. */
export interface FieldOptions {
  readonly ports: number;
  readonly metersPerPort: number;
  readonly seed: number;
}

export interface WebServer {
  readonly url: string;
  readonly store: Store;
  /** With `field`: the simulated meters and where the store holds them. */
  readonly field: (StoredField & { readonly sim: Field }) | undefined;
  /** Creates a staff user the way `openami user add` does, with `e2ePassword`. */
  addUser(
    username: string,
    role: Role,
    areaIds?: readonly number[],
    locale?: 'zh-CN' | 'en',
  ): Promise<{ id: number }>;
  close(): Promise<void>;
}

/** Simulated terminals listen on ports of their own, away from other test files' fields. */
let fieldsStarted = 0;
const fieldBasePort = () => 42_000 + (process.pid % 1000) * 8 + fieldsStarted++ * 4;

/**
 * Simulated meters behind a DH60x on 127.0.0.1, entered into the store, and a collector reading them with
 * the meter password: what `openami serve --collector` runs against a real site, without the schedule.
 */
async function startCollector(store: Store, options: FieldOptions) {
  const basePort = fieldBasePort();
  const sim = await startField(
    generateField({
      terminals: 1,
      ports: options.ports,
      metersPerPort: options.metersPerPort,
      seed: options.seed,
      baud: 9600,
      basePort,
    }),
  );
  const stored = await storeField(store, sim, { basePort, ports: options.ports, baud: 9600, stockedInAt: 0 });
  const collector = new Collector(store, {
    bus: { responseDelayBudgetMs: 200 },
    credentials: { passwordLevel: 2, password: '123456', operatorCode: '00000001' },
    log: () => {},
  });
  await collector.start(false);
  return { sim, stored, collector };
}

/**
 * The API and the built web application on a free port of 127.0.0.1, over a fresh, migrated SQLite file:
 * what `openami serve` runs, without the environment; with `field`, what `openami serve --collector` runs.
 */
export async function startWebServer(options: { field?: FieldOptions } = {}): Promise<WebServer> {
  const dir = mkdtempSync(join(tmpdir(), 'openami-e2e-'));
  const store = openStore({ url: join(dir, 'openami.sqlite') });
  await migrateToLatest(store.db);
  const field = options.field === undefined ? undefined : await startCollector(store, options.field);
  const app = await buildApp({
    store,
    config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
    webRoot: webDist,
    loginRateLimit: 1000,
    // No SMS provider here: residents' codes stay in the outbox (and would go to the log).
    residentCodeChannel: 'log',
    ...(field === undefined ? {} : { field: field.collector }),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const consoleActor = {
    principal: {
      userId: 0,
      username: 'e2e',
      role: 'administrator' as const,
      scope: everyArea,
      via: 'cookie' as const,
      tokenHash: '',
      csrfToken: '',
    },
    sourceIp: 'console',
    now: Date.now(),
  };
  return {
    url,
    store,
    field: field === undefined ? undefined : { ...field.stored, sim: field.sim },
    addUser: (username, role, areaIds, locale = 'zh-CN') =>
      addUser(store, consoleActor, {
        username,
        displayName: '',
        password: e2ePassword,
        role,
        allAreas: areaIds === undefined,
        areaIds: areaIds ?? [],
        locale,
      }),
    async close() {
      await app.close();
      await field?.collector.stop();
      await field?.sim.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
