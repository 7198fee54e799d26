// The kept balances (`account_balances`) against the ledger they sum: the check an administrator runs, the
// schedule runs, and a refused refund or cancel reports; and the rebuild that makes a row the entries' sum
// again. The ledger's entries are the truth (docs/vending.md): every balance shown and every decision is
// summed from them (situation.ts); a row that differs means it was changed outside the ledger (or a defect
// did it), so it is alarmed (`ledger-drift` on the account's meter) and money going out is refused until an
// administrator has looked and rebuilt it.
import type { AlarmEngine } from '@openami/alarms';
import { summaryDrift } from '@openami/domain';
import type { Store } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { accountInScope } from '../../policies/scope.ts';
import { recordAudit } from '../audit.ts';
import { repeat } from '../repeat.ts';

/** One account whose kept balance differs from its ledger. */
export interface LedgerDrift {
  readonly accountId: number;
  readonly accountNo: string | null;
  readonly meterId: number | null;
  readonly problems: readonly string[];
}

export interface LedgerCheck {
  readonly checkedAt: number;
  readonly drifted: readonly LedgerDrift[];
  /** Accounts whose row was rebuilt from the entries (a rebuild only). */
  readonly rebuilt: readonly number[];
}

async function named(store: Store, accountId: number, problems: readonly string[]): Promise<LedgerDrift> {
  const account = await store.accounts.get(accountId);
  return { accountId, accountNo: account?.accountNo ?? null, meterId: account?.meterId ?? null, problems };
}

/**
 * Compares every account's kept balance with its entries (one pass over the ledger), raises `ledger-drift`
 * on each drifted account's meter and lets the open ones of accounts that agree again clear.
 */
export async function checkLedger(store: Store, alarms: AlarmEngine, now: number): Promise<LedgerCheck> {
  const found = await store.ledger.balances.check();
  const drifted = await Promise.all(found.map((d) => named(store, d.accountId, d.problems)));
  await alarmDrift(store, alarms, drifted, false);
  return { checkedAt: now, drifted, rebuilt: [] };
}

async function alarmDrift(
  store: Store,
  alarms: AlarmEngine,
  drifted: readonly LedgerDrift[],
  rebuilt: boolean,
): Promise<void> {
  const alarmed = new Set<string>();
  for (const d of drifted) {
    if (d.meterId === null) continue;
    alarmed.add(String(d.meterId));
    await alarms.ledgerDrift(d.meterId, { accountId: d.accountId, problems: d.problems });
  }
  const open = (await store.alarms.openAlarms()).filter(
    (a) => a.kind === 'ledger-drift' && !alarmed.has(a.objectId),
  );
  for (const alarm of open) {
    const accountId = Number((alarm.evidence as { accountId?: unknown }).accountId ?? 0);
    await alarms.ledgerDrift(Number(alarm.objectId), { accountId, problems: [] }, rebuilt);
  }
}

/** Whether the caller's areas hold the account (its meter's area). */
async function inScope(context: ServiceContext, accountId: number): Promise<boolean> {
  try {
    await accountInScope(context, accountId);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'AREA_FORBIDDEN') return false;
    throw error;
  }
}

async function ofScope(context: ServiceContext, drifted: readonly LedgerDrift[]): Promise<LedgerDrift[]> {
  const kept: LedgerDrift[] = [];
  for (const d of drifted) if (await inScope(context, d.accountId)) kept.push(d);
  return kept;
}

/**
 * An administrator's check: every account is checked and alarmed (as the schedule does), the answer lists
 * the drifted accounts of the caller's areas, and the check is audited (`vending.ledgerCheck`).
 */
export async function checkLedgerFor(context: ServiceContext, alarms: AlarmEngine): Promise<LedgerCheck> {
  const checked = await checkLedger(context.store, alarms, context.now);
  const drifted = await ofScope(context, checked.drifted);
  await recordAudit(context.store, context, 'vending.ledgerCheck', 'account', '*', {
    drifted: drifted.map((d) => d.accountId),
  });
  return { ...checked, drifted };
}

