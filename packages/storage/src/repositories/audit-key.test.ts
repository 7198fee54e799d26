import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresUrl, sharedTestDatabase } from '../../test/engines.ts';
import { testNow } from '../../test/fixtures.ts';
import { AuditKey, entryHash } from '../audit-chain.ts';
import type { Store } from '../store.ts';
import { AuditKeyMissingError, type AuditRow } from './audit-log.ts';

const key = new AuditKey('a test audit key, 32 bytes long!');
const entry = (n: number) => ({
  at: testNow + n,
  actorUserId: null,
  actorName: '收费员 "王"',
  sourceIp: '127.0.0.1',
  action: 'vending.sale',
  entity: 'account',
  entityId: String(n),
  details: { amountFen: 1000 * n, note: '电费 ✓' },
});

/** What someone who can write the database but lacks the key can do: change a row, rehash the rest. */
async function rewriteTail(store: Store, engine: string, id: number): Promise<void> {
  const db = store.db;
  if (engine === 'postgres') {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
  }
  const rows = (await db.selectFrom('auditLog').selectAll().orderBy('id').execute()) as AuditRow[];
  let prev = rows.find((r) => r.id === id - 1)?.hash ?? '0'.repeat(64);
  for (const row of rows.filter((r) => r.id >= id)) {
    const changed = row.id === id ? { ...row, details: '{"amountFen":1}' } : row;
    const hash = entryHash(prev, changed);
    await db
      .updateTable('auditLog')
      .set({ details: changed.details, prevHash: prev, hash })
      .where('id', '=', row.id)
      .execute();
    prev = hash;
  }
  await db.updateTable('auditHead').set({ lastHash: prev }).where('id', '=', 1).execute();
  if (engine === 'postgres') {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  }
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && postgresUrl === undefined)(`keyed audit chain [${engine}]`, () => {
    let database: Awaited<ReturnType<typeof sharedTestDatabase>>;
    beforeEach(async () => {
      database = await sharedTestDatabase(engine);
    });
    afterEach(async () => {
      await database.drop();
    });

    it('keys every entry with HMAC-SHA-256, the same in the database as in the check', async () => {
      const store = database.open(key);
      const first = await store.audit.append(entry(1));
      const second = await store.transaction((tx) => tx.audit.append(entry(2)));
      expect(first.hash).toBe(entryHash(first.prevHash, first, key));
      expect(second.hash).toBe(entryHash(first.hash, second, key));
      expect(second.hash).not.toBe(entryHash(first.hash, second));
      expect(await store.audit.verify()).toEqual({ ok: true, entries: 2, keyedFrom: 1 });
    });

    it('catches a tail rewritten with recomputed SHA-256 hashes (database access, no key)', async () => {
      const store = database.open(key);
      for (let n = 1; n <= 4; n += 1) await store.audit.append(entry(n));
      await rewriteTail(store, engine, 3);
      expect(await store.audit.verify()).toMatchObject({
        ok: false,
        brokenEntryId: 3,
        reason: 'content does not match its hash',
      });
    });

    it('(the gap it closes) without a key the same rewrite verifies: plain SHA-256 anyone can recompute', async () => {
      const store = database.open();
      for (let n = 1; n <= 4; n += 1) await store.audit.append(entry(n));
      await rewriteTail(store, engine, 3);
      expect(await store.audit.verify()).toEqual({ ok: true, entries: 4, keyedFrom: null });
    });

    it('continues a database written before the key: the plain prefix, then keyed entries', async () => {
      const before = database.open();
      await before.audit.append(entry(1));
      await before.audit.append(entry(2));
      expect(await before.audit.verify()).toEqual({ ok: true, entries: 2, keyedFrom: null });
      const keyed = database.open(key);
      await keyed.audit.append(entry(3));
      await keyed.transaction((tx) => tx.audit.append(entry(4)));
      expect(await keyed.audit.verify()).toEqual({ ok: true, entries: 4, keyedFrom: 3 });
      // Once keyed, a store without the key may neither append nor vouch for the keyed part.
      await expect(before.audit.append(entry(5))).rejects.toBeInstanceOf(AuditKeyMissingError);
      expect(await before.audit.verify()).toMatchObject({ ok: false, brokenEntryId: 3, keyedFrom: 3 });
      expect(await keyed.audit.verify()).toEqual({ ok: true, entries: 4, keyedFrom: 3 });
      // Under another key the keyed part does not check out.
      const other = database.open(new AuditKey('another key of thirty-two bytes!'));
      expect(await other.audit.verify()).toMatchObject({ ok: false, brokenEntryId: 3 });
    });
  });
}
