import { readFileSync } from 'node:fs';
import type { MeterOutcome } from '@openami/headend/api';
import { type CollectionRunRow, migrateToLatest, openStore } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeField } from '../../test/fake-field.ts';
import { appFor, harnessNow } from '../../test/harness.ts';
import { cardImage, vendingApi } from '../../test/vending-api.ts';
import { type App, buildApp } from '../app.ts';
import { countField, escapeLabelValue, Histogram, Metrics } from '../http/metrics.ts';

/** One sample of the text exposition: `name{label="value",…} number`. */
interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\[\\"n])*)"/y;

/** A small parser of Prometheus's text format: every line a comment, or a sample; anything else throws. */
function parseExposition(text: string): Sample[] {
  expect(text.endsWith('\n')).toBe(true);
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('#')) {
      expect(line).toMatch(
        /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram))$/,
      );
      continue;
    }
    const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
    if (head === null) throw new Error(`not a sample: ${line}`);
    const name = head[1] ?? '';
    let at = name.length;
    const labels: Record<string, string> = {};
    if (line[at] === '{') {
      at += 1;
      while (line[at] !== '}') {
        labelPattern.lastIndex = at;
        const label = labelPattern.exec(line);
        if (label === null) throw new Error(`bad labels: ${line}`);
        labels[label[1] ?? ''] = (label[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
        at = labelPattern.lastIndex;
        if (line[at] === ',') at += 1;
        else if (line[at] !== '}') throw new Error(`bad labels: ${line}`);
      }
      at += 1;
    }
    const value = line.slice(at);
    if (!/^ (-?\d+(\.\d+)?(e[-+]?\d+)?|NaN|[+-]Inf)$/.test(value)) throw new Error(`bad value: ${line}`);
    samples.push({ name, labels, value: Number(value.trim().replace('Inf', 'Infinity')) });
  }
  return samples;
}

const sampleSum = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

/** A field whose reads the test announces, as the collector does once it has stored them. */
class AnnouncingField extends FakeField {
  private readonly listeners = new Set<(outcome: MeterOutcome) => void>();

  override subscribeReads(listener: (outcome: MeterOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(outcome: MeterOutcome): void {
    for (const listener of this.listeners) listener(outcome);
  }

  /** As a collector whose database is down: rows kept in memory and on disk, some lost to a full spool. */
  readingBuffer() {
    return { bufferedRows: 30, spilledRows: 20, droppedRows: 4 };
  }
}

describe('the text exposition', () => {
  it('escapes label values and writes cumulative le buckets', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const histogram = new Histogram('h_seconds', 'help', [0.1, 1]);
    histogram.observe({ route: 'say "hi"\n' }, 0.5);
    histogram.observe({ route: 'say "hi"\n' }, 0.05);
    const samples = parseExposition(`${histogram.lines().join('\n')}\n`);
    expect(samples.map((s) => [s.name, s.labels.le, s.value])).toEqual([
      ['h_seconds_bucket', '0.1', 1],
      ['h_seconds_bucket', '1', 2],
      ['h_seconds_bucket', '+Inf', 2],
      ['h_seconds_sum', undefined, 0.55],
      ['h_seconds_count', undefined, 2],
    ]);
    expect(samples[0]?.labels.route).toBe('say "hi"\n');
  });
});

describe('the Grafana dashboard in docs/', () => {
  it('queries only metrics this process exposes', async () => {
    const dashboard = readFileSync(new URL('../../../../docs/grafana-openami.json', import.meta.url), 'utf8');
    const asked = new Set(dashboard.match(/openami_[a-z_]+/g) ?? []);
    const exposition = await new Metrics().exposition();
    const families = [...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
      type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
    );
    expect([...asked].filter((name) => !families.includes(name))).toEqual([]);
    expect(asked.size).toBeGreaterThan(5);
  });
});

describeEachEngine('health and metrics', (context) => {
  let app: App;

  beforeAll(async () => {
    app = await appFor(context.store);
  });
  afterAll(() => app.close());

  it('/healthz answers 200 while the process runs', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('ok\n');
  });

  it('/readyz answers 200 on a migrated store', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toBe('ready\n');
  });

