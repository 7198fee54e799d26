// Killing the API with SIGKILL in the middle of sales under load loses no sale it acknowledged, and retrying
// every request afterwards records each exactly once (issue 6, "Tests and figures"), on both engines.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { migrateToLatest, openStore } from '@openami/storage';
import { createTestSchema, postgresUrl } from '@openami/storage/testing';
import { describe, expect, it } from 'vitest';
import { seedVendingWorld } from '../test/vending-world.ts';

const clients = 8;
const killAfterAcknowledged = 40;
const amountFen = 1234;

function startChild(url: string, schema?: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', 'apps/server/test/api-child.ts', url];
    if (schema !== undefined) args.push(schema);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
      if (line.startsWith('listening ')) resolve({ child, base: line.slice('listening '.length) });
    });
    child.on('exit', (code) => reject(new Error(`the API exited (${code}) before listening`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

type Outcome = { readonly status: number; readonly entryId: number } | { readonly status: 'lost' };

function sale(base: string, token: string, accountId: number, requestId: string): Promise<Outcome> {
  return fetch(`${base}/api/vending/accounts/${accountId}/sales`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ requestId, by: 'money', amountFen }),
  }).then(
    async (response) => ({
      status: response.status,
      entryId: ((await response.json()) as { id: number }).id,
    }),
    () => ({ status: 'lost' as const }),
  );
}

async function crashAndRetry(url: string, schema?: string): Promise<void> {
  const store = openStore({ url, ...(schema === undefined ? {} : { schema }) });
  try {
    await migrateToLatest(store.db);
    const world = await seedVendingWorld(store, { cashiers: 1, prepaidMode: 'remote' });
    const accountId = world.accountIds[0] ?? 0;
    const token = world.tokens[0] ?? '';
    const first = await startChild(url, schema);
    const acknowledged = new Map<string, number>();
    const attempted = new Set<string>();
    let killed = false;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let i = 0; !killed; i += 1) {
          const requestId = `c${client}-${i}`;
          attempted.add(requestId);
          const outcome = await sale(first.base, token, accountId, requestId);
          if (outcome.status === 'lost') return;
          expect(outcome.status).toBe(201);
          acknowledged.set(requestId, outcome.entryId);
          if (acknowledged.size >= killAfterAcknowledged && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    await exited(first.child);

    // Every acknowledged sale survived the kill.
    const afterKill = await store.ledger.entries(accountId);
    const byRequest = new Map(afterKill.map((e) => [e.requestId, e.id]));
    for (const [requestId, entryId] of acknowledged)
      expect(byRequest.get(requestId), requestId).toBe(entryId);

    // The cashiers retry everything they sent; each request is recorded exactly once.
    const second = await startChild(url, schema);
    try {
      for (const requestId of attempted) {
        const outcome = await sale(second.base, token, accountId, requestId);
        expect(outcome.status === 200 || outcome.status === 201, requestId).toBe(true);
        if (outcome.status !== 'lost' && acknowledged.has(requestId)) {
          expect(outcome).toEqual({ status: 200, entryId: acknowledged.get(requestId) });
        }
      }
    } finally {
      second.child.kill('SIGKILL');
    }
    const entries = await store.ledger.entries(accountId);
    expect(entries.map((e) => e.requestId).sort()).toEqual([...attempted].sort());
    expect(await store.ledger.totals(accountId)).toMatchObject({
      entries: attempted.size,
      amountFen: attempted.size * amountFen,
    });
    expect(await store.audit.verify()).toMatchObject({ ok: true });
    // The account's running summary lands with its entries or not at all.
    const meterId = entries[0]?.meterId ?? 0;
    expect(await store.ledger.balances.drift(accountId, meterId)).toEqual([]);
  } finally {
    await store.close();
  }
}

describe('the API killed with SIGKILL in the middle of sales', () => {
  it('keeps every acknowledged sale and records each retried one once [sqlite]', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'openami-vending-crash-')), 'openami.sqlite');
    await crashAndRetry(path);
  }, 120_000);

  it.skipIf(postgresUrl === undefined)(
    'keeps every acknowledged sale and records each retried one once [postgres]',
    async () => {
      const { url, schema, drop } = await createTestSchema();
      try {
        await crashAndRetry(url, schema);
      } finally {
        await drop();
      }
    },
    120_000,
  );
});
