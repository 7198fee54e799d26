import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl, sharedTestDatabase } from '../../test/engines.ts';
import { makeAccount, testNow } from '../../test/fixtures.ts';
import { AuditKey } from '../audit-chain.ts';
import type { Repositories, Store } from '../store.ts';
import { AuditKeyMissingError } from './audit-log.ts';
import type { NewLedgerEntry } from './vending-ledger.ts';

const key = new AuditKey('a test audit key, 32 bytes long!');

function sale(accountId: number, meterId: number, requestId: string, amountFen: number): NewLedgerEntry {
  return {
    accountId,
    meterId,
    kind: 'sale',
    amountFen,
    energyWh: amountFen * 10,
    adjustmentWh: 0,
    purchaseCount: null,
    writeKwh: null,
    refersToId: null,
    tierCycle: null,
    priceTypeVersionId: null,
    tariffVersionId: null,
    requestId,
    requestFingerprint: requestId,
    invoiceNo: null,
    operatorUserId: null,
    operatorName: 'cashier',
    details: {},
    createdAt: testNow,
  };
}

/** A sale as the vending service makes it: entry and audit record in one transaction (one statement on PG). */
function sell(
  tx: Repositories,
  accountId: number,
  meterId: number,
  requestId: string,
  fen: number,
  auditFen = fen,
) {
  const { invoiceNo: _, ...uninvoiced } = sale(accountId, meterId, requestId, fen);
  return tx.ledger.appendInvoicedAudited(uninvoiced, (made) => ({
    at: testNow,
    actorUserId: null,
    actorName: 'cashier',
    sourceIp: '127.0.0.1',
    action: 'vending.sale',
    entity: 'account',
    entityId: String(accountId),
    details: { requestId, amountFen: auditFen, entryId: made.id, invoiceNo: made.invoiceNo },
  }));
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && postgresUrl === undefined)(
    `ledger against audit [${engine}]`,
    () => {
      let database: Awaited<ReturnType<typeof sharedTestDatabase>>;
      let store: Store;
      beforeAll(async () => {
        database = await sharedTestDatabase(engine);
        store = database.open(key);
      });
      afterAll(async () => {
        await database.drop();
      });

      it('finds every entry matched by a keyed audit record, and names those that are not', async () => {
        const { account, meter } = await makeAccount(store);
        const sold = await store.transaction((tx) => sell(tx, account.id, meter.id, 'r1', 5000));
        expect(await store.ledgerAudit.mismatches()).toEqual([]);
        expect(await store.audit.verify()).toMatchObject({ ok: true, keyedFrom: 1 });
        // Written around OpenAMI: an entry with no record, and one whose record says another amount.
        const bare = await store.ledger.append(sale(account.id, meter.id, 'r2', 9900));
        const off = await store.transaction((tx) => sell(tx, account.id, meter.id, 'r3', 100, 10_000));
        const found = await store.ledgerAudit.mismatches();
        expect(found.map((m) => [m.ledgerEntryId, m.problem])).toEqual([
          [bare.id, 'no audit record'],
          [off.id, 'differs'],
        ]);
        expect(found.some((m) => m.ledgerEntryId === sold.id)).toBe(false);
        expect(await store.audit.verify()).toMatchObject({ ok: true });
      });

      it('refuses a sale from a process without the key once the chain is keyed, leaving no entry', async () => {
        const { account, meter } = await makeAccount(store);
        const keyless = database.open();
        await expect(
          keyless.transaction((tx) => sell(tx, account.id, meter.id, 'k1', 700)),
        ).rejects.toBeInstanceOf(AuditKeyMissingError);
        expect(await store.ledger.entries(account.id)).toEqual([]);
        expect(await store.audit.verify()).toMatchObject({ ok: true });
      });
    },
  );
}
