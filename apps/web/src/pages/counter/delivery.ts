import type { Delivery } from './counter-api.ts';

/** Where a local sale's top-up stands for the cashier, and whether "send again" makes sense. */
export type DeliveryStatus =
  | { readonly kind: 'confirmed' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'not-sent'; readonly reason: string };

export function deliveryStatus(delivery: Delivery): DeliveryStatus {
  if (delivery.state === 'not-sent') return { kind: 'not-sent', reason: delivery.reason };
  const { command } = delivery;
  if (command.state === 'confirmed') return { kind: 'confirmed' };
  if (command.state === 'failed') return { kind: 'failed', reason: command.reason ?? '' };
  return { kind: 'pending' };
}

/**
 * A failed or unsent top-up may be sent again: the purchase count is fixed in the sale, so the meter takes it
 * once at most (docs/vending.md, Local fee control).
 */
export function canSendAgain(status: DeliveryStatus): boolean {
  return status.kind === 'failed' || status.kind === 'not-sent';
}
