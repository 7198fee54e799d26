// The outbox under a restart: 200 alarm notifications, a worker process killed (SIGKILL) in the middle of
// the burst (messages sent whose answers it never recorded), and a second worker that takes over once their
// leases run out. The local webhook receiver checks every signature as documented and takes each delivery id once:
// every message arrives exactly once, and the store says each was delivered.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notifier, WebhookChannel, webhookSignature } from './notifier.ts';

const SECRET = 'a shared secret of the site';

describe('notifications', () => {
  let store: Store;
  let databasePath: string;
  let server: Server;
  let url: string;
  const taken = new Set<string>();
  let posts = 0;
  let badSignatures = 0;

  beforeAll(async () => {
    databasePath = join(mkdtempSync(join(tmpdir(), 'openami-notify-')), 'db.sqlite');
    store = openStore({ url: databasePath });
    await migrateToLatest(store.db);
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        posts++;
        // As the receiver's documentation would say: t and v1 from the header, HMAC-SHA256 of "t.body".
        const header = String(request.headers['x-openami-signature'] ?? '');
        const t = Number(/t=(\d+)/.exec(header)?.[1]);
        const v1 = /v1=([0-9a-f]{64})/.exec(header)?.[1];
        if (v1 === undefined || webhookSignature(SECRET, t, body) !== v1) {
          badSignatures++;
          response.writeHead(401).end('bad signature');
          return;
        }
        taken.add(String(request.headers['x-openami-delivery']));
        // A slow receiver, so that the first worker is stopped with messages in flight.
        setTimeout(() => response.writeHead(200).end('ok'), 20);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    url = `http://127.0.0.1:${address.port}/hook`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  it('delivers every message exactly once across a worker killed mid-burst', async () => {
    const queued = await store.notifications.enqueue(
      Array.from({ length: 200 }, (_, i) => ({
        dedupeKey: `burst:${i}`,
        alarmId: null,
        channel: 'webhook',
        recipient: 'staff',
        body: {
          text: { 'zh-CN': `告警 ${i}`, en: `alarm ${i}` },
          alarm: {
            id: null,
            kind: 'cover-open',
            severity: 'critical',
            objectType: 'meter',
            objectId: String(i),
          },
        },
      })),
      Date.now(),
    );
    expect(queued).toBe(200);
    // Queuing the same messages again (an alarm engine that restarted) adds nothing.
    expect(
      await store.notifications.enqueue(
        [{ dedupeKey: 'burst:0', alarmId: null, channel: 'webhook', recipient: 'staff', body: {} }],
        Date.now(),
      ),
    ).toBe(0);

    const channels = { webhook: new WebhookChannel({ url, secret: SECRET }) };
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'packages/alarms/test/notifier-child.ts', databasePath, url, SECRET],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', () => resolve());
    });
    while (taken.size < 60) await new Promise((resolve) => setTimeout(resolve, 5));
    // The first worker dies: what it had in hand stays leased, unrecorded, until the lease ends.
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const deliveredAtKill = (await store.notifications.counts()).delivered ?? 0;
    expect(deliveredAtKill).toBeLessThan(200);
    const second = new Notifier(store, { channels, leaseMs: 500, pollMs: 10 });
    second.start();
    for (let i = 0; i < 400; i++) {
      const counts = await store.notifications.counts();
      if (counts.delivered === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await second.stop();
    expect(await store.notifications.counts()).toEqual({ delivered: 200 });
    expect(taken.size).toBe(200);
    expect(badSignatures).toBe(0);
    expect(posts).toBeGreaterThanOrEqual(200);
    const one = await store.notifications.get(1);
    expect(await store.notifications.attempts(one?.id as number)).toEqual([
      expect.objectContaining({ ok: 1, answer: '200 ok' }),
    ]);
  });

  it('retries a failing receiver with backoff and records each answer', async () => {
    const failing = createServer((_, response) => response.writeHead(503).end('busy'));
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', () => resolve()));
    const address = failing.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    let clock = Date.now();
    await store.notifications.enqueue(
      [
        {
          dedupeKey: 'retry:1',
          alarmId: null,
          channel: 'webhook',
          recipient: 'staff',
          body: { text: { 'zh-CN': 'x', en: 'x' }, alarm: {} },
        },
      ],
      clock,
    );
    const notifier = new Notifier(store, {
      channels: { webhook: new WebhookChannel({ url: `http://127.0.0.1:${address.port}/`, secret: SECRET }) },
      now: () => clock,
      maxAttempts: 3,
    });
    for (let i = 0; i < 3; i++) {
      await notifier.drain();
      clock += 60_000;
    }
    await new Promise((resolve) => failing.close(resolve));
    const row = (await store.notifications.counts()).failed;
    expect(row).toBe(1);
    const [failed] = await store.db
      .selectFrom('notifications')
      .selectAll()
      .where('dedupeKey', '=', 'retry:1')
      .execute();
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, lastError: '503 busy' });
  });
});
