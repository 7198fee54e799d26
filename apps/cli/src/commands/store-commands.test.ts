import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@openami/storage';
import { makeAccount } from '@openami/storage/testing';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run as audit } from './audit.ts';
import { run as ledger } from './ledger.ts';
import { run as migrate } from './migrate.ts';
import { run as user } from './user.ts';

function capture(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text) };
}

describe('openami migrate, user add, audit verify (SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openami-cli-'));
  const database = join(dir, 'openami.sqlite');
  afterAll(() => rmSync(dir, { recursive: true }));

  it('migrates a new database, then reports it current', async () => {
    const io = capture();
    expect(await migrate(['--database', database], io)).toBe(0);
    expect(io.lines.filter((l) => l.startsWith('applied')).length).toBeGreaterThan(5);
    const again = capture();
    expect(await migrate(['--database', database, '--status'], again)).toBe(0);
    expect(again.lines.join('\n')).toMatch(/schema is current/);
  });

  it('creates the first administrator with a generated password, never a default one', async () => {
    const io = capture();
    expect(
      await user(
        [
          'add',
          '--username',
          'admin',
          '--role',
          'administrator',
          '--generate-password',
          '--database',
          database,
        ],
        io,
      ),
    ).toBe(0);
    expect(io.lines[0]).toMatch(/created administrator admin .*every area/);
    expect(io.lines[1]).toMatch(/^password: \S{16,}$/);
    const missing = capture();
    expect(
      await user(
        ['add', '--username', 'x', '--role', 'cashier', '--generate-password', '--database', database],
        missing,
      ),
    ).toBe(2);
    const twice = capture();
    expect(
      await user(
        [
          'add',
          '--username',
          'admin',
          '--role',
          'administrator',
          '--generate-password',
          '--database',
          database,
        ],
        twice,
      ),
    ).toBe(1);
  });

  it('verifies the audit chain, and names the first entry changed behind its back', async () => {
    const ok = capture();
    expect(await audit(['verify', '--database', database], ok)).toBe(0);
    expect(ok.lines[0]).toBe('audit log intact: 1 entries');
    const store = openStore({ url: database });
    await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`update audit_log set source_ip = '10.6.6.6' where id = 1`.execute(store.db);
    await store.close();
    const broken = capture();
    expect(await audit(['verify', '--database', database], broken)).toBe(1);
    expect(broken.lines[0]).toMatch(/^audit log BROKEN at entry 1: content does not match its hash/);
  });

  it('checks the kept balances against the ledger, and rebuilds one changed by hand', async () => {
    const store = openStore({ url: database });
    const now = Date.now();
    const { account, meter } = await makeAccount(store, {
      prepaidMode: 'remote',
      alarmEnergyWh: 0,
      unitPriceMilliFenPerKwh: 48_830,
      at: now,
    });
    await store.transaction(async (tx) => {
      await tx.ledger.lockAccount(account.id, now);
      await tx.ledger.append({
        accountId: account.id,
        meterId: meter.id,
        kind: 'sale',
        amountFen: 204_319,
        energyWh: 0,
        adjustmentWh: 0,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: null,
        tariffVersionId: null,
        requestId: 'top-up',
        requestFingerprint: 'top-up',
        invoiceNo: null,
        operatorUserId: null,
        operatorName: 'cashier',
        details: {},
        createdAt: now,
      });
    });
    const ok = capture();
    expect(await ledger(['check', '--database', database], ok)).toBe(0);
    expect(ok.lines).toEqual(['every kept balance matches its ledger']);

    await sql`update account_balances set balance_fen = balance_fen + 10000000`.execute(store.db);
    const drifted = capture();
    expect(await ledger(['check', '--database', database], drifted)).toBe(1);
    expect(drifted.lines).toContain(
      `account ${account.accountNo} (id ${account.id}) differs from its ledger:`,
    );
    expect(drifted.lines).toContain('  balanceFen: entries say 204319, summary says 10204319');
    const alarms = (await store.alarms.openAlarms()).filter((a) => a.kind === 'ledger-drift');
    expect(alarms.map((a) => a.objectId)).toEqual([String(meter.id)]);

    const rebuilt = capture();
    expect(await ledger(['rebuild', '--account', String(account.id), '--database', database], rebuilt)).toBe(
      0,
    );
    expect(rebuilt.lines).toEqual([
      `rebuilt account ${account.id} from its ledger`,
      'every kept balance matches its ledger',
    ]);
    expect((await store.ledger.balances.get(account.id))?.balanceFen).toBe(204_319);
    expect((await store.alarms.openAlarms()).filter((a) => a.kind === 'ledger-drift')).toEqual([]);
    const audited = await store.audit.list(
      { entity: 'account', entityId: String(account.id) },
      { offset: 0, limit: 10, sort: 'id', direction: 'asc' },
    );
    expect(audited.items.filter((e) => e.action === 'vending.ledgerRebuild')).toMatchObject([
      { actorName: 'console', sourceIp: 'console' },
    ]);
    await store.close();
    expect(await ledger(['rebuild', '--account', 'x', '--database', database], capture())).toBe(2);
  });

  it('refuses a database migrated by a newer OpenAMI', async () => {
    const store = openStore({ url: database });
    await sql`insert into kysely_migration (name, timestamp) values ('29990101T0000_future', 'x')`.execute(
      store.db,
    );
    await store.close();
    const io = capture();
    expect(await migrate(['--database', database], io)).toBe(1);
    expect(io.lines[0]).toMatch(/newer than this OpenAMI/);
  });
});