/**
 * Rebuilds kept balances from the entries: one account's, or every drifted account's in the caller's areas.
 * Each account is rebuilt in its own transaction under its vending lock, so sales on it wait and the API may
 * keep running. Each is audited (`vending.ledgerRebuild`, with what differed; a rebuild that found nothing
 * to change is audited once, by the account or `*`), and the alarms follow.
 */
export async function rebuildLedger(
  context: ServiceContext,
  alarms: AlarmEngine,
  accountId?: number,
): Promise<LedgerCheck> {
  const store = context.store;
  let targets: number[];
  if (accountId === undefined) {
    const found = await store.ledger.balances.check();
    targets = [];
    for (const d of found) if (await inScope(context, d.accountId)) targets.push(d.accountId);
  } else {
    await accountInScope(context, accountId);
    targets = [accountId];
  }
  const rebuilt: number[] = [];
  for (const id of targets) {
    const changed = await store.transaction(async (tx) => {
      await tx.ledger.lockAccount(id, context.now);
      const [summary, fold] = await Promise.all([
        tx.ledger.balances.get(id),
        tx.ledger.balances.fold(id, null, null),
      ]);
      const problems = summaryDrift(summary, fold);
      if (problems.length === 0) return false;
      await tx.ledger.balances.rebuild(id);
      await recordAudit(tx, context, 'vending.ledgerRebuild', 'account', id, { problems });
      return true;
    });
    if (changed) rebuilt.push(id);
  }
  if (rebuilt.length === 0) {
    await recordAudit(store, context, 'vending.ledgerRebuild', 'account', accountId ?? '*', { problems: [] });
  }
  const after = await store.ledger.balances.check();
  const drifted = await Promise.all(after.map((d) => named(store, d.accountId, d.problems)));
  await alarmDrift(store, alarms, drifted, true);
  return { checkedAt: context.now, drifted: await ofScope(context, drifted), rebuilt };
}

/**
 * A refund or cancel found the account's kept balance differing from its ledger: the refusal is audited
 * (`vending.ledgerDrift`) and alarmed on the account's meter, outside the refused transaction.
 */
export async function reportDrift(
  context: ServiceContext,
  alarms: AlarmEngine,
  error: unknown,
): Promise<void> {
  if (!(error instanceof AppError) || error.code !== 'BALANCE_DRIFT') return;
  const accountId = Number(error.details.accountId);
  const problems = (error.details.problems as readonly string[] | undefined) ?? [];
  await recordAudit(context.store, context, 'vending.ledgerDrift', 'account', accountId, { problems });
  const drift = await named(context.store, accountId, problems);
  if (drift.meterId !== null) await alarms.ledgerDrift(drift.meterId, { accountId, problems });
}

/** Refuses money going out of an account whose kept balance differs from its ledger. */
export function refuseOnDrift(situation: {
  readonly account: { readonly id: number; readonly accountNo: string };
  readonly drift: readonly string[];
}): void {
  if (situation.drift.length === 0) return;
  throw new AppError('BALANCE_DRIFT', {
    accountId: situation.account.id,
    accountNo: situation.account.accountNo,
    problems: situation.drift,
  });
}

/**
 * The scheduled check `serve` runs (OPENAMI_LEDGER_CHECK_HOURS): first `firstAfterMs` after start, then
 * every `everyMs`; each drifted account is alarmed and logged as a warning. Returns what stops it.
 */
export function scheduleLedgerCheck(
  store: Store,
  alarms: AlarmEngine,
  options: {
    readonly everyMs: number;
    readonly firstAfterMs?: number;
    readonly clock?: () => number;
    readonly warn: (line: string) => void;
    readonly error: (error: unknown) => void;
  },
): () => void {
  const clock = options.clock ?? Date.now;
  return repeat(
    async () => {
      const checked = await checkLedger(store, alarms, clock());
      for (const d of checked.drifted) {
        options.warn(
          `ledger check: account ${d.accountNo ?? d.accountId} keeps a balance that differs from its ledger (${d.problems.join('; ')}); refunds and cancels on it are refused until \`openami ledger rebuild --account ${d.accountId}\``,
        );
      }
    },
    { everyMs: options.everyMs, firstAfterMs: options.firstAfterMs ?? 60_000, error: options.error },
  );
}
