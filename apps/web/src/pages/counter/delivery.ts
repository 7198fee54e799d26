import type { Delivery, MeterCommand } from '@openami/contract';
import type { CodedReason } from '../../shared/reason-text.ts';

type Coded = Partial<Pick<MeterCommand, 'reasonCode' | 'reasonParams'>>;

/** A top-up's command, as far as the counter reads it. */
export type SentCommand = Pick<MeterCommand, 'id' | 'kind' | 'state' | 'reason' | 'requestId'> & Coded;

/** Where the money stands (the API's `money`), worded for the cashier under `counter.delivery.money`. */
export type LocalMoney = Delivery['money'];

/** What became of a top-up: the API's `Delivery`, or "not sent" in the counter's own words (no collector). */
export type DeliveryView =
  | { readonly state: 'sent'; readonly command: SentCommand; readonly money?: LocalMoney }
  | ({ readonly state: 'not-sent'; readonly reason: string; readonly money?: LocalMoney } & Coded);

/** Where a local sale's top-up stands for the cashier, and whether "send again" makes sense. */
export type DeliveryStatus =
  | { readonly kind: 'confirmed' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'failed'; readonly why: CodedReason }
  | { readonly kind: 'not-sent'; readonly why: CodedReason };

/** The reason as the API gave it: its text, and its code and parameters when it has them. */
function whyOf(reason: CodedReason): CodedReason {
  return {
    reason: reason.reason,
    reasonCode: reason.reasonCode ?? null,
    reasonParams: reason.reasonParams ?? null,
  };
}

export function deliveryStatus(delivery: DeliveryView): DeliveryStatus {
  if (delivery.state === 'not-sent') return { kind: 'not-sent', why: whyOf(delivery) };
  const { command } = delivery;
  if (command.state === 'confirmed') return { kind: 'confirmed' };
  if (command.state === 'failed') return { kind: 'failed', why: whyOf(command) };
  return { kind: 'pending' };
}

/**
 * A failed or unsent top-up may be sent again: the purchase count is fixed in the sale, so the meter takes it
 * once at most (docs/vending.md, Local fee control).
 */
export function canSendAgain(status: DeliveryStatus): boolean {
  return status.kind === 'failed' || status.kind === 'not-sent';
}
