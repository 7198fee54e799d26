// While the database is down (a PostgreSQL restart), requests fail in words: 503 DATABASE_UNAVAILABLE in the
// requester's language, not a bare 500, and the process goes on.
import { openStore } from '@openami/storage';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';

describe('the error handler', () => {
  it('answers DATABASE_UNAVAILABLE (503) when the database cannot be reached', async () => {
    // Nothing listens on port 1: every query is refused, as while PostgreSQL restarts.
    const store = openStore({ url: 'postgres://openami@127.0.0.1:1/openami', onError: () => {} });
    const app = await buildApp({
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
    });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'accept-language': 'en' },
        payload: { username: 'admin', password: 'correct horse battery staple' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database cannot be reached just now; try again shortly',
        details: {},
      });
    } finally {
      await app.close();
      await store.close();
    }
  });
});
