import { balanceOf, type LedgerEntryKind } from '@openami/domain';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeAccount, testNow } from '../../test/fixtures.ts';
import { recordOnce } from '../record-once.ts';
import type { Repositories } from '../store.ts';
import type { NewLedgerEntry } from './vending-ledger.ts';

function entry(
  accountId: number,
  meterId: number,
  kind: LedgerEntryKind,
  requestId: string,
  fields: Partial<NewLedgerEntry> = {},
): NewLedgerEntry {
  return {
    accountId,
    meterId,
    kind,
    amountFen: 0,
    energyWh: 0,
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
    ...fields,
  };
}

/** What a sale does inside `recordOnce`: an invoice number, the entry, its audit record. */
async function sell(tx: Repositories, accountId: number, meterId: number, requestId: string, fen: number) {
  const { invoiceNo: _, ...uninvoiced } = entry(accountId, meterId, 'sale', requestId, {
    amountFen: fen,
    energyWh: fen * 10,
  });
  return tx.ledger.appendInvoicedAudited(uninvoiced, (made) => ({
    at: testNow,
    actorUserId: null,
    actorName: '收费员 "王"',
    sourceIp: '127.0.0.1',
    action: 'vending.sale',
    entity: 'account',
    entityId: String(accountId),
    details: { requestId, amountFen: fen, entryId: made.id, invoiceNo: made.invoiceNo },
  }));
}

