// Local fee control (002; Q/GDW 1365 money-type meters): the meter keeps the balance. A cashier's sale is
// money in the ledger like any other; the station then writes it to the meter as a top-up (开户 for the
// account's first purchase, 充值 after), through the collector, which persists and audits the command,
// authenticates with the security module and confirms it from the meter's purchase records. The purchase
// count is fixed in the sale's ledger entry, so sending the same sale again can never credit the meter twice.
// Where the money stands (`LocalMoney`) is read from the sale's top-up commands: in the meter once one is
// confirmed; not taken when the meter refused it (or nothing was sent), so the sale can be cancelled; unknown
// when the meter did not answer (send again). No new sale goes on while the last one's money is not in the
// meter, and a sale is checked against the meter's hoarding limit and balance before money is taken.

import { formatYuan } from '@openami/domain';
import {
  type Actor,
  type CommandRequest,
  plainReason,
  type ReasonCode,
  reasonColumns,
  recordCommandRequest,
} from '@openami/headend/api';
import type { MeterCommandRow, Repositories } from '@openami/storage';
import type { AppServices, ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { accountInScope } from '../../policies/scope.ts';
import { actorOf } from '../actor.ts';

export interface LocalSale {
  readonly id: number;
  readonly accountId: number;
  readonly meterId: number;
  readonly amountFen: number;
  readonly purchaseCount: number | null;
}

/**
 * What happened to a sale's top-up: the command on record (confirmed or failed when a collector in this
 * process sent it; pending when it waits in the store for the collector process that drives the meter), or
 * why none could be sent.
 */
export type LocalDelivery =
  | { readonly state: 'sent'; readonly command: MeterCommandRow; readonly money: LocalMoney }
  | {
      readonly state: 'not-sent';
      readonly money: LocalMoney;
      /** English, for logs; the code (and its parameters) is what the web words for the cashier. */
      readonly reason: string;
      readonly reasonCode: ReasonCode | null;
      readonly reasonParams: Readonly<Record<string, unknown>> | null;
    };

/**
 * Where a local sale's money stands: `in-meter` (the meter confirmed the top-up), `being-written` (a command
 * is pending or being sent), `not-taken` (the meter refused it, or nothing was ever sent: the money is only
 * on the account, and the sale may be cancelled), `unknown` (the meter did not answer: send it again, and
 * the meter's purchase records decide).
 */
export type LocalMoney = 'in-meter' | 'being-written' | 'not-taken' | 'unknown';

/**
 * Failures after which the meter certainly does not hold the top-up: it answered with a refusal (a refusal
 * that could mean "already taken" is read back first, and confirms if so), or nothing reached it.
 */
const NOT_TAKEN: ReadonlySet<string> = new Set([
  'security-refused',
  'no-security-module',
  'not-sent',
  'meter-on-no-port',
  'no-purchase-count',
]);

/** The money of a sale from its top-up commands (the first and every resend), oldest first. */
export function moneyOfCommands(
  commands: readonly Pick<MeterCommandRow, 'state' | 'reasonCode'>[],
): LocalMoney {
  if (commands.some((c) => c.state === 'confirmed')) return 'in-meter';
  if (commands.some((c) => c.state === 'pending' || c.state === 'sending')) return 'being-written';
  const latest = commands.at(-1);
  if (latest === undefined) return 'not-taken';
  return latest.reasonCode !== null && NOT_TAKEN.has(latest.reasonCode) ? 'not-taken' : 'unknown';
}

function topUpRequestId(saleId: number): string {
  return `top-up-${saleId}`;
}

/** Where the money of a local sale stands, from its commands on record. */
export async function localMoney(
  repos: Pick<Repositories, 'collection'>,
  saleId: number,
): Promise<LocalMoney> {
  return moneyOfCommands(await repos.collection.commandsOfRequest(topUpRequestId(saleId)));
}

/** Refuses to take a local sale's money back unless the meter certainly does not hold it. */
export async function requireNotInMeter(
  repos: Pick<Repositories, 'collection'>,
  saleId: number,
): Promise<void> {
  const money = await localMoney(repos, saleId);
  if (money === 'in-meter') throw new AppError('LOCAL_TOP_UP_FINAL', { entryId: saleId });
  if (money === 'being-written') throw new AppError('LOCAL_TOP_UP_IN_FLIGHT', { entryId: saleId });
  if (money === 'unknown') throw new AppError('LOCAL_TOP_UP_UNCERTAIN', { entryId: saleId });
}

/**
 * A refund of a local account: the money is in the meter, so none is paid back here. The words say which
 * case it is: the last top-up not taken (cancel that sale instead), not yet answered, or in the meter.
 */
export async function refuseLocalRefund(
  repos: Pick<Repositories, 'collection' | 'ledger'>,
  lastSaleId: number | null,
): Promise<never> {
  if (lastSaleId !== null) {
    const money = await localMoney(repos, lastSaleId);
    if (money === 'not-taken') throw new AppError('LOCAL_TOP_UP_NOT_TAKEN', { entryId: lastSaleId });
    if (money === 'being-written') throw new AppError('LOCAL_TOP_UP_IN_FLIGHT', { entryId: lastSaleId });
    if (money === 'unknown') throw new AppError('LOCAL_TOP_UP_UNCERTAIN', { entryId: lastSaleId });
  }
  throw new AppError('LOCAL_TOP_UP_FINAL', { entryId: lastSaleId });
}

/**
 * No new sale while the account's last sale on this meter is not in the meter: the meter takes only its
 * count + 1, so a sale behind an undelivered one would be refused as well, and money would pile up outside
 * the meter. Call under the account's lock.
 */
export async function requireLastDelivered(
  repos: Pick<Repositories, 'collection' | 'ledger'>,
  lastSaleId: number | null,
  meterId: number,
): Promise<void> {
  if (lastSaleId === null) return;
  const last = await repos.ledger.get(lastSaleId);
  if (last === undefined || last.meterId !== meterId) return;
  const money = await localMoney(repos, lastSaleId);
  if (money !== 'in-meter') throw new AppError('LOCAL_TOP_UP_UNDELIVERED', { entryId: lastSaleId, money });
}

/** 囤积金额限值 (04001004) and 剩余金额 (00900200), yuan as the meter keeps them. */
const HOARDING_LIMIT_MONEY = 0x04001004;
const REMAINING_MONEY = 0x00900200;

/**
 * Before money is taken for a local top-up: what the meter will take, read from it now when a collector in
 * this process drives it (its hoarding limit less its balance). A meter that cannot be read now is not a
 * refusal: the sale goes on and its top-up says what became of it. 0 as the limit means none.
 */
export async function checkMeterTakes(
  services: Pick<AppServices, 'field'>,
  meterId: number,
  amountFen: number,
): Promise<void> {
  const field = services.field;
  if (field?.collects(meterId) !== true || field.peek === undefined) return;
  const values = await field.peek(meterId, [HOARDING_LIMIT_MONEY, REMAINING_MONEY]);
  const fen = (di: number) => {
    const value = values.get(di);
    return typeof value === 'number' ? Math.round(value * 100) : undefined;
  };
  const limitFen = fen(HOARDING_LIMIT_MONEY);
  const remainingFen = fen(REMAINING_MONEY);
  if (limitFen === undefined || remainingFen === undefined || limitFen <= 0) return;
  if (remainingFen + amountFen <= limitFen) return;
  throw new AppError('LOCAL_HOARDING_LIMIT', {
    amountFen,
    remainingFen,
    limitFen,
    mostFen: Math.max(0, limitFen - remainingFen),
    amountYuan: formatYuan(amountFen),
    remainingYuan: formatYuan(remainingFen),
    limitYuan: formatYuan(limitFen),
    mostYuan: formatYuan(Math.max(0, limitFen - remainingFen)),
  });
}

function notSent(reason: string, code: 'no-purchase-count' | 'meter-on-no-port'): LocalDelivery {
  return { state: 'not-sent', reason, money: 'not-taken', ...reasonColumns(plainReason(code)) };
}

/** 客户编号: twelve digits the meter is opened with, from the account's id. */
export function customerNumberOf(accountId: number): string {
  return String(accountId).padStart(12, '0');
}

/** A sale's top-up command (`attempt` names a resend: its own command, the purchase count the same). */
function topUpRequest(sale: LocalSale, attempt: string | undefined): CommandRequest | undefined {
  if (sale.purchaseCount === null) return undefined;
  return {
    kind: 'top-up',
    command: sale.purchaseCount === 1 ? 'open-account' : 'recharge',
    amountFen: sale.amountFen,
    purchaseCount: sale.purchaseCount,
    customerNumber: customerNumberOf(sale.accountId),
    requestId: attempt === undefined ? topUpRequestId(sale.id) : `${topUpRequestId(sale.id)}-${attempt}`,
  };
}

/**
 * Records a sale's top-up as a pending command (audited) in the caller's transaction, under the account's
 * lock, when some collector can reach the meter: a cancel, which checks under the same lock, then sees the
 * money on its way and never pays back what is about to reach the meter. Sending it is `sendLocalTopUp`'s.
 */
export async function recordTopUp(
  tx: Repositories,
  services: Pick<AppServices, 'field'>,
  sale: LocalSale,
  actor: Actor,
  now: number,
  attempt?: string,
): Promise<void> {
  const request = topUpRequest(sale, attempt);
  if (request === undefined) return;
  const reachable =
    services.field?.collects(sale.meterId) === true ||
    ((await tx.meters.get(sale.meterId))?.terminalPortId ?? null) !== null;
  if (reachable) await recordCommandRequest(tx, sale.meterId, request, actor, now);
}

/**
 * Sends a sale's top-up (`attempt` names a resend: each resend is its own command on record, the purchase
 * count the same). A collector in this process sends it now (the command recorded with the sale, or a new
 * one); otherwise it stays pending (and audited) for the collector process that drives the meter, which
 * picks pending commands up. A meter on no terminal port gets nothing, and the reason says so.
 */
export async function sendLocalTopUp(
  services: Pick<AppServices, 'field' | 'store' | 'clock'>,
  sale: LocalSale,
  actor: Actor,
  attempt?: string,
): Promise<LocalDelivery> {
  const request = topUpRequest(sale, attempt);
  if (request === undefined) return notSent('the sale carries no purchase count', 'no-purchase-count');
  const field = services.field;
  const sent = async (command: MeterCommandRow): Promise<LocalDelivery> => ({
    state: 'sent',
    command,
    money: await localMoney(services.store, sale.id),
  });
  if (field?.collects(sale.meterId) === true) return sent(await field.command(sale.meterId, request, actor));
  const meter = await services.store.meters.get(sale.meterId);
  if (meter === undefined || meter.terminalPortId === null) {
    const delivery = notSent(
      'the meter is on no terminal port, so no collector can reach it',
      'meter-on-no-port',
    );
    return { ...delivery, money: await localMoney(services.store, sale.id) };
  }
  const now = services.clock();
  const { command } = await services.store.transaction((tx) =>
    recordCommandRequest(tx, sale.meterId, request, actor, now),
  );
  return sent(command);
}

/**
 * Sends a local fee-control sale to its meter again, after a failure (`attempt` names this resend). The
 * purchase count fixed in the sale makes a double credit impossible, however often it is sent.
 */
export async function resendTopUp(
  context: ServiceContext,
  services: Pick<AppServices, 'field' | 'store' | 'clock'>,
  saleId: number,
  attempt: string,
): Promise<{ readonly entryId: number; readonly delivery: LocalDelivery }> {
  const sale = await context.store.ledger.get(saleId);
  if (sale === undefined || sale.kind !== 'sale')
    throw new AppError('NOT_FOUND', { entity: 'sale', id: saleId });
  const account = await accountInScope(context, sale.accountId);
  if (account.prepaidMode !== 'local' || sale.purchaseCount === null) throw new AppError('NOT_LOCAL_SALE');
  // A cancelled sale's money went back to the customer: its top-up must never reach the meter. Checked and
  // recorded under the account's lock, as a cancel checks.
  const actor = actorOf(context);
  await context.store.transaction(async (tx) => {
    await tx.ledger.lockAccount(sale.accountId, context.now);
    const entries = await tx.ledger.facts(sale.accountId);
    if (entries.some((e) => e.kind === 'cancel' && e.refersToId === sale.id))
      throw new AppError('LOCAL_SALE_CANCELLED', { entryId: sale.id });
    await recordTopUp(tx, services, sale, actor, context.now, attempt);
  });
  return { entryId: sale.id, delivery: await sendLocalTopUp(services, sale, actor, attempt) };
}