  it('/metrics answers loopback without a token, and no one else', async () => {
    const local = await app.inject({ method: 'GET', url: '/metrics' });
    expect(local.statusCode, local.body).toBe(200);
    expect(local.headers['content-type']).toContain('text/plain; version=0.0.4');
    const remote = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(remote.statusCode).toBe(401);
    expect(remote.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('/metrics with a token set asks every caller for it, loopback too', async () => {
    const token = 'a-scrape-token-of-some-length';
    const guarded = await buildApp({
      store: context.store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      metricsToken: token,
      checkResponses: true,
    });
    try {
      const url = '/metrics';
      const remoteAddress = '203.0.113.7';
      expect((await guarded.inject({ method: 'GET', url, remoteAddress })).statusCode).toBe(401);
      expect((await guarded.inject({ method: 'GET', url })).statusCode).toBe(401);
      const wrong = { authorization: 'Bearer not-the-token-at-all-no' };
      expect((await guarded.inject({ method: 'GET', url, remoteAddress, headers: wrong })).statusCode).toBe(
        401,
      );
      const right = { authorization: `Bearer ${token}` };
      const served = await guarded.inject({ method: 'GET', url, remoteAddress, headers: right });
      expect(served.statusCode, served.body).toBe(200);
      parseExposition(served.body);
    } finally {
      await guarded.close();
    }
  });

  it('counts a sale and its money, a meter read, and the HTTP answers by route', async () => {
    const api = await vendingApi(context.store, 'm');
    const field = new AnnouncingField(context.store, () => harnessNow);
    const reading = await appFor(context.store, () => harnessNow, field);
    try {
      const account = await api.openAccount();
      const sale = await api.call(api.cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 'metrics-sale-1',
        by: 'energy',
        energyWh: 120_000,
        card: cardImage({ kind: 'blank' }),
      });
      expect(sale.statusCode, sale.body).toBe(201);
      const { amountFen } = sale.json<{ amountFen: number }>();
      expect(amountFen).toBeGreaterThan(0);
      // The same request again is the first answer, not a second sale.
      const replay = await api.call(api.cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 'metrics-sale-1',
        by: 'energy',
        energyWh: 120_000,
        card: cardImage({ kind: 'blank' }),
      });
      expect(replay.statusCode, replay.body).toBe(200);
      const sold = parseExposition((await api.app.inject({ method: 'GET', url: '/metrics' })).body);
      expect(sampleSum(sold, 'openami_sales_total')).toBe(1);
      expect(sampleSum(sold, 'openami_sales_amount_fen_total')).toBe(amountFen);
      const route = '/api/vending/accounts/:id/sales';
      expect(
        sampleSum(sold, 'openami_http_request_duration_seconds_count', {
          route,
          method: 'POST',
          status: '201',
        }),
      ).toBe(1);
      expect(
        sampleSum(sold, 'openami_http_request_duration_seconds_bucket', { route, status: '200', le: '+Inf' }),
      ).toBe(1);
      expect(sampleSum(sold, 'openami_store_up')).toBe(1);
      if (context.store.engine === 'postgres') {
        expect(sampleSum(sold, 'openami_database_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      }

      const read = { meterId: account.meterId, readings: [], failures: [], attempts: 1, durationMs: 5 };
      field.announce({ ...read, status: 'complete' });
      field.announce({ ...read, status: 'unreachable' });
      const after = parseExposition((await reading.inject({ method: 'GET', url: '/metrics' })).body);
      expect(sampleSum(after, 'openami_meter_reads_total', { status: 'complete' })).toBe(1);
      expect(sampleSum(after, 'openami_meter_reads_total', { status: 'unreachable' })).toBe(1);
      expect(sampleSum(after, 'openami_readings_buffered', { where: 'memory' })).toBe(10);
      expect(sampleSum(after, 'openami_readings_buffered', { where: 'disk' })).toBe(20);
      expect(sampleSum(after, 'openami_readings_dropped')).toBe(4);
      // A command through the counted gateway: its kind and how it ended.
      const metrics = new Metrics();
      const counted = countField(field, metrics);
      const actor = { userId: api.admin.userId, name: api.admin.username, sourceIp: '127.0.0.1' };
      const request = { kind: 'relay', action: 'trip', requestId: 'metrics-cmd-1' } as const;
      await counted.field.command(account.meterId, request, actor);
      counted.stop();
      const commands = parseExposition(await metrics.exposition());
      expect(sampleSum(commands, 'openami_meter_commands_total', { kind: 'relay-trip' })).toBe(1);
      // Outbox depth: a gauge per state the store holds, present (maybe none) on every scrape.
      expect(after.some((s) => s.name.startsWith('openami_'))).toBe(true);
    } finally {
      await reading.close();
      await api.app.close();
    }
  });
});

/** A field with buses in use and runs the test announces once recorded, as the collector does. */
class BusyField extends FakeField {
  private readonly runListeners = new Set<(run: CollectionRunRow) => void>();

  override subscribeRuns(listener: (run: CollectionRunRow) => void): () => void {
    this.runListeners.add(listener);
    return () => this.runListeners.delete(listener);
  }

  announceRun(run: CollectionRunRow): void {
    for (const listener of this.runListeners) listener(run);
  }

  busUsage() {
    return [
      { terminalId: 7, portNo: 1, busyMs: 42_500, exchanges: 300, queued: 2 },
      { terminalId: 7, portNo: 2, busyMs: 0, exchanges: 0, queued: 0 },
    ];
  }
}

describeEachEngine('collection per terminal and bus utilisation', (context) => {
  it('counts a run’s meters per terminal and exposes each bus’s busy seconds and queue', async () => {
    const field = new BusyField(context.store, () => harnessNow);
    const app = await appFor(context.store, () => harnessNow, field);
    try {
      const run = await context.store.collection.startRun({
        planId: 'hourly-energy',
        kind: 'read',
        trigger: 'schedule',
        requestedBy: null,
        areaId: null,
        startedAt: harnessNow,
      });
      const row = (meterId: number, terminalId: number, status: string) => ({
        runId: run.id,
        meterId,
        terminalId,
        portNo: 1,
        status,
        reason: null,
        attempts: 1,
        durationMs: 10,
        clockOffsetMs: null,
      });
      await context.store.collection.recordMeters([
        row(1, 7, 'complete'),
        row(2, 7, 'partial'),
        row(3, 7, 'unreachable'),
        row(4, 8, 'complete'),
      ]);
      const ended = await context.store.collection.finishRun(run.id, harnessNow, 'finished', null);
      if (ended === undefined) throw new Error('the run ended');
      field.announceRun(ended);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const samples = parseExposition((await app.inject({ method: 'GET', url: '/metrics' })).body);
      const perTerminal = (terminal: string, outcome: string) =>
        sampleSum(samples, 'openami_collection_terminal_meters_total', { terminal, outcome });
      expect([perTerminal('7', 'read'), perTerminal('7', 'failed')]).toEqual([2, 1]);
      expect([perTerminal('8', 'read'), perTerminal('8', 'failed')]).toEqual([1, 0]);
      expect(sampleSum(samples, 'openami_bus_busy_seconds_total', { terminal: '7', port: '1' })).toBe(42.5);
      expect(sampleSum(samples, 'openami_bus_exchanges_total', { terminal: '7', port: '1' })).toBe(300);
      expect(sampleSum(samples, 'openami_bus_queued_exchanges', { terminal: '7', port: '1' })).toBe(2);
      expect(sampleSum(samples, 'openami_bus_busy_seconds_total', { terminal: '7', port: '2' })).toBe(0);
      // No series names a meter.
      expect(samples.some((s) => 'meter' in s.labels || 'meterId' in s.labels)).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('/readyz on a store that is not ready', () => {
  const config = { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false as const };

  it('answers 503 in words when the store is closed', async () => {
    const store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const app = await buildApp({ store, config, checkResponses: true });
    try {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await store.close();
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toMatch(/^not ready: the store does not answer/);
    } finally {
      await app.close();
    }
  });

  it('answers 503 when migrations are pending', async () => {
    const store = openStore({ url: ':memory:' });
    const app = await buildApp({ store, config, checkResponses: true });
    try {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toMatch(/^not ready: \d+ schema migration\(s\) pending/);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
