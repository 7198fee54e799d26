// Ingestion benchmark, run by hand: `npm run bench -- ingest`. Stores a day of hourly readings of 10 000
// meters (energy and instantaneous values, 240 000 meter readings, 480 000 rows) through the head-end's
// store sink: batches, the plausibility check against each meter's previous reading, and the daily and
// monthly roll-ups kept current in the readings' transaction. On SQLite (a file in the temp directory) and,
// when OPENAMI_TEST_POSTGRES_URL is set, on PostgreSQL in a scratch schema dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromLocal } from '@openami/domain';
import { type MeterOutcome, storingSink } from '@openami/headend';
import { type Engine, migrateToLatest, openStore, type Store, StoreSink } from '@openami/storage';
import pg from 'pg';
import { type Figure, machine, printFigures } from './_figures.ts';

const meters = Number(process.env.BENCH_METERS ?? 10_000);
const hours = Number(process.env.BENCH_HOURS ?? 24);
const timeZone = 'Asia/Shanghai';

async function scratch(engine: Engine): Promise<{ store: Store; cleanUp: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'openami-bench-'));
    return {
      store: openStore({ url: join(dir, 'bench.sqlite') }),
      cleanUp: async () => rmSync(dir, { recursive: true }),
    };
  }
  const url = process.env.OPENAMI_TEST_POSTGRES_URL ?? '';
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  return {
    store: openStore({ url, schema }),
    cleanUp: async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

function outcome(meter: number, hour: number): MeterOutcome {
  // About 0.4 kWh an hour, different per meter; registers start anywhere below 50 000 kWh.
  const kWh = ((meter * 7919) % 5_000_000) / 100 + hour * (0.3 + (meter % 20) / 100);
  return {
    meterId: meter,
    status: 'complete',
    readings: [
      { di: 0x00010000, value: Math.round(kWh * 100) / 100 },
      { di: 0x02010100, value: 220 + (meter % 10) / 10 },
      { di: 0x02020100, value: 1.5 },
      { di: 0x02030000, value: 0.33 },
    ],
    failures: [],
    attempts: 1,
    durationMs: 300,
  };
}

async function benchEngine(engine: Engine): Promise<Figure> {
  const { store, cleanUp } = await scratch(engine);
  try {
    await migrateToLatest(store.db);
    const start = fromLocal({ year: 2026, month: 11, day: 30, hour: 20 }, timeZone);
    const sink = new StoreSink(store.readings, { timeZone, capacityW: () => 14_520 });
    const headEnd = storingSink(sink);
    const began = performance.now();
    for (let hour = 0; hour < hours; hour++) {
      const readAt = start + hour * 3_600_000;
      const stored: Promise<unknown>[] = [];
      for (let meter = 1; meter <= meters; meter++)
        stored.push(headEnd.meterDone(outcome(meter, hour), readAt));
      await sink.flush();
      await Promise.all(stored);
    }
    const seconds = (performance.now() - began) / 1000;
    const perSecond = Math.round((meters * hours) / seconds);
    const days = await store.readings.daily(1, '2026-11-30', '2026-12-01');
    const flagged = await store.readings.flagged(undefined, 1);
    process.stdout.write(
      `${engine}: ${meters * hours} meter readings in ${seconds.toFixed(1)} s (${perSecond}/s); meter 1 days ${days.map((d) => `${d.day}=${d.energyWh} Wh`).join(', ')}; flagged ${flagged.length}\n`,
    );
    return {
      bench: 'ingest',
      metric: `meter_readings_per_second_${engine}`,
      value: perSecond,
      target: '>=2000',
    };
  } finally {
    await store.close();
    await cleanUp();
  }
}

process.stdout.write(`ingest: ${meters} meters × ${hours} hourly readings on ${machine()}\n`);
const figures: Figure[] = [await benchEngine('sqlite')];
if (process.env.OPENAMI_TEST_POSTGRES_URL !== undefined) figures.push(await benchEngine('postgres'));
printFigures(figures);
