import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app.ts';
import { isClientRoute } from './web-app.ts';

describe('the web application beside the API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openami-web-'));
  let store: Store;
  let app: App;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    app = await buildApp({
      checkResponses: true,
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      webRoot: dir,
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true });
  });

  it('serves the page at / and at every client route, never cached', async () => {
    for (const url of ['/', '/archives/meters', '/admin/users?page=2']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['x-frame-options']).toBe('DENY');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.body).toContain('id="root"');
    }
  });

  it('serves hashed assets for good, and a missing asset as a 404', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/gone-000.js' })).statusCode).toBe(404);
  });

  it('keeps API answers out of every cache, and sends HSTS only over HTTPS', async () => {
    for (const url of ['/api/auth/me', '/api/nothing-here']) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.headers['cache-control'], url).toBe('no-store');
      expect(answer.headers['strict-transport-security'], url).toBeUndefined();
    }
    // A page keeps its own caching.
    expect((await app.inject({ method: 'GET', url: '/' })).headers['cache-control']).toBe('no-cache');
  });

  it('keeps the API its own: unknown endpoints are JSON errors, the API still answers', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect((await app.inject({ method: 'POST', url: '/archives/meters' })).statusCode).toBe(404);
  });

  it('tells client routes from files and the API', () => {
    const request = (method: string, url: string) => ({ method, url }) as Parameters<typeof isClientRoute>[0];
    expect(isClientRoute(request('GET', '/archives/areas'))).toBe(true);
    expect(isClientRoute(request('GET', '/api/areas'))).toBe(false);
    expect(isClientRoute(request('GET', '/favicon.ico'))).toBe(false);
    expect(isClientRoute(request('DELETE', '/archives/areas'))).toBe(false);
  });
});

describe('HSTS behind a trusted proxy', () => {
  it('is sent when a trusted proxy says the client came over HTTPS, and never on its word otherwise', async () => {
    const store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const hsts = async (trustProxy: readonly string[] | false, proto: string) => {
      const app = await buildApp({
        store,
        config: { sessionTtlMs: 3_600_000, cookieSecure: true, trustProxy },
      });
      const answer = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { 'x-forwarded-proto': proto },
      });
      await app.close();
      return answer.headers['strict-transport-security'];
    };
    // `inject` comes from 127.0.0.1.
    expect(await hsts(['127.0.0.1'], 'https')).toBe('max-age=31536000');
    expect(await hsts(['127.0.0.1'], 'http')).toBeUndefined();
    expect(await hsts(['10.0.0.0/8'], 'https')).toBeUndefined();
    expect(await hsts(false, 'https')).toBeUndefined();
    await store.close();
  });
});
