import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  cancellationOf,
  checkCancel,
  checkRefund,
  cycleEnergyWh,
  type LedgerEntryFacts,
} from './ledger.ts';

let nextId = 1;
function sale(
  amountFen: number,
  energyWh: number,
  overrides: Partial<LedgerEntryFacts> = {},
): LedgerEntryFacts {
  return {
    id: nextId++,
    kind: 'sale',
    meterId: 1,
    amountFen,
    energyWh,
    adjustmentWh: 0,
    purchaseCount: null,
    refersToId: null,
    tierCycle: '2026',
    ...overrides,
  };
}
const withId = (entry: Omit<LedgerEntryFacts, 'id'>): LedgerEntryFacts => ({ ...entry, id: nextId++ });

describe('balanceOf', () => {
  it('derives money, energy, pending adjustment and purchase count from the entries', () => {
    const adjustment = withId({
      kind: 'adjustment',
      meterId: 1,
      amountFen: 0,
      energyWh: 0,
      adjustmentWh: 12_000,
      purchaseCount: null,
      refersToId: null,
      tierCycle: null,
    });
    const first = sale(5283, 100_000, { adjustmentWh: -12_000, purchaseCount: 1 });
    const second = sale(2000, 40_000, { purchaseCount: 2 });
    const cancel = withId(cancellationOf(second));
    const balance = balanceOf([adjustment, first, second, cancel], 1);
    expect(balance).toEqual({
      balanceFen: 5283,
      netPaidFen: 5283,
      consumedFen: 0,
      netEnergyWh: 100_000,
      consumedWh: 0,
      pendingAdjustmentWh: 0,
      purchaseCount: 1,
      lastSaleId: first.id,
    });
    expect(cycleEnergyWh([first, second, cancel], '2026')).toBe(100_000);
    expect(balanceOf([first], 2).purchaseCount).toBe(0); // a new meter starts at count 0
  });

  it('equals the sum of the entries for any sequence of sales, cancels, refunds, adjustments and charges', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('sale' as const), fen: fc.nat(100_000), wh: fc.nat(1_000_000) }),
      fc.record({ kind: fc.constant('cancel' as const) }),
      fc.record({ kind: fc.constant('refund' as const), fen: fc.nat(100_000), wh: fc.nat(1_000_000) }),
      fc.record({ kind: fc.constant('adjustment' as const), wh: fc.integer({ min: -50_000, max: 50_000 }) }),
      fc.record({ kind: fc.constant('charge' as const), fen: fc.nat(20_000), wh: fc.nat(200_000) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const entries: LedgerEntryFacts[] = [];
        for (const s of steps) {
          const balance = balanceOf(entries, 1);
          if (s.kind === 'sale')
            entries.push(sale(s.fen, s.wh, { purchaseCount: balance.purchaseCount + 1 }));
          else if (s.kind === 'cancel') {
            const last = entries.find((e) => e.id === balance.lastSaleId);
            if (last !== undefined && checkCancel({ sale: last, balance, cardLoaded: false }).ok) {
              entries.push(withId(cancellationOf(last)));
            }
          } else if (s.kind === 'refund') {
            if (checkRefund({ balance, amountFen: s.fen, energyWh: s.wh }).ok) {
              entries.push(sale(-s.fen, -s.wh, { kind: 'refund' }));
            }
          } else if (s.kind === 'charge') {
            entries.push(sale(-s.fen, -s.wh, { kind: 'charge' }));
          } else {
            entries.push(sale(0, 0, { kind: 'adjustment', adjustmentWh: s.wh, tierCycle: null }));
          }
        }
        const balance = balanceOf(entries, 1);
        expect(balance.balanceFen).toBe(entries.reduce((sum, e) => sum + e.amountFen, 0));
        expect(balance.netEnergyWh).toBe(entries.reduce((sum, e) => sum + e.energyWh, 0));
        const charges = entries.filter((e) => e.kind === 'charge');
        expect(balance.consumedFen).toBe(0 - charges.reduce((sum, e) => sum + e.amountFen, 0));
        expect(balance.netPaidFen - balance.consumedFen).toBe(balance.balanceFen);
        // Cancels and refunds never pay back more than was received.
        expect(balance.netPaidFen).toBeGreaterThanOrEqual(0);
        expect(cycleEnergyWh(entries, '2026')).toBe(
          entries
            .filter((e) => e.kind === 'sale' || e.kind === 'cancel')
            .reduce((sum, e) => sum + e.energyWh, 0) + balance.consumedWh,
        );
        const sales = entries.filter((e) => e.kind === 'sale').length;
        const cancels = entries.filter((e) => e.kind === 'cancel').length;
        expect(balance.purchaseCount).toBe(sales - cancels);
      }),
    );
  });
});

describe('cancel and refund', () => {
  it('cancel only the latest sale, and only before its card is loaded', () => {
    const first = sale(100, 1000, { purchaseCount: 1 });
    const second = sale(100, 1000, { purchaseCount: 2 });
    const balance = balanceOf([first, second], 1);
    expect(checkCancel({ sale: first, balance, cardLoaded: false })).toMatchObject({
      ok: false,
      refusal: { code: 'cancel_not_last_sale' },
    });
    expect(checkCancel({ sale: second, balance, cardLoaded: true })).toMatchObject({
      ok: false,
      refusal: { code: 'cancel_card_loaded' },
    });
    expect(checkCancel({ sale: second, balance, cardLoaded: false }).ok).toBe(true);
  });

  it('refund no more than the account holds', () => {
    const balance = balanceOf([sale(5000, 100_000)], 1);
    expect(checkRefund({ balance, amountFen: 5000, energyWh: 100_000 }).ok).toBe(true);
    expect(checkRefund({ balance, amountFen: 5001, energyWh: 0 })).toMatchObject({
      ok: false,
      refusal: { code: 'refund_exceeds_balance' },
    });
  });
});
