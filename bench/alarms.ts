// Alarm benchmark, run by hand: `npm run bench -- alarms`. 10 000 simulated meters on 400 RS-485 buses at
// 9600 baud (the simulator in its own process), entered in a SQLite store, polled for their status words and
// event counters round after round by a real collector with the alarm engine, and the API with a browser's
// server-sent event stream open. After a first round (which only learns the counters), meter covers are opened
// at 100 a second through the simulator's control API; each is seen at its meter's next poll. The figure is the
// time from the head-end holding the meter's reply to the alarm arriving on the stream: p50 and p99. Then the
// notification queue's drain rate.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AlarmEngine, Notifier, WebhookChannel } from '@openami/alarms';
import { Collector, ITEM_GROUPS, type ReadingPlan } from '@openami/headend';
import { buildApp } from '@openami/server';
import { freeBasePort } from '@openami/sim';
import { migrateToLatest, openStore } from '@openami/storage';
import { hashPassword } from '../apps/server/src/auth/passwords.ts';
import { type Figure, machine, printFigures } from './_figures.ts';
import { startSim } from './_headend-field.ts';

const BUSES = Number(process.env.BENCH_BUSES ?? 400);
const METERS_PER_BUS = Number(process.env.BENCH_METERS_PER_BUS ?? 25);
const RATE = Number(process.env.BENCH_ALARMS_PER_SECOND ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BAUD = 9600;

const statusPlan: ReadingPlan = {
  id: 'bench-status',
  name: { zh: '状态', en: 'status' },
  kind: 'read',
  items: ITEM_GROUPS.status,
  targets: {},
  schedule: { kind: 'interval', everyMinutes: 15 },
};

const basePort = await freeBasePort(BUSES);
const sim = await startSim(BUSES, METERS_PER_BUS, BAUD, { basePort });
const dir = mkdtempSync(join(tmpdir(), 'openami-bench-alarms-'));
const store = openStore({ url: join(dir, 'bench.sqlite') });
await migrateToLatest(store.db);
const now = Date.now();
const area = await store.areas.create({ parentId: null, kind: 'community', code: 'B', name: 'bench' }, now);
const type = await store.meterTypes.create(
  {
    code: 'T',
    name: 'meter',
    model: 'M',
    constantImpPerKwh: 1600,
    ratedCurrentMa: 10_000,
    maxCurrentMa: 60_000,
    phases: 1,
    protocol: 'dlt645_2007',
    cardStandard: 'none',
  },
  null,
  now,
);
const typeVersion = await store.meterTypes.currentVersion(type.id);
const byTerminal = new Map<string, typeof sim.meters>();
for (const meter of sim.meters)
  byTerminal.set(meter.terminalId, [...(byTerminal.get(meter.terminalId) ?? []), meter]);
const meterIdOf = new Map<string, number>();
await store.transaction(async (tx) => {
  for (const [terminalId, meters] of byTerminal) {
    const portNos = [...new Set(meters.map((m) => m.portNo))].sort((a, b) => a - b);
    const first = meters.find((m) => m.portNo === 1);
    const terminal = await tx.terminals.create(
      {
        areaId: area.id,
        name: terminalId,
        model: 'DH608',
        mode: 'tcp_server',
        address: `${sim.host}:${first?.tcpPort}`,
      },
      portNos.map((portNo) => ({
        portNo,
        baud: BAUD,
        parity: 'E',
        dataBits: 8,
        stopBits: 1,
        protocol: 'dlt645_2007',
      })),
      now,
    );
    for (const meter of meters) {
      const row = await tx.meters.stockIn(
        {
          factoryNo: `F${meter.address}`,
          commAddress: meter.address,
          meterTypeId: type.id,
          meterTypeVersionId: typeVersion?.id as number,
          state: 'installed',
          startingReadingWh: 0,
          areaId: area.id,
          terminalPortId: terminal.ports.find((p) => p.portNo === meter.portNo)?.id ?? null,
          parentMeterId: null,
          ptPrimary: 1,
          ptSecondary: 1,
          ctPrimary: 1,
          ctSecondary: 1,
          multiplier: 1,
          stockedInAt: now,
        },
        now,
      );
      meterIdOf.set(meter.address, row.id);
    }
  }
});

const alarms = new AlarmEngine(store);
const collector = new Collector(store, { observer: alarms });
await collector.start(false);
const app = await buildApp({
  store,
  config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
  loginRateLimit: 1000,
  field: collector,
  alarms,
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const password = randomBytes(12).toString('base64url');
await store.users.create(
  {
    username: 'bench',
    displayName: '',
    passwordHash: await hashPassword(password),
    role: 'administrator',
    allAreas: true,
    locale: 'en',
  },
  now,
);
const login = await fetch(`${address}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench', password }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;

// When the head-end held each meter's latest reply.
const collectedAt = new Map<string, number>();
collector.subscribeReads((outcome) => {
  if (outcome.collectedAt !== undefined) collectedAt.set(String(outcome.meterId), outcome.collectedAt);
});
const latencies: number[] = [];
const stream = await fetch(`${address}/api/alarms/events`, { headers: { cookie } });
const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
void (async () => {
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const arrived = Date.now();
    buffer += decoder.decode(value, { stream: true });
    for (
      let match = /event: (\w+)\ndata: (.*)\n\n/.exec(buffer);
      match !== null;
      match = /event: (\w+)\ndata: (.*)\n\n/.exec(buffer)
    ) {
      buffer = buffer.slice((match.index ?? 0) + match[0].length);
      if (match[1] !== 'raised') continue;
      const alarm = JSON.parse(match[2] as string) as { kind: string; objectId: string };
      const at = collectedAt.get(alarm.objectId);
      if (alarm.kind === 'cover-open' && at !== undefined) latencies.push(arrived - at);
    }
  }
})();

let polling = true;
let rounds = 0;
const poll = (async () => {
  while (polling) {
    await collector.runPlan(statusPlan);
    rounds++;
  }
})();
process.stdout.write(`alarms: ${sim.meters.length} meters on ${BUSES} buses at ${BAUD} baud, ${machine()}\n`);
const roundStart = Date.now();
while (rounds < 1) await new Promise((resolve) => setTimeout(resolve, 200));
process.stdout.write(`first round (counters learnt) in ${((Date.now() - roundStart) / 1000).toFixed(1)} s\n`);

// Open covers at RATE a second, spread over the field.
const order = [...sim.meters].sort(() => Math.random() - 0.5).slice(0, RATE * SECONDS);
const triggerStart = Date.now();
for (const [i, meter] of order.entries()) {
  const due = triggerStart + (i * 1000) / RATE;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  void fetch(`http://127.0.0.1:${sim.controlPort}/meters/${meter.address}/scenario`, {
    method: 'POST',
    body: JSON.stringify({ kind: 'cover-open' }),
  });
}
const roundsAtEnd = rounds;
while (rounds < roundsAtEnd + 2) await new Promise((resolve) => setTimeout(resolve, 200));
polling = false;
await poll;
await collector.observerSettled();
await new Promise((resolve) => setTimeout(resolve, 500));

latencies.sort((a, b) => a - b);
const quantile = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
process.stdout.write(
  `${order.length} covers opened at ${RATE}/s; ${latencies.length} cover-open alarms on the stream; head-end reply to SSE p50 ${quantile(0.5)} ms, p99 ${quantile(0.99)} ms, max ${latencies.at(-1)} ms\n`,
);
await reader.cancel().catch(() => undefined);
await app.close();
await collector.stop();

// The notification queue: 5 000 messages drained to a local webhook receiver that checks nothing and answers
// at once, so the figure is the outbox's own rate (lease, send, record each attempt).
const receiver = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200).end('ok'));
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
const receiverAddress = receiver.address();
const receiverPort =
  typeof receiverAddress === 'object' && receiverAddress !== null ? receiverAddress.port : 0;
