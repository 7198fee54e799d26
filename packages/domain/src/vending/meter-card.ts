import type { CardImage, CustomerCardData } from './card-image.ts';
import { isLocked } from './card-image.ts';

/** What a prepaid card meter keeps about purchases (001 appendix 1: 剩余电量, 购电次数, 囤积限量). Meter-side kWh. */
export interface CardMeterState {
  readonly meterNo: string;
  readonly purchaseCount: number;
  readonly remainingKwh: number;
  readonly totalKwh: number;
  /** Preset credit not yet taken back: a GB/T 18460 meter deducts it at the first customer card. */
  readonly presetPendingKwh: number;
  readonly hoardingLimitKwh: number;
}

export type InsertOutcome =
  | 'loaded'
  | 'already_held'
  | 'wrong_meter'
  | 'count_mismatch'
  | 'hoarding_limit'
  | 'locked'
  | 'not_customer';

/**
 * A customer card inserted into a card meter, from the meter's side: the model the virtual card, the
 * simulator and the tests share. The meter takes the purchase only when the meter number matches and the
 * card's count is its own + 1 (001 FAQ 7); it refuses past the hoarding limit (appendix 3 囤积限量); a GB/T
 * 18460 meter takes back its preset credit at the first card (appendix 3 预置电量). Whenever the meter holds
 * the card's purchase, from this card or an earlier one, it writes back its data and marks the card loaded,
 * which is how a replacement card becomes usable again (001 FAQ 3).
 */
export function insertCard(
  meter: CardMeterState,
  card: CardImage,
): { readonly meter: CardMeterState; readonly card: CardImage; readonly outcome: InsertOutcome } {
  const unchanged = (outcome: InsertOutcome) => ({ meter, card, outcome });
  if (isLocked(card)) return unchanged('locked');
  if (card.data.kind !== 'customer') return unchanged('not_customer');
  const data = card.data;
  if (data.meterNo !== meter.meterNo) return unchanged('wrong_meter');
  if (data.purchaseCount === meter.purchaseCount) {
    return { meter, card: writeBack(card, data, meter), outcome: 'already_held' };
  }
  if (data.purchaseCount !== meter.purchaseCount + 1) return unchanged('count_mismatch');
  if (meter.hoardingLimitKwh > 0 && data.purchaseKwh + meter.remainingKwh > meter.hoardingLimitKwh) {
    return unchanged('hoarding_limit');
  }
  const after: CardMeterState = {
    ...meter,
    purchaseCount: data.purchaseCount,
    remainingKwh: meter.remainingKwh + data.purchaseKwh - meter.presetPendingKwh,
    presetPendingKwh: 0,
    hoardingLimitKwh: data.hoardingLimitKwh,
  };
  return { meter: after, card: writeBack(card, data, after), outcome: 'loaded' };
}

function writeBack(card: CardImage, data: CustomerCardData, meter: CardMeterState): CardImage {
  return {
    ...card,
    data: {
      ...data,
      loaded: true,
      meterData: {
        remainingKwh: meter.remainingKwh,
        totalKwh: meter.totalKwh,
        purchaseCount: meter.purchaseCount,
        statusWord: 0,
      },
    },
  };
}
