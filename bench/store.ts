// Store benchmark, run by hand: `npm run bench -- store` (or `npx tsx bench/store.ts`).
// Imports a 100 000-meter archive through the HTTP API (CSV upload: parse, validate every row, insert in
// one transaction) and times paged, filtered meter searches as a cashier scoped to one region, on SQLite
// (a file in the temp directory) and, when OPENAMI_TEST_POSTGRES_URL is set, on PostgreSQL in a scratch
// schema that is dropped afterwards. The last lines are one JSON object per figure.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type App, buildApp } from '@openami/server';
import { type Engine, migrateToLatest, openStore, type Store } from '@openami/storage';
import pg from 'pg';
import { hashPassword } from '../apps/server/src/auth/passwords.ts';
import { formatCsv } from '../apps/server/src/sheets/csv.ts';
import { writeTable } from '../apps/server/src/sheets/table-file.ts';
import { type Figure, machine, printFigures } from './_figures.ts';

const meterCount = 100_000;
const regions = 10;
const communitiesPerRegion = 20;
const searchRounds = 300;
const password = randomBytes(12).toString('base64url');

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

async function benchEngine(engine: Engine): Promise<Figure[]> {
  const { store, cleanUp } = await scratch(engine);
  try {
    await migrateToLatest(store.db);
    const now = Date.now();
    const regionAreas = [];
    const communityCodes: string[] = [];
    const communityIds: number[] = [];
    for (let r = 0; r < regions; r++) {
      const region = await store.areas.create(
        { parentId: null, kind: 'region', code: `R${r}`, name: `region ${r}` },
        now,
      );
      regionAreas.push(region);
      for (let c = 0; c < communitiesPerRegion; c++) {
        const community = await store.areas.create(
          { parentId: region.id, kind: 'community', code: `R${r}C${c}`, name: `community ${r}-${c}` },
          now,
        );
        communityCodes.push(community.code);
        communityIds.push(community.id);
      }
    }
    await store.meterTypes.create(
      {
        code: 'DDSY666',
        name: 'single-phase prepaid',
        model: 'DDSY666',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      now,
    );
    const passwordHash = await hashPassword(password);
    const admin = await store.users.create(
      {
        username: 'bench-admin',
        displayName: '',
        passwordHash,
        role: 'administrator',
        allAreas: true,
        locale: 'en',
      },
      now,
    );
    const cashier = await store.users.create(
      {
        username: 'bench-cashier',
        displayName: '',
        passwordHash,
        role: 'cashier',
        allAreas: false,
        locale: 'en',
      },
      now,
    );
    const scopedRegion = regionAreas[3];
    if (scopedRegion === undefined) throw new Error('regions were just created');
    await store.users.setAreas(cashier.id, [scopedRegion.id]);

    const app = await buildApp({
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      loginRateLimit: 1000,
    });
    const signIn = async (username: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      const token = response.cookies.find((c) => c.name === 'openami_session')?.value ?? '';
      return {
        cookie: `openami_session=${token}`,
        'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken,
      };
    };
    const adminHeaders = await signIn(admin.username);

    const rows = [['factoryNo', 'commAddress', 'meterTypeCode', 'areaCode', 'startingReadingWh']];
    for (let i = 0; i < meterCount; i++) {
      rows.push([
        `24${String(i).padStart(8, '0')}`,
        String(i + 1).padStart(12, '0'),
        'DDSY666',
        communityCodes[i % communityCodes.length] ?? '',
        String((i * 37) % 5000),
      ]);
    }
    const csv = formatCsv(rows);
    const started = performance.now();
    const imported = await app.inject({
      method: 'POST',
      url: '/api/meters/import?format=csv',
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: csv,
    });
    const importSeconds = (performance.now() - started) / 1000;
    const report = imported.json<{ created?: number }>();
    if (report.created !== meterCount) throw new Error(`import failed: ${imported.body.slice(0, 500)}`);
    console.log(`${engine}: imported ${meterCount} meters in ${importSeconds.toFixed(2)} s`);

    const cashierHeaders = await signIn(cashier.username);
    const regionCommunities = communityIds.slice(3 * communitiesPerRegion, 4 * communitiesPerRegion);
    const random = (n: number) => Math.floor(Math.random() * n);
    const queries = [
      () =>
        `/api/meters?areaId=${regionCommunities[random(regionCommunities.length)]}&state=in_stock&sort=factoryNo&limit=50&offset=${random(8) * 50}`,
      () => `/api/meters?factoryNo=24${String(random(meterCount)).padStart(8, '0').slice(0, 6)}&limit=50`,
      () => `/api/meters?sort=stockedInAt&direction=desc&limit=50&offset=${random(40) * 50}`,
      () =>
        `/api/meters?commAddress=${String(random(meterCount) + 1)
          .padStart(12, '0')
          .slice(0, 9)}&limit=20`,
    ];
    const timings: number[] = [];
    const byKind: number[][] = queries.map(() => []);
    for (let round = 0; round < searchRounds + 20; round++) {
      const kind = round % queries.length;
      const url = queries[kind]?.() ?? '/api/meters';
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: cashierHeaders });
      const elapsed = performance.now() - t0;
      if (response.statusCode !== 200) throw new Error(`search failed: ${url} ${response.body}`);
      if (round >= 20) {
        timings.push(elapsed);
        byKind[kind]?.push(elapsed);
      }
    }
    byKind.forEach((kindTimings, kind) => {
      kindTimings.sort((a, b) => a - b);
      const kindP95 = kindTimings[Math.floor(kindTimings.length * 0.95)] ?? Number.NaN;
      console.log(
        `${engine}:   query ${kind + 1} (${queries[kind]?.().split('?')[1]}): p95 ${kindP95.toFixed(2)} ms`,
      );
    });
    timings.sort((a, b) => a - b);
    const p95 = timings[Math.floor(timings.length * 0.95)] ?? Number.NaN;
    const p50 = timings[Math.floor(timings.length * 0.5)] ?? Number.NaN;
    console.log(
      `${engine}: search p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over ${timings.length} requests`,
    );
    const figures: Figure[] = [
      {
        bench: 'store',
        metric: `import_100k_meters_${engine}_s`,
        value: round2(importSeconds),
        target: '<30',
      },
      { bench: 'store', metric: `meter_search_p95_${engine}_ms`, value: round2(p95), target: '<20' },
    ];
    if (engine === 'sqlite') figures.push(await xlsxImport(app, adminHeaders, rows));
    await app.close();
    return figures;
  } finally {
    await store.close();
    await cleanUp();
  }
}

