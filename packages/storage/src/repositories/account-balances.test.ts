import { balanceOf, cancellationOf, type LedgerEntryFacts, summaryDrift } from '@openami/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeAccount, makeMeter, testNow } from '../../test/fixtures.ts';
import type { Repositories } from '../store.ts';
import type { NewLedgerEntry } from './vending-ledger.ts';

const cycles = [null, '2026-11', '2026-12'] as const;
const step = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    fen: fc.nat(100_000),
    wh: fc.nat(1_000_000),
    carriedWh: fc.nat(5_000),
    cycle: fc.constantFrom(...cycles),
    invoiced: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('refund' as const), fen: fc.nat(100_000), wh: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('adjustment' as const), wh: fc.integer({ min: -50_000, max: 50_000 }) }),
  fc.record({
    kind: fc.constant('charge' as const),
    fen: fc.nat(20_000),
    wh: fc.nat(200_000),
    cycle: fc.constantFrom(...cycles),
  }),
  fc.record({ kind: fc.constant('replaceMeter' as const), pick: fc.nat() }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

let requests = 0;
function movement(accountId: number, facts: Omit<LedgerEntryFacts, 'id'>): NewLedgerEntry {
  requests += 1;
  return {
    accountId,
    ...facts,
    writeKwh: null,
    priceTypeVersionId: null,
    tariffVersionId: null,
    requestId: `r${requests}`,
    requestFingerprint: `r${requests}`,
    invoiceNo: null,
    operatorUserId: null,
    operatorName: 'cashier',
    details: {},
    createdAt: testNow,
  };
}

const none = { purchaseCount: null, refersToId: null, tierCycle: null, adjustmentWh: 0 };

/** Appends one step's entry the way the services do: under the account's lock, in one transaction. */
async function apply(
  tx: Repositories,
  accountId: number,
  meterId: number,
  s: Step,
  live: LedgerEntryFacts[],
): Promise<void> {
  await tx.ledger.lockAccount(accountId, testNow);
  if (s.kind === 'sale') {
    const { invoiceNo: _, ...sale } = movement(accountId, {
      ...none,
      kind: 'sale',
      meterId,
      amountFen: s.fen,
      energyWh: s.wh,
      adjustmentWh: -s.carriedWh,
      tierCycle: s.cycle,
    });
    const row = s.invoiced
      ? await tx.ledger.appendInvoicedAudited(sale, (made) => ({
          at: testNow,
          actorUserId: null,
          actorName: 'cashier',
          sourceIp: '127.0.0.1',
          action: 'vending.sale',
          entity: 'account',
          entityId: String(accountId),
          details: { entryId: made.id, invoiceNo: made.invoiceNo },
        }))
      : await tx.ledger.append({ ...sale, invoiceNo: null });
    live.push(row);
  } else if (s.kind === 'cancel') {
    const [sale] = live.splice(s.pick % Math.max(live.length, 1), 1);
    if (sale !== undefined) await tx.ledger.append(movement(accountId, cancellationOf(sale)));
  } else if (s.kind === 'refund') {
    const refund = { ...none, kind: 'refund' as const, meterId, amountFen: -s.fen, energyWh: -s.wh };
    await tx.ledger.appendInvoiced(movement(accountId, refund));
  } else if (s.kind === 'adjustment') {
    const adjustment = { ...none, kind: 'adjustment' as const, meterId, amountFen: 0, energyWh: 0 };
    await tx.ledger.append(movement(accountId, { ...adjustment, adjustmentWh: s.wh }));
  } else if (s.kind === 'charge') {
    await tx.ledger.append(
      movement(accountId, {
        ...none,
        kind: 'charge',
        meterId,
        amountFen: -s.fen,
        energyWh: -s.wh,
        tierCycle: s.cycle,
      }),
    );
  }
}

describeEachEngine('account balances (the ledger summary)', (context) => {
  it('always equals balanceOf over every entry, for any sequence of movements and meter replacements', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 20 }), async (steps) => {
        const { store } = context;
        const { account, meter, area } = await makeAccount(store);
        const meters = [meter.id, (await makeMeter(store, area.id, { state: 'installed' })).id];
        let meterId = meter.id;
        const live: LedgerEntryFacts[] = [];
        for (const s of steps) {
          if (s.kind === 'replaceMeter') {
            meterId = meters[s.pick % meters.length] ?? meterId;
            continue;
          }
          await store.transaction((tx) => apply(tx, account.id, meterId, s, live));
          expect(await store.ledger.balances.drift(account.id, meterId)).toEqual([]);
          // The fold in SQL (what every decision reads) is balanceOf, and the row agrees with it.
          const fold = await store.ledger.balances.fold(account.id, meterId, null);
          const entries = await store.ledger.facts(account.id);
          expect(fold.balance).toEqual(balanceOf(entries, meterId));
          expect(summaryDrift(await store.ledger.balances.get(account.id), fold)).toEqual([]);
        }
        expect(await store.ledger.balances.check()).toEqual([]);
        for (const m of meters) expect(await store.ledger.balances.drift(account.id, m)).toEqual([]);
        // Derived, so it can be rebuilt from the entries at any time, to the same figures.
        await store.transaction((tx) => tx.ledger.balances.rebuild(account.id));
        for (const m of meters) expect(await store.ledger.balances.drift(account.id, m)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('has no row for an account without entries, and reads as an empty balance', async () => {
    const { account, meter } = await context.store.transaction((tx) => makeAccount(tx));
    expect(await context.store.ledger.balances.get(account.id)).toBeUndefined();
    expect(await context.store.ledger.balances.drift(account.id, meter.id)).toEqual([]);
  });

  it('finds a kept balance changed outside the ledger, folds the entries regardless, and rebuilds it', async () => {
    const { store } = context;
    const { account, meter } = await makeAccount(store);
    const twin = await makeAccount(store);
    for (const a of [account, twin.account]) {
      await store.transaction(async (tx) => {
        await tx.ledger.lockAccount(a.id, testNow);
        await tx.ledger.append(
          movement(a.id, { ...none, kind: 'sale', meterId: a.meterId, amountFen: 204_319, energyWh: 0 }),
        );
      });
    }
    // What the issue did by hand: one UPDATE on the row, nothing on the ledger.
    await sql`update account_balances set balance_fen = balance_fen + 10000000 where account_id = ${account.id}`.execute(
      store.db,
    );
    const fold = await store.ledger.balances.fold(account.id, meter.id, null);
    expect(fold.balance.balanceFen).toBe(204_319);
    const problems = summaryDrift(await store.ledger.balances.get(account.id), fold);
    expect(problems).toEqual(['balanceFen: entries say 204319, summary says 10204319', expect.any(String)]);
    expect(await store.ledger.balances.check()).toEqual([{ accountId: account.id, problems }]);
    await store.transaction(async (tx) => {
      await tx.ledger.lockAccount(account.id, testNow);
      await tx.ledger.balances.rebuild(account.id);
    });
    expect(await store.ledger.balances.check()).toEqual([]);
    expect((await store.ledger.balances.get(account.id))?.balanceFen).toBe(204_319);
  });
});
