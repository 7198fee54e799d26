import type { CodedReason } from '../../api/reasons.ts';
import type { Delivery } from './counter-api.ts';

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

export function deliveryStatus(delivery: Delivery): DeliveryStatus {
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
