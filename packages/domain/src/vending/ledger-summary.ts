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

/** What the stored summary row holds beyond the balance: the entries it has added, and whose count and cycle. */
export interface StoredLedgerSummary extends LedgerSummary {
  readonly entries: number;
  readonly lastEntryId: number | null;
  readonly purchaseMeterId: number | null;
  readonly purchaseCount: number;
  readonly tierCycle: string | null;
  readonly cycleEnergyWh: number;
}

/**
 * An account's entries summed afresh (in SQL, one statement): the balance on `meterId`, the energy counted in
 * `tierCycle`, and, for the summary's own meter and cycle when they differ, its figures too.
 */
export interface LedgerFold {
  readonly balance: AccountBalance;
  readonly entries: number;
  readonly lastEntryId: number | null;
  readonly cycleEnergyWh: number;
  /** Sales less cancels on the meter the summary follows (null when it follows none). */
  readonly summaryMeterCount: number | null;
  /** The energy counted in the cycle the summary follows (null when it follows none). */
  readonly summaryCycleEnergyWh: number | null;
}

/**
 * Where a stored summary differs from the entries folded afresh (empty when it holds): every figure the row
 * keeps, named with both values, so an operator sees what was changed.
 */
export function summaryDrift(summary: StoredLedgerSummary | undefined, fold: LedgerFold): string[] {
  if (summary === undefined) {
    return fold.entries === 0 ? [] : [`no summary row for ${fold.entries} entries`];
  }
  const stored = balanceOfSummary(summary, fold.balance.purchaseCount);
  const problems = balanceDrift(fold.balance, stored);
  if (summary.entries !== fold.entries || summary.lastEntryId !== fold.lastEntryId) {
    problems.push(
      `entries: ${fold.entries} up to ${fold.lastEntryId}, summary says ${summary.entries} up to ${summary.lastEntryId}`,
    );
  }
  if (summary.purchaseMeterId !== null && fold.summaryMeterCount !== summary.purchaseCount) {
    problems.push(
      `purchase count on meter ${summary.purchaseMeterId}: entries say ${fold.summaryMeterCount}, summary says ${summary.purchaseCount}`,
    );
  }
  if (summary.tierCycle !== null && fold.summaryCycleEnergyWh !== summary.cycleEnergyWh) {
    problems.push(
      `energy in cycle ${summary.tierCycle}: entries say ${fold.summaryCycleEnergyWh}, summary says ${summary.cycleEnergyWh}`,
    );
  }
  return problems;
}
