import {
  balanceDrift,
  balanceOf,
  balanceOfSummary,
  cycleEnergyWh,
  type LedgerFold,
  summaryDrift,
} from '@openami/domain';
import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { AccountBalancesTable, VendingLedgerTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type AccountBalanceRow = Selectable<AccountBalancesTable>;

/** The figures of an entry the summary adds up. */
export type SummedFacts = Pick<
  VendingLedgerTable,
  'accountId' | 'meterId' | 'kind' | 'amountFen' | 'energyWh' | 'adjustmentWh' | 'refersToId' | 'tierCycle'
>;

const big = (value: number) => sql<number>`cast(${value} as bigint)`;

/**
 * One statement that adds an appended entry (`id`, a value or an expression naming the new row) to its
 * account's summary, in the append's transaction. The purchase count follows the entry's meter and the cycle
 * energy its tier cycle: on a change of either, the statement counts the entries before this one for the new
 * meter or cycle. Cancelling the latest live sale looks up the one before it. Writers hold the account's
 * vending lock, so no two of these run at once for one account. The first entry of an account creates the
 * row (an account with entries always has one: the migration's backfill and every append since).
 */
export function addToBalanceSql(entry: SummedFacts, id: RawBuilder<number>): RawBuilder<unknown> {
  const account = big(entry.accountId);
  const isCharge = entry.kind === 'charge';
  const countStep = entry.kind === 'sale' ? 1 : entry.kind === 'cancel' && entry.refersToId !== null ? -1 : 0;
  const cycleStep =
    entry.tierCycle === null
      ? undefined
      : entry.kind === 'sale' || entry.kind === 'cancel'
        ? entry.energyWh
        : isCharge
          ? -entry.energyWh
          : undefined;
  const meter = big(entry.meterId);
  const sets = [
    sql`entries = account_balances.entries + 1`,
    sql`last_entry_id = ${id}`,
    sql`balance_fen = account_balances.balance_fen + ${big(entry.amountFen)}`,
    sql`consumed_fen = account_balances.consumed_fen + ${big(isCharge ? -entry.amountFen : 0)}`,
    sql`net_energy_wh = account_balances.net_energy_wh + ${big(entry.energyWh)}`,
    sql`consumed_wh = account_balances.consumed_wh + ${big(isCharge ? -entry.energyWh : 0)}`,
    sql`pending_adjustment_wh = account_balances.pending_adjustment_wh + ${big(entry.adjustmentWh)}`,
  ];
  if (entry.kind === 'sale') sets.push(sql`last_sale_id = ${id}`);
  if (entry.kind === 'cancel' && entry.refersToId !== null) {
    const cancelled = big(entry.refersToId);
    sets.push(sql`last_sale_id = case when account_balances.last_sale_id = ${cancelled}
      then (select max(s.id) from vending_ledger s
        where s.account_id = ${account} and s.kind = 'sale' and s.id < ${id} and s.id <> ${cancelled}
          and not exists (select 1 from vending_ledger c
            where c.kind = 'cancel' and c.refers_to_id = s.id and c.id < ${id}))
      else account_balances.last_sale_id end`);
  }
  if (countStep !== 0) {
    sets.push(sql`purchase_count = case when account_balances.purchase_meter_id = ${meter}
      then account_balances.purchase_count
      else (select ${purchaseCountSum} from vending_ledger
        where account_id = ${account} and meter_id = ${meter} and id < ${id}) end + ${big(countStep)}`);
    sets.push(sql`purchase_meter_id = ${meter}`);
  }
  if (cycleStep !== undefined && entry.tierCycle !== null) {
    const cycle = entry.tierCycle;
    sets.push(sql`cycle_energy_wh = case when account_balances.tier_cycle = ${cycle}
      then account_balances.cycle_energy_wh
      else (select ${cycleEnergySum} from vending_ledger
        where account_id = ${account} and tier_cycle = ${cycle} and id < ${id}) end + ${big(cycleStep)}`);
    sets.push(sql`tier_cycle = ${cycle}`);
  }
  return sql`
    insert into account_balances (account_id, entries, last_entry_id, balance_fen, consumed_fen,
      net_energy_wh, consumed_wh, pending_adjustment_wh, last_sale_id, purchase_meter_id, purchase_count,
      tier_cycle, cycle_energy_wh)
    values (${account}, 1, ${id}, ${big(entry.amountFen)}, ${big(isCharge ? -entry.amountFen : 0)},
      ${big(entry.energyWh)}, ${big(isCharge ? -entry.energyWh : 0)}, ${big(entry.adjustmentWh)},
      ${entry.kind === 'sale' ? id : null}, ${countStep === 0 ? null : meter}, ${big(countStep)},
      ${cycleStep === undefined ? null : entry.tierCycle}, ${big(cycleStep ?? 0)})
    on conflict (account_id) do update set ${sql.join(sets)}`;
}

/** Sales less cancels: the purchase count of the entries selected. */
const purchaseCountSum = sql<number>`coalesce(sum(case when kind = 'sale' then 1
  when kind = 'cancel' and refers_to_id is not null then -1 else 0 end), 0)`;

/** Energy counted in a tier cycle (domain `cycleEnergyWh`): bought on card accounts, used on remote ones. */
const cycleEnergySum = sql<number>`coalesce(sum(case when kind in ('sale', 'cancel') then energy_wh
  when kind = 'charge' then -energy_wh else 0 end), 0)`;

/** Sales less cancels, over the entries `l`, where `on` holds. */
const countWhere = (on: RawBuilder<unknown>) => sql<number>`coalesce(sum(case when ${on} then
  (case when l.kind = 'sale' then 1 when l.kind = 'cancel' and l.refers_to_id is not null then -1 else 0 end)
  else 0 end), 0)`;
/** Energy counted in a tier cycle, over the entries `l`, where `on` holds. */
const cycleWhere = (on: RawBuilder<unknown>) => sql<number>`coalesce(sum(case when ${on} then
  (case when l.kind in ('sale', 'cancel') then l.energy_wh when l.kind = 'charge' then -l.energy_wh else 0 end)
  else 0 end), 0)`;

interface FoldRow {
  accountId: number | string;
  entries: number | string;
  lastEntryId: number | string | null;
  balanceFen: number | string;
  consumedFen: number | string;
  netEnergyWh: number | string;
  consumedWh: number | string;
  pendingAdjustmentWh: number | string;
  purchaseCount: number | string;
  cycleEnergyWh: number | string;
  summaryMeterCount: number | string;
  summaryCycleEnergyWh: number | string;
  lastSaleId: number | string | null;
}

const emptyFold: LedgerFold = {
  balance: balanceOfSummary(undefined, 0),
  entries: 0,
  lastEntryId: null,
  cycleEnergyWh: 0,
  summaryMeterCount: 0,
  summaryCycleEnergyWh: 0,
};

const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value));

