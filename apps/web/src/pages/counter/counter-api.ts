/**
 * The counter's own shapes around the vending API: a purchase as the cashier enters it, and a sale with the
 * card it was sold on. What the API sends and accepts is `@openami/contract`'s (docs/vending.md, API).
 */
import type { SaleResult } from '@openami/contract';
import type { CardImage } from './card-image.ts';

export type Purchase =
  | { readonly by: 'energy'; readonly energyWh: number }
  | { readonly by: 'money'; readonly amountFen: number };

/** The sale as the counter shows it after the fact: the answer, and the card the cashier had read. */
export interface SoldSale {
  readonly result: SaleResult;
  readonly cardRead: CardImage | undefined;
}

export function quoteQuery(purchase: Purchase) {
  return purchase.by === 'energy'
    ? { by: 'energy', energyWh: purchase.energyWh }
    : { by: 'money', amountFen: purchase.amountFen };
}