const QUEUED = 5000;
await store.notifications.enqueue(
  Array.from({ length: QUEUED }, (_, i) => ({
    dedupeKey: `bench:${i}`,
    alarmId: null,
    channel: 'webhook',
    recipient: 'staff',
    body: {
      text: { 'zh-CN': `告警 ${i}`, en: `alarm ${i}` },
      alarm: { id: null, kind: 'cover-open', severity: 'critical', objectType: 'meter', objectId: String(i) },
    },
  })),
  Date.now(),
);
const notifier = new Notifier(store, {
  channels: {
    webhook: new WebhookChannel({ url: `http://127.0.0.1:${receiverPort}/`, secret: 'a bench secret 0123' }),
  },
});
const drainStart = performance.now();
await notifier.drain();
const drainSeconds = (performance.now() - drainStart) / 1000;
const delivered = (await store.notifications.counts()).delivered ?? 0;
const drainRate = Math.round(delivered / drainSeconds);
process.stdout.write(
  `notification queue: ${delivered} of ${QUEUED} delivered in ${drainSeconds.toFixed(1)} s (${drainRate}/s)\n`,
);
await new Promise((resolve) => receiver.close(resolve));
await store.close();
sim.child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
const figures: Figure[] = [
  { bench: 'alarms', metric: 'reply_to_sse_p50_ms', value: quantile(0.5), target: '<1000' },
  { bench: 'alarms', metric: 'reply_to_sse_p99_ms', value: quantile(0.99), target: '<1000' },
  { bench: 'alarms', metric: 'notification_queue_drain_per_second', value: drainRate, target: '>=200' },
  {
    bench: 'alarms',
    metric: 'alarms_seen_ratio',
    value: Math.round((1000 * latencies.length) / Math.max(1, order.length)) / 1000,
    target: '1',
  },
];
printFigures(figures);
process.exit(0);
