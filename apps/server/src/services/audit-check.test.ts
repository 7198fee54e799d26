// The audit check (issue 15, gap 2): exported signed heads catch a truncated or rewritten tail even by
// someone holding the audit key; the check rebuilds balances, matches ledger and audit, and alarms.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlarmEngine } from '@openami/alarms';
import { AuditKey, entryHash, type Store } from '@openami/storage';
import { makeAccount, postgresUrl, sharedTestDatabase, testNow } from '@openami/storage/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAudit, scheduleAuditCheck } from './audit-check.ts';
import { exportHead, signHead } from './audit-heads.ts';

const key = new AuditKey('a test audit key, 32 bytes long!');
const entry = (n: number) => ({
  at: testNow + n,
  actorUserId: null,
  actorName: 'cashier',
  sourceIp: '127.0.0.1',
  action: 'meter.update',
  entity: 'meter',
  entityId: String(n),
  details: { n },
});

/** Lets the test change audit_log and vending_ledger rows as someone with database rights could. */
async function unlock(store: Store, engine: string): Promise<void> {
  if (engine === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(store.db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(store.db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(store.db);
  }
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && postgresUrl === undefined)(`audit check [${engine}]`, () => {
    let database: Awaited<ReturnType<typeof sharedTestDatabase>>;
    let store: Store;
    let heads: string;
    beforeEach(async () => {
      database = await sharedTestDatabase(engine);
      store = database.open(key);
      heads = mkdtempSync(join(tmpdir(), 'openami-heads-'));
    });
    afterEach(async () => {
      await database.drop();
      rmSync(heads, { recursive: true, force: true });
    });

    it('holds while the chain grows past every exported head', async () => {
      for (let n = 1; n <= 3; n += 1) await store.audit.append(entry(n));
      await exportHead(store, key, heads, testNow);
      await store.audit.append(entry(4));
      const checked = await checkAudit(store, { key, headsDir: heads });
      expect(checked.problems).toEqual([]);
      expect(checked.heads).toEqual({ checked: 1, problems: [] });
    });

    it('catches a tail rewritten by someone holding the key, and a truncated one', async () => {
      for (let n = 1; n <= 3; n += 1) await store.audit.append(entry(n));
      await exportHead(store, key, heads, testNow);
      // Rewrite entry 3 and rehash it with the key: the chain itself verifies again.
      await unlock(store, engine);
      const row = await store.audit.entry(3);
      if (row === undefined) throw new Error('entry 3 is missing');
      const changed = { ...row, details: '{"n":300}' };
      const hash = entryHash(row.prevHash, changed, key);
      await store.db
        .updateTable('auditLog')
        .set({ details: changed.details, hash })
        .where('id', '=', 3)
        .execute();
      await store.db.updateTable('auditHead').set({ lastHash: hash }).where('id', '=', 1).execute();
      expect((await store.audit.verify()).ok).toBe(true);
      const rewritten = await checkAudit(store, { key, headsDir: heads });
      expect(rewritten.problems).toEqual([
        expect.stringMatching(/entry 3 no longer has the hash .* \(rewritten\)/),
      ]);
      // Truncate to two entries, head and all.
      await store.db.deleteFrom('auditLog').where('id', '=', 3).execute();
      const second = await store.audit.entry(2);
      await store.db
        .updateTable('auditHead')
        .set({ lastId: 2, lastHash: second?.hash ?? '', prevHash: second?.prevHash ?? '' })
        .where('id', '=', 1)
        .execute();
      expect((await store.audit.verify()).ok).toBe(true);
      const truncated = await checkAudit(store, { key, headsDir: heads });
      expect(truncated.problems).toEqual([
        expect.stringMatching(/entry 3, .* is no longer in the chain \(truncated\)/),
      ]);
    });

    it('refuses a head signed with another key', async () => {
      await store.audit.append(entry(1));
      const forged = signHead(new AuditKey('somebody else entirely, 32 bytes'), {
        ...(await store.audit.head()),
        exportedAt: new Date(testNow).toISOString(),
      });
      writeFileSync(join(heads, 'forged.json'), JSON.stringify(forged));
      const checked = await checkAudit(store, { key, headsDir: heads });
      expect(checked.problems).toEqual([
        expect.stringMatching(/forged.json: the signature does not check out/),
      ]);
    });

    it('rebuilds balances, matches ledger and audit, alarms the site, and exports heads only when clean', async () => {
      const { account, meter } = await makeAccount(store);
      // An entry written around OpenAMI: no audit record.
      const bare = await store.ledger.append({
        accountId: account.id,
        meterId: meter.id,
        kind: 'sale',
        amountFen: 5000,
        energyWh: 0,
        adjustmentWh: 0,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: null,
        tariffVersionId: null,
        requestId: 'bare',
        requestFingerprint: 'bare',
        invoiceNo: null,
        operatorUserId: null,
        operatorName: 'cashier',
        details: {},
        createdAt: testNow,
      });
      await sql`update account_balances set balance_fen = balance_fen + 100`.execute(store.db);
      const checked = await checkAudit(store, { key });
      expect(checked.ledger.map((m) => [m.ledgerEntryId, m.problem])).toEqual([[bare.id, 'no audit record']]);
      expect(checked.balances.map((b) => b.accountId)).toEqual([account.id]);

      const alarms = new AlarmEngine(store);
      const warned: string[] = [];
      const stop = scheduleAuditCheck(store, alarms, {
        key,
        headsDir: heads,
        everyMs: 3_600_000,
        firstAfterMs: 0,
        warn: (line) => warned.push(line),
        error: (error) => warned.push(String(error)),
      });
      await expect
        .poll(async () => (await store.alarms.openAlarms()).map((a) => a.kind))
        .toContain('audit-broken');
      stop();
      const [alarm] = (await store.alarms.openAlarms()).filter((a) => a.kind === 'audit-broken');
      expect(alarm).toMatchObject({
        objectType: 'site',
        objectId: 'audit',
        severity: 'critical',
        areaId: null,
      });
      expect(warned.some((l) => l.includes(`ledger entry ${bare.id}: no audit record`))).toBe(true);
      expect(readdirSync(heads)).toEqual([]);

      // A clean site (a fresh database): the scheduled check exports a signed head.
      const clean = await sharedTestDatabase(engine);
      const cleanStore = clean.open(key);
      await cleanStore.audit.append(entry(1));
      const stopClean = scheduleAuditCheck(cleanStore, new AlarmEngine(cleanStore), {
        key,
        headsDir: heads,
        everyMs: 3_600_000,
        firstAfterMs: 0,
        warn: () => {},
        error: () => {},
      });
      await expect.poll(() => readdirSync(heads).length).toBe(1);
      stopClean();
      const [file] = readdirSync(heads);
      const head = JSON.parse(readFileSync(join(heads, file ?? ''), 'utf8'));
      expect(head.head).toMatchObject({ lastId: 1, keyedFrom: 1 });
      await clean.drop();
    });
  });
}