describeEachEngine('vending ledger', (context) => {
  it('keeps sales, cancels, refunds and adjustments whose sums are the balance', async () => {
    const { account, meter } = await makeAccount(context.store);
    const ledger = context.store.ledger;
    await ledger.append(entry(account.id, meter.id, 'adjustment', 'a1', { adjustmentWh: 12_000 }));
    const sale = await ledger.append(
      entry(account.id, meter.id, 'sale', 's1', {
        amountFen: 5283,
        energyWh: 100_000,
        adjustmentWh: -12_000,
        purchaseCount: 1,
        invoiceNo: await ledger.nextInvoiceNo(),
      }),
    );
    const second = await ledger.append(
      entry(account.id, meter.id, 'sale', 's2', { amountFen: 1000, energyWh: 20_000, purchaseCount: 2 }),
    );
    await ledger.append(
      entry(account.id, meter.id, 'cancel', 'c1', {
        amountFen: -1000,
        energyWh: -20_000,
        purchaseCount: 2,
        refersToId: second.id,
      }),
    );
    await ledger.append(entry(account.id, meter.id, 'refund', 'r1', { amountFen: -283, energyWh: -5_000 }));

    const rows = await ledger.entries(account.id);
    const balance = balanceOf(rows, meter.id);
    expect(balance).toMatchObject({
      netPaidFen: 5000,
      netEnergyWh: 95_000,
      pendingAdjustmentWh: 0,
      purchaseCount: 1,
      lastSaleId: sale.id,
    });
    expect(await ledger.totals(account.id)).toEqual({
      entries: 5,
      amountFen: balance.balanceFen,
      energyWh: balance.netEnergyWh,
      adjustmentWh: balance.pendingAdjustmentWh,
    });
  });

  it('refuses to change or remove an entry, and to cancel a sale twice', async () => {
    const { account, meter } = await makeAccount(context.store);
    const sale = await context.store.ledger.append(
      entry(account.id, meter.id, 'sale', 's', { amountFen: 1 }),
    );
    await expect(
      sql`update vending_ledger set amount_fen = 0 where id = ${sale.id}`.execute(context.store.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from vending_ledger where id = ${sale.id}`.execute(context.store.db),
    ).rejects.toThrow(/append-only/);
    await context.store.ledger.append(entry(account.id, meter.id, 'cancel', 'c1', { refersToId: sale.id }));
    await expect(
      context.store.ledger.append(entry(account.id, meter.id, 'cancel', 'c2', { refersToId: sale.id })),
    ).rejects.toThrow();
  });

  it('sells once for twenty concurrent copies of one request, and once per request among many', async () => {
    const { account, meter } = await makeAccount(context.store);
    const auditBefore = await context.store.audit.verify();
    const copies = await Promise.all(
      Array.from({ length: 20 }, () =>
        recordOnce(context.store, { accountId: account.id, requestId: 'same', now: testNow }, (tx) =>
          sell(tx, account.id, meter.id, 'same', 500),
        ),
      ),
    );
    expect(new Set(copies.map((c) => c.entry.id)).size).toBe(1);
    expect(copies.filter((c) => !c.replayed)).toHaveLength(1);

    const distinct = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordOnce(context.store, { accountId: account.id, requestId: `r${i % 10}`, now: testNow }, (tx) =>
          sell(tx, account.id, meter.id, `r${i % 10}`, 100),
        ),
      ),
    );
    expect(new Set(distinct.map((c) => c.entry.id)).size).toBe(10);
    const rows = await context.store.ledger.entries(account.id);
    expect(rows).toHaveLength(11);
    // Unique and gap-free: the eleven numbers are the counter's last eleven.
    const last = await context.store.ledger.lastInvoiceNumber();
    expect(rows.map((r) => Number(r.invoiceNo)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 11 }, (_, i) => last - 10 + i),
    );
    expect(await context.store.ledger.totals(account.id)).toMatchObject({ amountFen: 500 + 10 * 100 });
    // One audit record per movement, naming its entry and invoice, and the chain still verifies.
    const audit = await context.store.audit.list(
      { entity: 'account', entityId: String(account.id) },
      { sort: 'id', direction: 'asc', limit: 20, offset: 0 },
    );
    expect(audit.items.map((a) => JSON.parse(a.details))).toEqual(
      rows.map((r) => ({
        requestId: r.requestId,
        amountFen: r.amountFen,
        entryId: r.id,
        invoiceNo: r.invoiceNo,
      })),
    );
    const auditAfter = await context.store.audit.verify();
    expect(auditAfter).toMatchObject({ ok: true, entries: (auditBefore.ok ? auditBefore.entries : 0) + 11 });
  });

  it('leaves nothing behind when a sale fails half way, and records it once when retried', async () => {
    const { account, meter } = await makeAccount(context.store);
    const key = { accountId: account.id, requestId: 'crash', now: testNow };
    await expect(
      recordOnce(context.store, key, async (tx) => {
        await sell(tx, account.id, meter.id, 'crash', 700);
        throw new Error('the process died here');
      }),
    ).rejects.toThrow('died');
    expect(await context.store.ledger.entries(account.id)).toEqual([]);
    const invoicesBefore = await context.store.ledger.lastInvoiceNumber();
    const first = await recordOnce(context.store, key, (tx) => sell(tx, account.id, meter.id, 'crash', 700));
    // The failed attempt gave its invoice number back.
    expect(Number(first.entry.invoiceNo)).toBe(invoicesBefore + 1);
    const again = await recordOnce(context.store, key, () => {
      throw new Error('a replay must not run the sale again');
    });
    expect(again).toEqual({ entry: first.entry, replayed: true });
  });

  it("sums a period's entries by cashier and by area, within the user's areas", async () => {
    const { account, meter, area } = await makeAccount(context.store);
    const ledger = context.store.ledger;
    const at = (createdAt: number, operatorName: string, amountFen: number, requestId: string) =>
      ledger.append(
        entry(account.id, meter.id, 'sale', requestId, {
          amountFen,
          energyWh: amountFen * 10,
          operatorName,
          createdAt,
        }),
      );
    const day = Date.UTC(2030, 0, 1);
    await at(day, '王', 100, 'd1');
    await at(day + 1000, '王', 200, 'd2');
    await at(day + 2000, '李', 50, 'd3');
    await at(day - 1, '李', 9999, 'before');
    await at(day + 86_400_000, '李', 9999, 'after');
    const scope = { kind: 'paths' as const, paths: [area.path] };
    const report = await ledger.salesReport(scope, day, day + 86_400_000);
    expect(report.byCashier).toEqual([
      { key: '李', name: '李', kind: 'sale', entries: 1, amountFen: 50, energyWh: 500 },
      { key: '王', name: '王', kind: 'sale', entries: 2, amountFen: 300, energyWh: 3000 },
    ]);
    expect(report.byArea).toEqual([
      { key: area.code, name: area.name, kind: 'sale', entries: 3, amountFen: 350, energyWh: 3500 },
    ]);
    expect(await ledger.salesReport({ kind: 'paths', paths: ['/999999/'] }, day, day + 86_400_000)).toEqual({
      byCashier: [],
      byArea: [],
    });
  });

  it('keeps effective-dated tariff versions of a price type', async () => {
    const { priceType } = await makeAccount(context.store);
    const tariffs = context.store.tariffs;
    await tariffs.add(
      {
        priceTypeId: priceType.id,
        effectiveFrom: 0,
        kind: 'flat',
        definition: { kind: 'flat', priceE4FenPerKwh: 1 },
      },
      null,
      testNow,
    );
    const second = await tariffs.add(
      {
        priceTypeId: priceType.id,
        effectiveFrom: testNow,
        kind: 'flat',
        definition: { priceE4FenPerKwh: 2, kind: 'flat' },
      },
      null,
      testNow,
    );
    expect(second.version).toBe(2);
    expect(second.definition).toBe('{"kind":"flat","priceE4FenPerKwh":2}');
    expect((await tariffs.versions(priceType.id)).map((v) => v.version)).toEqual([1, 2]);
  });
});
