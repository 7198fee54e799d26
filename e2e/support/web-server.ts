import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@openami/domain';
import { everyArea } from '@openami/domain';
import { addUser, buildApp } from '@openami/server';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { webDist } from './web-build.ts';

export const e2ePassword = 'correct horse battery staple';

export interface WebServer {
  readonly url: string;
  readonly store: Store;
  /** Creates a staff user the way `openami user add` does, with `e2ePassword`. */
  addUser(
    username: string,
    role: Role,
    areaIds?: readonly number[],
    locale?: 'zh-CN' | 'en',
  ): Promise<{ id: number }>;
  close(): Promise<void>;
}

/**
 * The API and the built web application on a free port of 127.0.0.1, over a fresh, migrated SQLite file:
 * what `openami serve` runs, without the environment.
 */
export async function startWebServer(): Promise<WebServer> {
  const dir = mkdtempSync(join(tmpdir(), 'openami-e2e-'));
  const store = openStore({ url: join(dir, 'openami.sqlite') });
  await migrateToLatest(store.db);
  const app = await buildApp({
    store,
    config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
    webRoot: webDist,
    loginRateLimit: 1000,
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
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
