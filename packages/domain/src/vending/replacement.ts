import type { CustomerCardData } from './card-image.ts';
import { type CardSaleAccount, customerCard } from './card-sale.ts';

/**
 * 补卡, a lost card (001 §4.1.4, FAQ 2 and 3). The replacement carries the last purchase again, under the
 * next card serial, so the found old card is refused at the counter. Whether the old card had been inserted
 * or not, nothing is gained or lost: if it had, the meter already holds that purchase count and does not
 * take it twice ("因补卡时写入的是第五次购电数据…用户用补给的卡再插一次也无用"); if not, the replacement
 * delivers it. With no purchase yet, the replacement is an empty card of the account.
 */
export function replacementCard(
  account: Pick<
    CardSaleAccount,
    | 'meterNo'
    | 'accountNo'
    | 'cardSerial'
    | 'alarmKwh'
    | 'creditLimitKwh'
    | 'hoardingLimitKwh'
    | 'capacityLimitMode'
  >,
  lastPurchase: { readonly purchaseCount: number; readonly purchaseKwh: number } | undefined,
): CustomerCardData {
  const card = customerCard(
    { ...account, cardSerial: account.cardSerial + 1 },
    lastPurchase ?? { purchaseCount: 0, purchaseKwh: 0 },
  );
  return lastPurchase === undefined ? { ...card, loaded: true } : card;
}

/**
 * 换表 (001 FAQ 8, appendix 3 找补电量): the old meter's remaining energy becomes adjustment energy for the next
 * purchase, so the customer keeps both the card and the energy. Remaining energy is read off the old meter
 * (meter-side Wh; the display reads to 0.01 kWh; negative when it ran past zero on credit); adjustment
 * energy is customer Wh, so it is scaled by the old meter's multiplier. 12 kWh left → +12 000 Wh; 12 kWh
 * overdrawn → −12 000 Wh.
 */
export function meterReplacementAdjustmentWh(input: {
  readonly oldRemainingWh: number;
  readonly oldMultiplier: number;
}): number {
  if (!Number.isSafeInteger(input.oldRemainingWh)) throw new RangeError('remaining energy is whole Wh');
  return input.oldRemainingWh * input.oldMultiplier;
}
