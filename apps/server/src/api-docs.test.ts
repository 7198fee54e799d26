import { maxPageSize } from '@openami/contract';
import { migrateToLatest, openStore, type Store, maxPageSize as storeMaxPageSize } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app.ts';

interface Operation {
  readonly responses?: Record<string, { readonly description?: string; readonly content?: object }>;
}
type PathItem = Record<string, Operation>;

const methods = ['get', 'post', 'put', 'patch', 'delete'];

/** `/api/docs/json` documents what every route answers, not only what it asks (issue 14). */
describe('the OpenAPI document', () => {
  let store: Store;
  let app: App;
  let paths: Record<string, PathItem>;

  beforeAll(async () => {
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    app = await buildApp({
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
    });
    paths = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, PathItem>;
    }>().paths;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('declares a success response schema for every route', () => {
    const operations = Object.entries(paths).flatMap(([path, item]) =>
      methods
        .filter((m) => item[m] !== undefined)
        .map((m) => ({ key: `${m.toUpperCase()} ${path}`, op: item[m] })),
    );
    const routes = app.routeTable.filter((r) => !r.url.startsWith('/api/docs'));
    expect(operations).toHaveLength(routes.length);
    const undocumented = operations.filter(({ op }) => {
      const success = Object.entries(op?.responses ?? {}).filter(([status]) => /^2/.test(status));
      // A 204 has no body; every other success names its media types and their schemas.
      return (
        success.length === 0 ||
        success.some(([status, response]) => status !== '204' && response.content === undefined)
      );
    });
    expect(undocumented.map(({ key }) => key)).toEqual([]);
  });

  it('declares the one error body on every route', () => {
    for (const [path, item] of Object.entries(paths)) {
      for (const method of methods.filter((m) => item[m] !== undefined)) {
        expect(Object.keys(item[method]?.responses ?? {}), `${method} ${path}`).toEqual(
          expect.arrayContaining(['4XX', '5XX']),
        );
      }
    }
  });

  it('pages no further than the store does', () => {
    expect(maxPageSize).toBe(storeMaxPageSize);
  });
});