function foldOf(row: FoldRow): LedgerFold {
  const balanceFen = Number(row.balanceFen);
  const consumedFen = Number(row.consumedFen);
  return {
    balance: {
      balanceFen,
      netPaidFen: balanceFen + consumedFen,
      consumedFen,
      netEnergyWh: Number(row.netEnergyWh),
      consumedWh: Number(row.consumedWh),
      pendingAdjustmentWh: Number(row.pendingAdjustmentWh),
      purchaseCount: Number(row.purchaseCount),
      lastSaleId: numberOrNull(row.lastSaleId),
    },
    entries: Number(row.entries),
    lastEntryId: numberOrNull(row.lastEntryId),
    cycleEnergyWh: Number(row.cycleEnergyWh),
    summaryMeterCount: Number(row.summaryMeterCount),
    summaryCycleEnergyWh: Number(row.summaryCycleEnergyWh),
  };
}

/** An account whose summary row differs from its entries, and how. */
export interface LedgerDrift {
  readonly accountId: number;
  readonly problems: readonly string[];
}

/** Reads, and rebuilds, the account summaries. */
export class AccountBalances {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  get(accountId: number): Promise<AccountBalanceRow | undefined> {
    return this.#x.db
      .selectFrom('accountBalances')
      .selectAll()
      .where('accountId', '=', accountId)
      .executeTakeFirst();
  }

