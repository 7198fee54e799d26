// A PostgreSQL restart, as the API sees it: the server ends every backend (pg_terminate_backend does the
// same to one). An idle pooled connection, or the LISTEN connection, then emits 'error'; without a handler
// Node ends the process. The pool must ride through it, and LISTEN reconnect.
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresUrl } from '../test/engines.ts';
import { connect, databaseUnavailable } from './connect.ts';

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Ends the backends of this test's connections, as a restart of PostgreSQL would. */
async function terminate(applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    const result = await admin.query(
      'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    return result.rows[0].n as number;
  } finally {
    await admin.end();
  }
}

async function notify(channel: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`notify ${pg.escapeIdentifier(channel)}`);
  } finally {
    await admin.end();
  }
}

describe.skipIf(postgresUrl === undefined)('a PostgreSQL connection whose backends are ended', () => {
  it('survives an idle pooled connection ending, says so, and the next query works', async () => {
    const name = `openami-test-${process.pid}-pool`;
    const errors: string[] = [];
    const url = `${postgresUrl}${postgresUrl?.includes('?') ? '&' : '?'}application_name=${name}`;
    const connection = connect({ url, onError: (error) => errors.push(String(error)) });
    try {
      expect((await sql<{ one: number }>`select 1 as one`.execute(connection.db)).rows).toEqual([{ one: 1 }]);
      expect(await terminate(name)).toBeGreaterThan(0);
      expect(await until(() => errors.length > 0, 5_000)).toBe(true);
      expect(errors[0]).toMatch(/terminat/i);
      expect((await sql<{ one: number }>`select 1 as one`.execute(connection.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await connection.close();
    }
  });

  it('reconnects LISTEN when its connection ends, and wakes the listener once it is back', async () => {
    const name = `openami-test-${process.pid}-listen`;
    const url = `${postgresUrl}${postgresUrl?.includes('?') ? '&' : '?'}application_name=${name}`;
    const errors: string[] = [];
    const connection = connect({ url, onError: (error) => errors.push(String(error)) });
    const channel = `openami_test_${process.pid}`;
    let woken = 0;
    const stop = await connection.listen?.(channel, () => woken++);
    try {
      await notify(channel);
      expect(await until(() => woken === 1, 5_000)).toBe(true);
      expect(await terminate(name)).toBeGreaterThan(0);
      // Back on a new connection, it wakes the listener once for what it may have missed.
      expect(await until(() => woken === 2, 10_000), errors.join('\n')).toBe(true);
      await notify(channel);
      expect(await until(() => woken === 3, 5_000)).toBe(true);
    } finally {
      await stop?.();
      await connection.close();
    }
  });

  it('tells a lost database from other errors', () => {
    expect(databaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(databaseUnavailable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(databaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(databaseUnavailable(Object.assign(new Error('duplicate'), { code: '23505' }))).toBe(false);
    expect(databaseUnavailable(new Error('boom'))).toBe(false);
  });
});
