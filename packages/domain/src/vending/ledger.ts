import { type Ruled, refuse } from './refusal.ts';

/**
 * The vending ledger: every movement of money or energy on an account is one append-only entry, and every
 * balance is a fold over them (issue 6). Signs, once: `amountFen` > 0 is money received from the customer,
 * < 0 money paid back; `energyWh` > 0 is energy credited to the customer (customer Wh), < 0 taken back;
 * `adjustmentWh` moves the pending adjustment energy (找补电量): an adjustment entry adds to it, a sale that
 * carries it subtracts what it carried, a cancel puts it back.
 */
export const ledgerEntryKinds = ['sale', 'cancel', 'refund', 'adjustment'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

export interface LedgerEntryFacts {
  readonly id: number;
  readonly kind: LedgerEntryKind;
  readonly meterId: number;
  readonly amountFen: number;
  readonly energyWh: number;
  readonly adjustmentWh: number;
  /** Sales: the purchase count written to the card; cancels: the count they undo. */
  readonly purchaseCount: number | null;
  /** Cancels: the sale they cancel. */
  readonly refersToId: number | null;
  /** The tier cycle the energy counted in (`2026`, `2026-11`), null for tariffs without tiers. */
  readonly tierCycle: string | null;
}

export interface AccountBalance {
  /** Money received less money paid back. */
  readonly netPaidFen: number;
  /** Energy credited less energy taken back, customer Wh. */
  readonly netEnergyWh: number;
  readonly pendingAdjustmentWh: number;
  /** Sales on the current meter not cancelled: the purchase count the meter should hold. */
  readonly purchaseCount: number;
  /** The latest sale not cancelled, on any meter. */
  readonly lastSaleId: number | null;
  readonly cancelledSaleIds: readonly number[];
}

/** Folds the entries of one account (in id order) into its balance. */
export function balanceOf(entries: readonly LedgerEntryFacts[], currentMeterId: number): AccountBalance {
  let netPaidFen = 0;
  let netEnergyWh = 0;
  let pendingAdjustmentWh = 0;
  let purchaseCount = 0;
  const liveSales: number[] = [];
  const cancelled: number[] = [];
  for (const entry of entries) {
    netPaidFen += entry.amountFen;
    netEnergyWh += entry.energyWh;
    pendingAdjustmentWh += entry.adjustmentWh;
    if (entry.kind === 'sale') {
      liveSales.push(entry.id);
      if (entry.meterId === currentMeterId) purchaseCount += 1;
    } else if (entry.kind === 'cancel' && entry.refersToId !== null) {
      cancelled.push(entry.refersToId);
      const at = liveSales.indexOf(entry.refersToId);
      if (at >= 0) liveSales.splice(at, 1);
      if (entry.meterId === currentMeterId) purchaseCount -= 1;
    }
  }
  return {
    netPaidFen,
    netEnergyWh,
    pendingAdjustmentWh,
    purchaseCount,
    lastSaleId: liveSales.at(-1) ?? null,
    cancelledSaleIds: cancelled,
  };
}

/** Energy counted in a tier cycle so far: what the next sale's tiers start from. */
export function cycleEnergyWh(entries: readonly LedgerEntryFacts[], tierCycle: string): number {
  return entries
    .filter((e) => e.tierCycle === tierCycle && (e.kind === 'sale' || e.kind === 'cancel'))
    .reduce((sum, e) => sum + e.energyWh, 0);
}

/** The entry that cancels a sale: everything it moved, moved back. */
export function cancellationOf(sale: LedgerEntryFacts): Omit<LedgerEntryFacts, 'id'> {
  return {
    kind: 'cancel',
    meterId: sale.meterId,
    amountFen: -sale.amountFen,
    energyWh: -sale.energyWh,
    adjustmentWh: -sale.adjustmentWh,
    purchaseCount: sale.purchaseCount,
    refersToId: sale.id,
    tierCycle: sale.tierCycle,
  };
}

/**
 * A sale can be cancelled (撤销) only while it is the account's latest and its card has not been loaded
 * into the meter: once the meter holds the purchase the energy is the customer's, and what remains is a
 * refund; nor after a refund that the cancel would pay back a second time. `cardLoaded` is what the card says when it is brought back (undefined for a sale with no card).
 */
export function checkCancel(input: {
  readonly sale: LedgerEntryFacts;
  readonly balance: AccountBalance;
  readonly cardLoaded: boolean | undefined;
}): Ruled<object> {
  if (input.sale.kind !== 'sale' || input.balance.lastSaleId !== input.sale.id) {
    return refuse('cancel_not_last_sale', { entryId: input.sale.id });
  }
  if (input.cardLoaded === true) return refuse('cancel_card_loaded', { entryId: input.sale.id });
  // Money or energy refunded since would be paid back twice.
  if (input.balance.netPaidFen < input.sale.amountFen || input.balance.netEnergyWh < input.sale.energyWh) {
    return refuse('cancel_after_refund', { entryId: input.sale.id });
  }
  return { ok: true };
}

/** A refund pays back money, and takes back energy, no more than the account holds net. */
export function checkRefund(input: {
  readonly balance: AccountBalance;
  readonly amountFen: number;
  readonly energyWh: number;
}): Ruled<object> {
  if (input.amountFen > input.balance.netPaidFen || input.energyWh > input.balance.netEnergyWh) {
    return refuse('refund_exceeds_balance', {
      amountFen: input.amountFen,
      netPaidFen: input.balance.netPaidFen,
      energyWh: input.energyWh,
      netEnergyWh: input.balance.netEnergyWh,
    });
  }
  return { ok: true };
}
