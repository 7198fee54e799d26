// Local fee control (002; Q/GDW 1365 money-type meters): the meter keeps the balance. A cashier's sale is
// money in the ledger like any other; the station then writes it to the meter as a top-up (开户 for the
// account's first purchase, 充值 after), through the collector, which persists and audits the command,
// authenticates with the security module and confirms it from the meter's purchase records. The purchase
// count is fixed in the sale's ledger entry, so sending the same sale again can never credit the meter twice.
import {
  type Actor,
  type CommandRequest,
  plainReason,
  type ReasonCode,
  reasonColumns,
  recordCommandRequest,
} from '@openami/headend/api';
import type { MeterCommandRow } from '@openami/storage';
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
  | { readonly state: 'sent'; readonly command: MeterCommandRow }
  | {
      readonly state: 'not-sent';
      /** English, for logs; the code (and its parameters) is what the web words for the cashier. */
      readonly reason: string;
      readonly reasonCode: ReasonCode | null;
      readonly reasonParams: Readonly<Record<string, unknown>> | null;
    };

function notSent(reason: string, code: 'no-purchase-count' | 'meter-on-no-port'): LocalDelivery {
  return { state: 'not-sent', reason, ...reasonColumns(plainReason(code)) };
}

/** 客户编号: twelve digits the meter is opened with, from the account's id. */
export function customerNumberOf(accountId: number): string {
  return String(accountId).padStart(12, '0');
}

/**
 * Sends a sale's top-up (`attempt` names a resend: each resend is its own command on record, the purchase
 * count the same). A collector in this process sends it now; otherwise it is persisted pending (and audited)
 * for the collector process that drives the meter, which picks pending commands up. A meter on no terminal
 * port gets nothing, and the reason says so.
 */
export async function sendLocalTopUp(
  services: Pick<AppServices, 'field' | 'store' | 'clock'>,
  sale: LocalSale,
  actor: Actor,
  attempt?: string,
): Promise<LocalDelivery> {
  if (sale.purchaseCount === null) return notSent('the sale carries no purchase count', 'no-purchase-count');
  const request: CommandRequest = {
    kind: 'top-up',
    command: sale.purchaseCount === 1 ? 'open-account' : 'recharge',
    amountFen: sale.amountFen,
    purchaseCount: sale.purchaseCount,
    customerNumber: customerNumberOf(sale.accountId),
    requestId: attempt === undefined ? `top-up-${sale.id}` : `top-up-${sale.id}-${attempt}`,
  };
  const field = services.field;
  if (field?.collects(sale.meterId) === true)
    return { state: 'sent', command: await field.command(sale.meterId, request, actor) };
  const meter = await services.store.meters.get(sale.meterId);
  if (meter === undefined || meter.terminalPortId === null)
    return notSent('the meter is on no terminal port, so no collector can reach it', 'meter-on-no-port');
  const now = services.clock();
  const { command } = await services.store.transaction((tx) =>
    recordCommandRequest(tx, sale.meterId, request, actor, now),
  );
  return { state: 'sent', command };
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
  return { entryId: sale.id, delivery: await sendLocalTopUp(services, sale, actorOf(context), attempt) };
}