  /** The purchase count on a meter the summary does not follow, counted from the entries. */
  async purchaseCountOn(accountId: number, meterId: number): Promise<number> {
    const result = await sql<{ count: number }>`select ${purchaseCountSum} as count from vending_ledger
      where account_id = ${accountId} and meter_id = ${meterId}`.execute(this.#x.db);
    return Number(result.rows[0]?.count ?? 0);
  }

  /** The energy counted in a tier cycle the summary does not follow, summed from the entries. */
  async cycleEnergyWh(accountId: number, tierCycle: string): Promise<number> {
    const result = await sql<{ energy: number }>`select ${cycleEnergySum} as energy from vending_ledger
      where account_id = ${accountId} and tier_cycle = ${tierCycle}`.execute(this.#x.db);
    return Number(result.rows[0]?.energy ?? 0);
  }

  /**
   * One statement that sums an account's entries afresh (the vending ledger's index on account and id): the
   * balance with the purchase count on `meterId` and the energy counted in `tierCycle`, and the figures the
   * summary row keeps for its own meter and cycle, to compare with it (`summaryDrift`).
   */
  async fold(accountId: number, meterId: number | null, tierCycle: string | null): Promise<LedgerFold> {
    const rows = await this.#foldRows(sql`l.account_id = ${accountId}`, meterId, tierCycle);
    const row = rows[0];
    return row === undefined ? emptyFold : foldOf(row);
  }

  async #foldRows(
    where: RawBuilder<unknown>,
    meterId: number | null,
    tierCycle: string | null,
  ): Promise<FoldRow[]> {
    const result = await sql<FoldRow>`
      select l.account_id as "accountId", count(*) as entries, max(l.id) as "lastEntryId",
        coalesce(sum(l.amount_fen), 0) as "balanceFen",
        coalesce(sum(case when l.kind = 'charge' then -l.amount_fen else 0 end), 0) as "consumedFen",
        coalesce(sum(l.energy_wh), 0) as "netEnergyWh",
        coalesce(sum(case when l.kind = 'charge' then -l.energy_wh else 0 end), 0) as "consumedWh",
        coalesce(sum(l.adjustment_wh), 0) as "pendingAdjustmentWh",
        ${countWhere(meterId === null ? sql`1 = 0` : sql`l.meter_id = ${big(meterId)}`)} as "purchaseCount",
        ${cycleWhere(tierCycle === null ? sql`1 = 0` : sql`l.tier_cycle = ${tierCycle}`)} as "cycleEnergyWh",
        ${countWhere(sql`l.meter_id = b.purchase_meter_id`)} as "summaryMeterCount",
        ${cycleWhere(sql`l.tier_cycle = b.tier_cycle`)} as "summaryCycleEnergyWh",
        (select max(s.id) from vending_ledger s
          where s.account_id = l.account_id and s.kind = 'sale' and not exists (
            select 1 from vending_ledger c where c.kind = 'cancel' and c.refers_to_id = s.id)) as "lastSaleId"
      from vending_ledger l left join account_balances b on b.account_id = l.account_id
      where ${where}
      group by l.account_id`.execute(this.#x.db);
    return result.rows;
  }

  /**
   * Every account whose summary row differs from its entries (empty when all hold): one pass over the
   * ledger, grouped by account, and the rows compared in memory.
   */
  async check(): Promise<LedgerDrift[]> {
    const [rows, summaries] = await Promise.all([
      this.#foldRows(sql`1 = 1`, null, null),
      this.#x.db.selectFrom('accountBalances').selectAll().execute(),
    ]);
    const byAccount = new Map(summaries.map((s) => [s.accountId, s]));
    const drifts: LedgerDrift[] = [];
    for (const row of rows) {
      const accountId = Number(row.accountId);
      const summary = byAccount.get(accountId);
      byAccount.delete(accountId);
      const problems = summaryDrift(summary, foldOf(row));
      if (problems.length > 0) drifts.push({ accountId, problems });
    }
    // Summary rows with no entries at all.
    for (const [accountId, summary] of byAccount) {
      const problems = summaryDrift(summary, emptyFold);
      if (problems.length > 0) drifts.push({ accountId, problems });
    }
    return drifts.sort((a, b) => a.accountId - b.accountId);
  }

  /**
   * Recomputes summaries from the entries: one account's, or every account's. The summary is derived, so
   * this is always safe; run it inside a transaction that holds the account's vending lock (or with the
   * API stopped, for all).
   */
  async rebuild(accountId?: number): Promise<void> {
    const only = accountId === undefined ? sql`` : sql`where l.account_id = ${accountId}`;
    await sql`delete from account_balances ${accountId === undefined ? sql`` : sql`where account_id = ${accountId}`}`.execute(
      this.#x.db,
    );
    await sql`
      insert into account_balances (account_id, entries, last_entry_id, balance_fen, consumed_fen,
        net_energy_wh, consumed_wh, pending_adjustment_wh, last_sale_id, purchase_meter_id, purchase_count,
        tier_cycle, cycle_energy_wh)
      select l.account_id, count(*), max(l.id), sum(l.amount_fen),
        sum(case when l.kind = 'charge' then -l.amount_fen else 0 end), sum(l.energy_wh),
        sum(case when l.kind = 'charge' then -l.energy_wh else 0 end), sum(l.adjustment_wh),
        (select max(s.id) from vending_ledger s
          where s.account_id = l.account_id and s.kind = 'sale' and not exists (
            select 1 from vending_ledger c where c.kind = 'cancel' and c.refers_to_id = s.id)),
        null, 0, null, 0
      from vending_ledger l ${only}
      group by l.account_id`.execute(this.#x.db);
  }

  /**
   * The invariant: where an account's summary differs from its entries folded by `balanceOf` (empty when it
   * holds), including the purchase count and cycle energy it keeps for its own meter and cycle.
   */
  async drift(accountId: number, currentMeterId: number): Promise<string[]> {
    const [entries, summary] = await Promise.all([
      this.#x.db
        .selectFrom('vendingLedger')
        .select(['id', 'kind', 'meterId', 'amountFen', 'energyWh', 'adjustmentWh'])
        .select(['purchaseCount', 'refersToId', 'tierCycle'])
        .where('accountId', '=', accountId)
        .orderBy('id')
        .execute(),
      this.get(accountId),
    ]);
    const count =
      summary === undefined
        ? 0
        : summary.purchaseMeterId === currentMeterId
          ? summary.purchaseCount
          : await this.purchaseCountOn(accountId, currentMeterId);
    const problems = balanceDrift(balanceOf(entries, currentMeterId), balanceOfSummary(summary, count));
    if (summary === undefined) return entries.length === 0 ? problems : [...problems, 'no summary row'];
    if (summary.entries !== entries.length || summary.lastEntryId !== entries.at(-1)?.id) {
      problems.push(
        `entries: ${entries.length} up to ${entries.at(-1)?.id}, summary says ${summary.entries} up to ${summary.lastEntryId}`,
      );
    }
    if (summary.purchaseMeterId !== null) {
      const folded = balanceOf(entries, summary.purchaseMeterId).purchaseCount;
      if (folded !== summary.purchaseCount) {
        problems.push(
          `purchase count on meter ${summary.purchaseMeterId}: entries say ${folded}, summary says ${summary.purchaseCount}`,
        );
      }
    }
    if (summary.tierCycle !== null) {
      const folded = cycleEnergyWh(entries, summary.tierCycle);
      if (folded !== summary.cycleEnergyWh) {
        problems.push(
          `energy in cycle ${summary.tierCycle}: entries say ${folded}, summary says ${summary.cycleEnergyWh}`,
        );
      }
    }
    return problems;
  }
}
