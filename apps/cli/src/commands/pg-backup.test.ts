// The PostgreSQL backup procedure of docs/operations.md, as written there: pg_dump -Fc, pg_restore into a
// fresh database, then `openami audit verify` (chain, exported heads, balances rebuilt from the ledger,
// ledger against audit) on the restored copy; and a tampered copy is caught.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditKey, migrateToLatest, openStore } from '@openami/storage';
import { makeAccount, postgresUrl, testNow } from '@openami/storage/testing';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run as audit } from './audit.ts';

const secret = 'the audit key of the backup test, 32+ chars';

function capture(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text) };
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(postgresUrl ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

describe.skipIf(postgresUrl === undefined)('PostgreSQL backup: pg_dump, pg_restore, audit verify', () => {
  const tag = randomBytes(5).toString('hex');
  const source = `openami_live_${tag}`;
  const restored = `openami_check_${tag}`;
  const dir = mkdtempSync(join(tmpdir(), 'openami-pgdump-'));
  const heads = join(dir, 'heads');
  const saved = process.env.OPENAMI_AUDIT_KEY;

  beforeAll(async () => {
    process.env.OPENAMI_AUDIT_KEY = secret;
    await admin(`create database ${source}`);
    const store = openStore({ url: databaseUrl(source), auditKey: new AuditKey(secret) });
    try {
      await migrateToLatest(store.db);
      const { account, meter } = await makeAccount(store);
      for (const [n, fen] of [5000, 12_000, 800].entries()) {
        await store.transaction(async (tx) => {
          await tx.ledger.lockAccount(account.id, testNow);
          await tx.ledger.appendInvoicedAudited(
            {
              accountId: account.id,
              meterId: meter.id,
              kind: 'sale',
              amountFen: fen,
              energyWh: fen * 10,
              adjustmentWh: 0,
              purchaseCount: null,
              writeKwh: null,
              refersToId: null,
              tierCycle: null,
              priceTypeVersionId: null,
              tariffVersionId: null,
              requestId: `sale-${n}`,
              requestFingerprint: `sale-${n}`,
              operatorUserId: null,
              operatorName: 'cashier',
              details: {},
              createdAt: testNow,
            },
            (made) => ({
              at: testNow,
              actorUserId: null,
              actorName: 'cashier',
              sourceIp: '127.0.0.1',
              action: 'vending.sale',
              entity: 'account',
              entityId: String(account.id),
              details: { amountFen: fen, entryId: made.id, invoiceNo: made.invoiceNo },
            }),
          );
        });
      }
    } finally {
      await store.close();
    }
    expect(
      await audit(['head', '--out', join(heads, 'h.json'), '--database', databaseUrl(source)], capture()),
    ).toBe(0);
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.OPENAMI_AUDIT_KEY;
    else process.env.OPENAMI_AUDIT_KEY = saved;
    await admin(`drop database if exists ${restored}`);
    await admin(`drop database if exists ${source}`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a dump into a fresh database that verifies, and catches a tampered copy', async () => {
    const dump = join(dir, 'openami.dump');
    execFileSync('/usr/bin/pg_dump', ['-Fc', '--file', dump, databaseUrl(source)]);
    await admin(`create database ${restored}`);
    execFileSync('/usr/bin/pg_restore', [
      '--no-owner',
      '--exit-on-error',
      '--dbname',
      databaseUrl(restored),
      dump,
    ]);

    const verified = capture();
    expect(await audit(['verify', '--heads', heads, '--database', databaseUrl(restored)], verified)).toBe(0);
    expect(verified.lines).toEqual([
      expect.stringMatching(/^audit log intact: \d+ entries$/),
      'exported heads checked: 1',
      'every kept balance matches its ledger; every ledger entry has its audit record',
    ]);

    // Tampered: a kept balance raised, and a ledger entry slipped in without its audit record.
    const copy = openStore({ url: databaseUrl(restored) });
    try {
      await sql`update account_balances set balance_fen = balance_fen + 100000`.execute(copy.db);
      await sql`insert into vending_ledger
          (account_id, meter_id, kind, amount_fen, energy_wh, adjustment_wh, request_id, request_fingerprint,
           operator_name, details, created_at)
        select account_id, meter_id, kind, 99900, 0, 0, 'slipped', 'slipped', 'x', '{}', created_at
        from vending_ledger limit 1`.execute(copy.db);
    } finally {
      await copy.close();
    }
    const tampered = capture();
    expect(await audit(['verify', '--heads', heads, '--database', databaseUrl(restored)], tampered)).toBe(1);
    expect(tampered.lines).toContainEqual(expect.stringMatching(/^account \d+: kept balance balanceFen/));
    expect(tampered.lines).toContainEqual(expect.stringMatching(/^ledger entry \d+: no audit record$/));
  });
});