/** The same archive as an .xlsx workbook, with new factory numbers: what parsing Excel adds to an import. */
async function xlsxImport(app: App, headers: Record<string, string>, rows: string[][]): Promise<Figure> {
  const xlsx = await writeTable(
    'xlsx',
    rows.map((row, i) => (i === 0 ? row : [`25${row[0]?.slice(2) ?? ''}`, ...row.slice(1)])),
    'meters',
  );
  const started = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: '/api/meters/import?format=xlsx',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: xlsx,
  });
  const seconds = (performance.now() - started) / 1000;
  if (response.json<{ created?: number }>().created !== meterCount) {
    throw new Error(`xlsx import failed: ${response.body.slice(0, 300)}`);
  }
  console.log(
    `sqlite: imported ${meterCount} meters from .xlsx (${(xlsx.length / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s`,
  );
  return {
    bench: 'store',
    metric: 'import_100k_meters_xlsx_sqlite_s',
    value: round2(seconds),
    target: '<30',
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const engines: Engine[] =
  process.env.OPENAMI_TEST_POSTGRES_URL === undefined ? ['sqlite'] : ['sqlite', 'postgres'];
if (!engines.includes('postgres'))
  console.log('OPENAMI_TEST_POSTGRES_URL is not set: PostgreSQL figures skipped');
console.log(`machine: ${machine()}`);
const figures: Figure[] = [];
for (const engine of engines) figures.push(...(await benchEngine(engine)));
printFigures(figures);
