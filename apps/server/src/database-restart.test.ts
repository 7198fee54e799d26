// Issue 15, "Surviving the database": PostgreSQL stopped and started again in the middle of a collection
// run over the simulator's meters (real TCP) and of a burst of sales over HTTP. While it is down the API
// answers DATABASE_UNAVAILABLE in words and nothing ends the process; the collector keeps what it reads
// (spilling to its spool file) and stores it once the database is back. Afterwards every reading read is
// stored exactly once, every sale acknowledged is there once, the failed ones retried with their request
// ids are recorded once, LISTEN hears another process again, and the audit chain and balances verify.
// The cluster is the test's own (initdb + pg_ctl on a free port), never the shared server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlarmEngine, LogChannel, Notifier } from '@openami/alarms';
import { Collector } from '@openami/headend';
import { freeBasePort, readPlan, storeField } from '@openami/headend/testing';
import { type Field, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore, readingsChannel, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../test/harness.ts';
import { PrivatePostgres, postgresBinaries } from '../test/private-postgres.ts';
import { seedVendingWorld } from '../test/vending-world.ts';
import type { App } from './app.ts';

const binaries = postgresBinaries();
if (binaries === undefined) {
  console.warn('database-restart.test.ts skipped: no PostgreSQL server binaries under /usr/lib/postgresql');
}

const amountFen = 1234;
const cashiers = 6;
/** Total import energy, phase A voltage and current, total active power. */
const items = [0x00010000, 0x02010100, 0x02020100, 0x02030000];

type Answer =
  | { readonly status: 201 | 200; readonly entryId: number }
  | { readonly status: number; readonly code?: string; readonly message?: string };

async function sale(base: string, token: string, accountId: number, requestId: string): Promise<Answer> {
  const response = await fetch(`${base}/api/vending/accounts/${accountId}/sales`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'accept-language': 'en',
    },
    body: JSON.stringify({ requestId, by: 'money', amountFen }),
  }).catch(() => undefined);
  // No answer at all (the API gone) is a status of its own, which the test refuses.
  if (response === undefined) return { status: 0 };
  const body = (await response.json()) as { id?: number; code?: string; message?: string };
  if (response.status === 200 || response.status === 201) {
    return { status: response.status, entryId: body.id ?? 0 };
  }
  return {
    status: response.status,
    ...(body.code === undefined ? {} : { code: body.code }),
    ...(body.message === undefined ? {} : { message: body.message }),
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(binaries === undefined)('PostgreSQL restarted under a run and a burst of sales', () => {
  let cluster: PrivatePostgres;
  let field: Field;
  let store: Store;
  let collector: Collector;
  let app: App;
  let notifier: Notifier;
  let selling = false;
  const log: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    cluster = await PrivatePostgres.start();
    store = openStore({ url: cluster.url, onError: (error) => log.push(`database: ${error.message}`) });
    await migrateToLatest(store.db);
    const basePort = await freeBasePort(2);
    field = await startField(
      generateField({ terminals: 1, ports: 2, metersPerPort: 10, seed: 15, baud: 2400, basePort }),
    );
    await storeField(store, field, { basePort, ports: 2, baud: 2400, stockedInAt: 0 });
    // The alarm engine follows what is read (its writes fail while the database is down) and the notifier
    // polls its outbox, as in `openami serve --collector`.
    const alarms = new AlarmEngine(store);
    notifier = new Notifier(store, {
      channels: { log: new LogChannel((line) => log.push(line)) },
      onError: (error) => log.push(`notifications: ${String(error)}`),
    });
    notifier.start();
    collector = new Collector(store, {
      observer: alarms,
      now: () => field.clock.now(),
      fieldPollMs: 500,
      commandPollMs: 500,
      // A small memory share: most of what is read while the database is down goes to the spool file.
      spool: { directory: mkdtempSync(join(tmpdir(), 'openami-spool-')), memoryRows: 4 },
      log: (line) => log.push(line),
    });
    expect(await collector.start(false)).toEqual([]);
    app = await appFor(store, Date.now, collector);
    await app.listen({ port: 0, host: '127.0.0.1' });
  }, 30_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    selling = false;
    await notifier?.stop();
    await app?.close();
    await collector?.stop();
    await store?.close();
    await field?.stop();
    cluster?.destroy();
  }, 30_000);

  it('keeps every reading and sale, answers in words while down, and listens again', async () => {
    const world = await seedVendingWorld(store, {
      cashiers,
      prepaidMode: 'remote',
      meters: { factoryPrefix: 'V', firstAddress: 990_000 },
    });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const base = `http://127.0.0.1:${address.port}`;
    let woken = 0;
    const stopListening = await store.listen?.(readingsChannel, () => woken++);

    // The run: readings are counted per meter as the collector hands them on.
    const read = new Map<number, string>();
    let outcomes = 0;
    const run = collector.execute(readPlan('restart', items), {
      trigger: 'operator',
      onOutcome: (outcome) => {
        outcomes++;
        read.set(outcome.meterId, outcome.status);
      },
    });

    // The burst: every cashier sells, one request after another, until told to stop.
    const answers = new Map<string, Answer>();
    selling = true;
    const burst = Promise.all(
      world.tokens.map(async (token, cashier) => {
        const accountId = world.accountIds[cashier] ?? 0;
        for (let i = 0; selling; i++) {
          const requestId = `k${cashier}-${i}`;
          answers.set(requestId, await sale(base, token, accountId, requestId));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }),
    );

    await until(() => outcomes >= 3 && answers.size >= 12, 20_000, 'the run and the sales to be under way');
    const readBeforeStop = outcomes;
    cluster.pgStop('immediate');
    const downAt = answers.size;
    // While it is down: sales answer 503 DATABASE_UNAVAILABLE in words, meters are still read.
    await until(
      () => [...answers.values()].filter((a) => a.status === 503).length >= 2 * cashiers,
      15_000,
      'sales to fail while the database is down',
    );
    await until(() => outcomes >= readBeforeStop + 3, 20_000, 'meters to be read while the database is down');
    await until(() => collector.readingBuffer().spilledRows > 0, 10_000, 'readings to be spooled on disk');
    const whileDown = await fetch(`${base}/api/auth/me`, {
      headers: { authorization: `Bearer ${world.tokens[0]}`, 'accept-language': 'zh-CN' },
    });
    expect(whileDown.status).toBe(503);
    expect(await whileDown.json()).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: '暂时无法连接数据库，请稍后重试',
    });
    expect(answers.size).toBeGreaterThan(downAt);

    cluster.pgStart();
    // A probe sale, retried with its request id until it is answered (201, or 200 for a replay).
    await until(
      async () =>
        [200, 201].includes(
          (await sale(base, world.tokens[0] ?? '', world.accountIds[0] ?? 0, 'probe')).status,
        ),
      15_000,
      'the API to sell again',
    );
    const upAt = answers.size;
    await until(() => answers.size >= upAt + 2 * cashiers, 15_000, 'more sales after the restart');
    selling = false;
    await burst;
    const result = await run;
    await until(() => collector.readingBuffer().bufferedRows === 0, 30_000, 'the spool to drain');

    // Every answer was an acknowledged sale or DATABASE_UNAVAILABLE in words; nothing else.
    const failed: string[] = [];
    for (const [requestId, answer] of answers) {
      if (answer.status === 201) continue;
      expect(answer, requestId).toEqual({
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database cannot be reached just now; try again shortly',
      });
      failed.push(requestId);
    }
    expect(failed.length).toBeGreaterThan(0);

    // Retries with the same request ids, every cashier at once: the failed ones are recorded once (201, or
    // 200 when the sale had committed before its answer was lost), the acknowledged ones replayed.
    await Promise.all(
      world.tokens.map(async (token, cashier) => {
        for (const [requestId, answer] of answers) {
          if (!requestId.startsWith(`k${cashier}-`)) continue;
          const again = await sale(base, token, world.accountIds[cashier] ?? 0, requestId);
          if (answer.status === 201) {
            expect(again, requestId).toEqual({
              status: 200,
              entryId: (answer as { entryId: number }).entryId,
            });
          } else {
            expect([200, 201], requestId).toContain(again.status);
          }
        }
      }),
    );
    for (const [cashier, accountId] of world.accountIds.entries()) {
      const entries = await store.ledger.entries(accountId);
      const sent = [...answers.keys()].filter((id) => id.startsWith(`k${cashier}-`));
      if (cashier === 0) sent.push('probe');
      expect(entries.map((e) => e.requestId).sort()).toEqual(sent.sort());
      expect(await store.ledger.totals(accountId)).toMatchObject({
        entries: sent.length,
        amountFen: sent.length * amountFen,
      });
      expect(await store.ledger.balances.drift(accountId, entries[0]?.meterId ?? 0)).toEqual([]);
    }
    expect(await store.audit.verify()).toMatchObject({ ok: true });

    // Every meter read is stored exactly once, its run recorded whole.
    const answered = [...read].filter(([, status]) => status !== 'unreachable').map(([id]) => id);
    expect(answered.length).toBe(20);
    for (const meterId of answered) {
      expect(
        await store.readings.energyBetween(meterId, 0, Number.MAX_SAFE_INTEGER),
        `meter ${meterId}`,
      ).toHaveLength(1);
      expect(
        await store.readings.instantBetween(meterId, 0, Number.MAX_SAFE_INTEGER),
        `meter ${meterId}`,
      ).toHaveLength(1);
    }
    await until(
      async () => (await store.collection.getRun(result.run.id))?.status === 'finished',
      30_000,
      'the run to be recorded finished',
    );
    expect(await store.collection.getRun(result.run.id)).toMatchObject({
      metersTotal: 20,
      metersComplete: 20,
    });
    expect(log.some((line) => /row\(s\) buffered until the database returns/.test(line))).toBe(true);
    expect(log.some((line) => /the database is back; \d+ buffered row\(s\) stored/.test(line))).toBe(true);

    // LISTEN came back: a notification from another process (psql) arrives.
    const before = woken;
    cluster.psql(`notify ${readingsChannel}`);
    await until(() => woken > before, 10_000, 'the notification');
    await stopListening?.();

    // A clean shutdown (`pg_ctl stop -m fast`: sessions ended by the administrator, SQLSTATE 57P01) is
    // ridden through the same way: the sale is refused in words, and its retry is recorded once.
    cluster.pgStop('fast');
    const [token, accountId] = [world.tokens[1] ?? '', world.accountIds[1] ?? 0];
    expect(await sale(base, token, accountId, 'after-fast')).toMatchObject({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
    });
    cluster.pgStart();
    await until(
      async () => [200, 201].includes((await sale(base, token, accountId, 'after-fast')).status),
      15_000,
      'the sale to be taken after the second restart',
    );
    const entries = await store.ledger.entries(accountId);
    expect(entries.filter((e) => e.requestId === 'after-fast')).toHaveLength(1);

    expect(unhandled).toEqual([]);
  }, 90_000);
});
