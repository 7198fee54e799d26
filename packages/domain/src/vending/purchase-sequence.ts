import type { CardImage } from './card-image.ts';
import { heldByMeter, isLocked } from './card-image.ts';
import { type Ruled, refuse } from './refusal.ts';

/** Where the account stands for its card: what the next card must show before a sale. */
export interface CardAccountState {
  /** 表号 of the meter now on the account. */
  readonly meterNo: string;
  /** The meter the account had before a replacement, while no sale has been made on the new one. */
  readonly replacedMeterNo: string | null;
  /** Sales on the current meter that were not cancelled. */
  readonly purchaseCount: number;
  /** The serial of the card last issued; older cards were reported lost (001 FAQ 2). */
  readonly cardSerial: number;
}

/**
 * Purchase-count sequencing (001 FAQ 4 and 7). The meter takes a purchase only when the card's count is its
 * own + 1, so if a card is not inserted every later purchase is stuck; the system therefore refuses a new sale
 * until the card comes back marked as loaded ("若用户购电后未插卡，应要求用户插卡一次，才能进行下一次购电").
 * Loaded means the meter's written-back data shows the purchase (`heldByMeter`), not the flag alone.
 * A blank card is accepted only for the first purchase on the meter; a card of a replaced meter only for
 * the first purchase on the new one (001 FAQ 8: the customer keeps the card).
 */
export function checkPurchaseSequence(state: CardAccountState, card: CardImage): Ruled<object> {
  if (isLocked(card)) return refuse('card_locked', { cardId: card.cardId });
  const data = card.data;
  if (data.kind === 'blank') return checkBlankCard(state);
  if (data.kind !== 'customer') return refuse('card_not_customer', { kind: data.kind });
  if (data.cardSerial < state.cardSerial) {
    // 001 FAQ 2: "用户即使找到丢失的卡也不能再使用".
    return refuse('card_replaced', { cardSerial: data.cardSerial, currentSerial: state.cardSerial });
  }
  const carriedOver = state.replacedMeterNo !== null && data.meterNo === state.replacedMeterNo;
  if (data.meterNo !== state.meterNo && !(carriedOver && state.purchaseCount === 0)) {
    return refuse('card_wrong_meter', { cardMeterNo: data.meterNo, meterNo: state.meterNo });
  }
  if (carriedOver)
    return heldByMeter(data)
      ? { ok: true }
      : refuse('card_not_loaded', { purchaseCount: data.purchaseCount });
  if (data.purchaseCount !== state.purchaseCount) {
    return refuse('card_count_mismatch', {
      cardCount: data.purchaseCount,
      expectedCount: state.purchaseCount,
    });
  }
  if (state.purchaseCount > 0 && !heldByMeter(data)) {
    return refuse('card_not_loaded', { purchaseCount: data.purchaseCount });
  }
  return { ok: true };
}

/**
 * A blank card is the card of an account's first purchase only. Later the account has a card: after a meter
 * replacement, the old meter's card that the customer keeps (001 FAQ 8); otherwise its current card, which a
 * lost card's replacement (补卡) restores.
 */
function checkBlankCard(state: CardAccountState): Ruled<object> {
  if (state.replacedMeterNo !== null && state.purchaseCount === 0) {
    return refuse('blank_card_after_meter_replacement', {
      replacedMeterNo: state.replacedMeterNo,
      cardSerial: state.cardSerial,
    });
  }
  if (state.purchaseCount > 0) {
    return refuse('blank_card_account_has_card', {
      purchaseCount: state.purchaseCount,
      cardSerial: state.cardSerial,
    });
  }
  return { ok: true };
}
