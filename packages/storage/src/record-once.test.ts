import { balanceOf } from '@openami/domain';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/engines.ts';
import { makeAccount, testNow } from '../test/fixtures.ts';
import { recordOnce } from './record-once.ts';

/** A request as a client would send it: its id fixes what it asks for, as an idempotency key must. */
const request = fc.record({ key: fc.integer({ min: 0, max: 7 }), together: fc.boolean() });

describeEachEngine('recordOnce under retries', (context) => {
  it('records each request id once, whatever the order, repetition and concurrency of the retries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 24 }), async (requests) => {
        const { account, meter } = await makeAccount(context.store);
        const amountOf = (key: number) => 100 * (key + 1);
        const send = (key: number) =>
          recordOnce(
            context.store,
            { accountId: account.id, requestId: `k${key}`, now: testNow },
            async (tx) => {
              const entry = await tx.ledger.append({
                accountId: account.id,
                meterId: meter.id,
                kind: key % 4 === 3 ? 'adjustment' : 'sale',
                amountFen: key % 4 === 3 ? 0 : amountOf(key),
                energyWh: key % 4 === 3 ? 0 : amountOf(key) * 10,
                adjustmentWh: key % 4 === 3 ? 1000 : 0,
                purchaseCount: null,
                writeKwh: null,
                refersToId: null,
                tierCycle: null,
                priceTypeVersionId: null,
                tariffVersionId: null,
                requestId: `k${key}`,
                requestFingerprint: `k${key}`,
                invoiceNo: key % 4 === 3 ? null : await tx.ledger.nextInvoiceNo(),
                operatorUserId: null,
                operatorName: 'cashier',
                details: {},
                createdAt: testNow,
              });
              await tx.audit.append({
                at: testNow,
                actorUserId: null,
                actorName: 'cashier',
                sourceIp: '127.0.0.1',
                action: `vending.${entry.kind}`,
                entity: 'account',
                entityId: String(account.id),
                details: { entryId: entry.id },
              });
              return entry;
            },
          );
        // Requests marked `together` go out at once with the one before them; the rest one after another.
        const firstResult = new Map<number, number>();
        const recorded = new Map<number, number>();
        for (let i = 0; i < requests.length; ) {
          const batch = [requests[i]];
          while (requests[i + batch.length]?.together === true) batch.push(requests[i + batch.length]);
          const results = await Promise.all(batch.map((r) => send(r?.key ?? 0)));
          results.forEach((result, j) => {
            const key = batch[j]?.key ?? 0;
            // Every answer to one id names the same entry; exactly one answer, ever, recorded it.
            expect(result.entry.id).toBe(firstResult.get(key) ?? result.entry.id);
            firstResult.set(key, result.entry.id);
            if (!result.replayed) recorded.set(key, (recorded.get(key) ?? 0) + 1);
          });
          i += batch.length;
        }
        expect([...recorded.values()].every((times) => times === 1)).toBe(true);
        expect([...recorded.keys()].sort()).toEqual([...firstResult.keys()].sort());
        const entries = await context.store.ledger.entries(account.id);
        const keys = [...firstResult.keys()];
        expect(entries.map((e) => e.requestId).sort()).toEqual(keys.map((k) => `k${k}`).sort());
        const balance = balanceOf(entries, meter.id);
        const totals = await context.store.ledger.totals(account.id);
        expect(totals).toEqual({
          entries: keys.length,
          amountFen: balance.balanceFen,
          energyWh: balance.netEnergyWh,
          adjustmentWh: balance.pendingAdjustmentWh,
        });
        expect(balance.netPaidFen).toBe(
          keys.filter((k) => k % 4 !== 3).reduce((sum, k) => sum + amountOf(k), 0),
        );
      }),
      { numRuns: 25 },
    );
    expect(await context.store.audit.verify()).toMatchObject({ ok: true });
  });
});
