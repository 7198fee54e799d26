import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlarmEngine } from '@openami/alarms';
import type { Role } from '@openami/domain';
import { everyArea } from '@openami/domain';
import { Collector, SoftSecurityModule } from '@openami/headend';
import { type StoredField, storeField } from '@openami/headend/testing';
import { addUser, buildApp } from '@openami/server';
import { type Field, type FieldDescription, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { webDist } from './web-build.ts';

export const e2ePassword = 'correct horse battery staple';

/** A simulated field for the server's collector: one DH60x terminal, its ports, meters on each. */
export interface FieldOptions {
  readonly ports: number;
  readonly metersPerPort: number;
  readonly seed: number;
  /** Changes the generated meters (e.g. a money-type meter for local fee control) before the field starts. */
  readonly shape?: (field: FieldDescription) => FieldDescription;
  /** The security module's master key, for top-ups of local fee-control meters (`OPENAMI_ESAM_KEY`). */
  readonly esamKey?: string;
  /** Raise alarms from what the collector sees, pushed to browsers (the API shares the engine). */
  readonly alarms?: boolean;
}

export interface WebServer {
  readonly url: string;
  readonly store: Store;
  /** With `field`: the simulated meters and where the store holds them. */
  readonly field: (StoredField & { readonly sim: Field; readonly collector: Collector }) | undefined;
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
  const generated = generateField({
    terminals: 1,
    ports: options.ports,
    metersPerPort: options.metersPerPort,
    seed: options.seed,
    baud: 9600,
    basePort,
  });
  const sim = await startField(options.shape === undefined ? generated : options.shape(generated));
  const stored = await storeField(store, sim, { basePort, ports: options.ports, baud: 9600, stockedInAt: 0 });
  const alarms = options.alarms === true ? new AlarmEngine(store) : undefined;
  const collector = new Collector(store, {
    ...(alarms === undefined ? {} : { observer: alarms }),
    bus: { responseDelayBudgetMs: 200 },
    credentials: { passwordLevel: 2, password: '123456', operatorCode: '00000001' },
    log: () => {},
    ...(options.esamKey === undefined
      ? {}
      : // A top-up's validity is checked in the meter's own time: the station keeps the field's clock.
        { security: new SoftSecurityModule(options.esamKey), now: () => sim.clock.now() }),
  });
  await collector.start(false);
  return { sim, stored, collector, alarms };
}

/**
 * The API and the built web application on a free port of 127.0.0.1, over a fresh, migrated SQLite file:
 * what `openami serve` runs, without the environment; with `field`, what `openami serve --collector` runs.
 */
export async function startWebServer(
  options: {
    field?: FieldOptions;
    totpRequired?: boolean;
    /** Above these a refund or cancel (fen), an adjustment or preset card (Wh) waits for approval. */
    approval?: { aboveFen: number; aboveWh: number };
  } = {},
): Promise<WebServer> {
  const dir = mkdtempSync(join(tmpdir(), 'openami-e2e-'));
  const store = openStore({ url: join(dir, 'openami.sqlite') });
  await migrateToLatest(store.db);
  const field = options.field === undefined ? undefined : await startCollector(store, options.field);
  const app = await buildApp({
    checkResponses: true,
    store,
    config: {
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      trustProxy: false,
      totpRequired: options.totpRequired === true,
    },
    webRoot: webDist,
    loginRateLimit: 1000,
    // No SMS provider here: residents' codes stay in the outbox (and would go to the log).
    residentCodeChannel: 'log',
    ...(field === undefined ? {} : { field: field.collector }),
    ...(field?.alarms === undefined ? {} : { alarms: field.alarms }),
    ...(options.approval === undefined ? {} : { approval: options.approval }),
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
      stage: 'full' as const,
    },
    sourceIp: 'console',
    now: Date.now(),
  };
  return {
    url,
    store,
    field: field === undefined ? undefined : { ...field.stored, sim: field.sim, collector: field.collector },
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
