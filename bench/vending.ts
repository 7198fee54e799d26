// Vending benchmark, run by hand: `npm run bench -- vending` (or `npx tsx bench/vending.ts`).
// Issue 6's figure: card sales per second through the HTTP API with 50 concurrent cashiers, and their p99
// latency, on SQLite (a file in the temp directory) and, when OPENAMI_TEST_POSTGRES_URL is set, on
// PostgreSQL in a scratch schema. The API runs in a process of its own (apps/server/test/api-child.ts); each
// cashier sells by money to an account of its own, sending back the card of its last sale as loaded, so
// every sale goes through the tariff, every card rule, the ledger, the invoice counter and the audit log.
// Two phases: flat out (each cashier sends its next sale as soon as the last is answered), which gives the
// throughput; then paced at 5 sales/s per cashier (250/s), which gives the latency a cashier sees. Flat out,
// 50 waiting cashiers make latency 50 / throughput by Little's law (100 ms at 500/s), so the p99 < 50 ms
// target can only be read at a load below saturation. The last lines are one JSON object per figure.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { type Engine, migrateToLatest, openStore } from '@openami/storage';
import pg from 'pg';
import { seedVendingWorld } from '../apps/server/test/vending-world.ts';
import { type Figure, machine, printFigures } from './_figures.ts';

const cashiers = 50;
const warmUpMs = 2_000;
const measureMs = 10_000;
const pacedIntervalMs = 200;

function startApi(url: string, schema?: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    // OPENAMI_BENCH_CPU_PROF=<dir> writes a CPU profile of the API process there (open it in Chrome DevTools).
    const profileDir = process.env.OPENAMI_BENCH_CPU_PROF;
    const args = [
      ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]),
      '--import',
      'tsx',
      'apps/server/test/api-child.ts',
      url,
      ...(schema === undefined ? [] : [schema]),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
      if (line.startsWith('listening ')) resolve({ child, base: line.slice('listening '.length) });
    });
    child.on('exit', (code) => reject(new Error(`the API exited (${code})`)));
  });
}

interface SaleReply {
  readonly details: { readonly card: Record<string, unknown> };
}

async function benchEngine(engine: Engine): Promise<Figure[]> {
  let url: string;
  let schema: string | undefined;
  let cleanUp: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'openami-bench-vending-'));
    url = join(dir, 'bench.sqlite');
    cleanUp = async () => rmSync(dir, { recursive: true });
  } else {
    url = process.env.OPENAMI_TEST_POSTGRES_URL ?? '';
    const scratch = `bench_${Date.now().toString(36)}`;
    schema = scratch;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${scratch}`);
    cleanUp = async () => {
      await admin.query(`drop schema ${scratch} cascade`);
      await admin.end();
    };
  }
  const store = openStore({ url, ...(schema === undefined ? {} : { schema }) });
  await migrateToLatest(store.db);
  const { child, base } = await startApi(url, schema);
  const world = await seedVendingWorld(store, { cashiers, prepaidMode: 'card' });
  const cards: Record<string, unknown>[] = world.accountIds.map((_, c) => ({
    format: 'openami-card/1',
    cardId: `B${c}`,
    wrongPasswordAttempts: 0,
    data: { kind: 'blank' },
  }));
  let failures = 0;
  let sequence = 0;
  /** Runs every cashier for warm-up + measure; returns the latencies measured after the warm-up. */
  async function phase(pacing: number | undefined): Promise<number[]> {
    const latencies: number[] = [];
    const start = performance.now();
    const measureFrom = start + warmUpMs;
    const stopAt = measureFrom + measureMs;
    await Promise.all(
      world.accountIds.map(async (accountId, c) => {
        let next = start + (pacing === undefined ? 0 : Math.random() * pacing);
        while (performance.now() < stopAt) {
          if (pacing !== undefined) {
            const wait = next - performance.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
            next += pacing;
          }
          sequence += 1;
          const requestId = `s${sequence}`;
          const sent = performance.now();
          const response = await fetch(`${base}/api/vending/accounts/${accountId}/sales`, {
            method: 'POST',
            headers: { authorization: `Bearer ${world.tokens[c]}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              requestId,
              by: 'money',
              amountFen: 5283,
              card: cards[c],
            }),
          });
          const body = (await response.json()) as SaleReply;
          if (response.status !== 201) {
            failures += 1;
            continue;
          }
          if (sent >= measureFrom && sent < stopAt) latencies.push(performance.now() - sent);
          // The customer inserts the card; the meter marks it loaded and writes back its own data, which must
          // show the purchase (a sale believes "loaded" only then).
          const sold = body.details.card;
          const meterData = {
            remainingKwh: 0,
            totalKwh: 0,
            purchaseCount: sold.purchaseCount,
            statusWord: 0,
          };
          cards[c] = { ...cards[c], data: { ...sold, loaded: true, meterData } };
        }
      }),
    );
    return latencies.sort((a, b) => a - b);
  }
  let flatOut: number[];
  let paced: number[];
  try {
    flatOut = await phase(undefined);
    paced = await phase(pacedIntervalMs);
  } finally {
    child.kill('SIGTERM');
    await store.close();
    await cleanUp();
  }
  const perSecond = Math.round(flatOut.length / (measureMs / 1000));
  const percentile = (values: number[], p: number) =>
    Number((values[Math.floor(values.length * p)] ?? 0).toFixed(1));
  const pacedRate = Math.round(paced.length / (measureMs / 1000));
  process.stdout.write(
    `${engine}: flat out ${perSecond} sales/s with ${cashiers} cashiers (p50 ${percentile(flatOut, 0.5)} ms); ` +
      `paced at ${pacedRate}/s: p50 ${percentile(paced, 0.5)} ms, p99 ${percentile(paced, 0.99)} ms; ${failures} refused\n`,
  );
  const sqlite = engine === 'sqlite';
  return [
    {
      bench: 'vending',
      metric: `${engine} card sales per second, ${cashiers} cashiers flat out`,
      value: perSecond,
      target: sqlite ? '>= 500' : '',
    },
    {
      bench: 'vending',
      metric: `${engine} sale p99 ms, ${cashiers} cashiers at ${pacedRate}/s`,
      value: percentile(paced, 0.99),
      target: sqlite ? '< 50' : '',
    },
  ];
}

process.stdout.write(`vending benchmark on ${machine()}\n`);
const figures = await benchEngine('sqlite');
if (process.env.OPENAMI_TEST_POSTGRES_URL !== undefined) figures.push(...(await benchEngine('postgres')));
printFigures(figures);
