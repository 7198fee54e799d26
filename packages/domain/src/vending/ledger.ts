import { type Ruled, refuse } from './refusal.ts';

/**
 * The vending ledger: every movement of money or energy on an account is one append-only entry, and every
 * balance is a fold over them (issue 6). Signs, once: `amountFen` > 0 is money received from the customer,
 * < 0 money paid back or charged for use; `energyWh` > 0 is energy credited to the customer (customer Wh),
 * < 0 taken back or used; `adjustmentWh` moves the pending adjustment energy (找补电量): an adjustment entry
 * adds to it, a sale that carries it subtracts what it carried, a cancel puts it back. A `charge` is metered
 * use priced by the tariff, taken from a remote account's balance in money (002 remote fee control).
 */
export const ledgerEntryKinds = ['sale', 'cancel', 'refund', 'adjustment', 'charge'] as const;
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
  /** The sum of every entry's money: received, less paid back, less charged for use. */
  readonly balanceFen: number;
  /** Money received less money paid back. */
  readonly netPaidFen: number;
  /** Money charged for metered use (remote accounts). */
  readonly consumedFen: number;
  /** The sum of every entry's energy: credited, less taken back, less used, customer Wh. */
  readonly netEnergyWh: number;
  /** Metered energy charged for (remote accounts), customer Wh. */
  readonly consumedWh: number;
  readonly pendingAdjustmentWh: number;
  /** Sales on the current meter not cancelled: the purchase count the meter should hold. */
  readonly purchaseCount: number;
  /** The latest sale not cancelled, on any meter. */
  readonly lastSaleId: number | null;
}

/** Folds the entries of one account (in id order) into its balance. */
export function balanceOf(entries: readonly LedgerEntryFacts[], currentMeterId: number): AccountBalance {
  let balanceFen = 0;
  let consumedFen = 0;
  let netEnergyWh = 0;
  let consumedWh = 0;
  let pendingAdjustmentWh = 0;
  let purchaseCount = 0;
  const liveSales: number[] = [];
  for (const entry of entries) {
    balanceFen += entry.amountFen;
    netEnergyWh += entry.energyWh;
    pendingAdjustmentWh += entry.adjustmentWh;
    if (entry.kind === 'charge') {
      consumedFen -= entry.amountFen;
      consumedWh -= entry.energyWh;
    } else if (entry.kind === 'sale') {
      liveSales.push(entry.id);
      if (entry.meterId === currentMeterId) purchaseCount += 1;
    } else if (entry.kind === 'cancel' && entry.refersToId !== null) {
      const at = liveSales.indexOf(entry.refersToId);
      if (at >= 0) liveSales.splice(at, 1);
      if (entry.meterId === currentMeterId) purchaseCount -= 1;
    }
  }
  return {
    balanceFen,
    netPaidFen: balanceFen + consumedFen,
    consumedFen,
    netEnergyWh,
    consumedWh,
    pendingAdjustmentWh,
    purchaseCount,
    lastSaleId: liveSales.at(-1) ?? null,
  };
}

/**
 * Energy counted in a tier cycle so far: what the next sale's or charge's tiers start from. Card accounts
 * count energy bought (sales less cancels); remote accounts count energy used (charges).
 */
export function cycleEnergyWh(entries: readonly LedgerEntryFacts[], tierCycle: string): number {
  let total = 0;
  for (const e of entries) {
    if (e.tierCycle !== tierCycle) continue;
    if (e.kind === 'sale' || e.kind === 'cancel') total += e.energyWh;
    else if (e.kind === 'charge') total -= e.energyWh;
  }
  return total;
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

/** A refund pays back money, and takes back energy, no more than the account holds. */
export function checkRefund(input: {
  readonly balance: AccountBalance;
  readonly amountFen: number;
  readonly energyWh: number;
}): Ruled<object> {
  const energyShort = input.energyWh > 0 && input.energyWh > input.balance.netEnergyWh;
  if (input.amountFen > input.balance.balanceFen || energyShort) {
    return refuse('refund_exceeds_balance', {
      amountFen: input.amountFen,
      balanceFen: input.balance.balanceFen,
      energyWh: input.energyWh,
      netEnergyWh: input.balance.netEnergyWh,
    });
  }
  return { ok: true };
}
