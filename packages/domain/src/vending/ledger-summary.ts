import type { AccountBalance } from './ledger.ts';

/**
 * An account's ledger summed as it grows: what the storage keeps beside the entries and updates in the
 * transaction of every append, so a sale reads one row instead of folding the account's whole history. It
 * is derived; `balanceOf` over the entries is the truth it must always equal (`balanceDrift`).
 */
export interface LedgerSummary {
  readonly balanceFen: number;
  readonly consumedFen: number;
  readonly netEnergyWh: number;
  readonly consumedWh: number;
  readonly pendingAdjustmentWh: number;
  readonly lastSaleId: number | null;
}

const empty: LedgerSummary = {
  balanceFen: 0,
  consumedFen: 0,
  netEnergyWh: 0,
  consumedWh: 0,
  pendingAdjustmentWh: 0,
  lastSaleId: null,
};

/**
 * The balance a summary stands for. The purchase count is the current meter's, which the summary keeps for
 * one meter at a time, so the caller passes it. No summary yet means no entries yet.
 */
export function balanceOfSummary(summary: LedgerSummary | undefined, purchaseCount: number): AccountBalance {
  const s = summary ?? empty;
  return {
    balanceFen: s.balanceFen,
    netPaidFen: s.balanceFen + s.consumedFen,
    consumedFen: s.consumedFen,
    netEnergyWh: s.netEnergyWh,
    consumedWh: s.consumedWh,
    pendingAdjustmentWh: s.pendingAdjustmentWh,
    purchaseCount,
    lastSaleId: s.lastSaleId,
  };
}

/** The figures where a balance read from a summary differs from the one folded from the entries. */
export function balanceDrift(folded: AccountBalance, summed: AccountBalance): string[] {
  return (Object.keys(folded) as (keyof AccountBalance)[])
    .filter((name) => folded[name] !== summed[name])
    .map((name) => `${name}: entries say ${folded[name]}, summary says ${summed[name]}`);
}
