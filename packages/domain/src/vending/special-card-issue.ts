import { scopeIncludes } from '../area-scope.ts';
import type { CardData, CardImage } from './card-image.ts';
import { isLocked } from './card-image.ts';
import { type Ruled, refuse } from './refusal.ts';

/** The special cards the counter makes (制作专用卡, 001 §4.1): every kind but the customer's own card. */
export const specialCardKinds = ['preset', 'clear', 'check', 'meter_reading'] as const;
export type SpecialCardKind = (typeof specialCardKinds)[number];

/** An area as a clear card sees it: its code goes on the card, its path says which meters are in it. */
export interface ClearCardArea {
  readonly code: string;
  /** Materialised path of the area (`/1/4/9/`, see `area-scope.ts`). */
  readonly path: string;
}

/** What the cashier asked for, with the facts the platform looked up. */
export type SpecialCardOrder =
  | { readonly kind: 'preset'; readonly presetKwh: number }
  | {
      readonly kind: 'clear';
      readonly area: ClearCardArea;
      /** The one meter the card may clear, with the path of its area; none for a general card. */
      readonly meter: { readonly factoryNo: string; readonly areaPath: string } | undefined;
    }
  | { readonly kind: 'check' | 'meter_reading'; readonly issueId: number };

/** A customer card the platform still counts as some open account's card: erasing it loses the customer's card. */
export interface CardInUse {
  readonly accountNo: string;
  readonly cardSerial: number;
}

/**
 * 制作专用卡 (001 §4.1, FAQ 11): a card read at the counter becomes a preset, clear, check or meter-reading
 * card. "写电卡前系统会自动检查电卡的类型，并自动擦除电卡内原有数据后再写入新卡的数据": any card that can still
 * be written is erased and written, whatever it held, except
 * - a locked card (FAQ 12): it can never be written again;
 * - the card an open account counts as its current card: making it a special card would take the customer's
 *   card away (replace it first, §4.1.4, or close the account);
 * - a clear card for a meter outside the card's area: "跨区域也无效" (FAQ 9), so the card would be useless.
 *
 * The clear card: "电新表未入库使用时，清零卡不需输入出厂编号可通用，但当电表已分配给用户使用时，只能输入出厂编号和
 * 电表对应，否则电表不认" (§4.1.1). Without a meter it is general and clears any new meter of its area; with one
 * it clears that meter only. "Of its area" is the area or any area beneath it. The preset card is generic
 * (FAQ 10). The check and meter-reading cards start empty and carry their issue, so that their readings are
 * known again when the card comes back (`cardReadingKey`).
 */
export function planSpecialCard(input: {
  readonly card: CardImage;
  readonly order: SpecialCardOrder;
  readonly inUse: CardInUse | undefined;
}): Ruled<{ readonly card: CardImage }> {
  const { card, order, inUse } = input;
  if (isLocked(card)) return refuse('card_unwritable', { cardId: card.cardId });
  if (inUse !== undefined) {
    return refuse('card_in_use', {
      cardId: card.cardId,
      accountNo: inUse.accountNo,
      cardSerial: inUse.cardSerial,
    });
  }
  if (
    order.kind === 'clear' &&
    order.meter !== undefined &&
    !scopeIncludes({ kind: 'paths', paths: [order.area.path] }, order.meter.areaPath)
  ) {
    return refuse('meter_not_in_area', { meterNo: order.meter.factoryNo, areaCode: order.area.code });
  }
  return { ok: true, card: specialCardImage(card, order) };
}

/** The image a special card is written with: the card read, erased, with the order's data (no checks). */
export function specialCardImage(card: CardImage, order: SpecialCardOrder): CardImage {
  return {
    format: 'openami-card/1',
    cardId: card.cardId,
    wrongPasswordAttempts: card.wrongPasswordAttempts,
    data: dataOf(order),
  };
}

function dataOf(order: SpecialCardOrder): CardData {
  switch (order.kind) {
    case 'preset':
      if (!Number.isSafeInteger(order.presetKwh) || order.presetKwh < 1) {
        throw new RangeError('the preset energy is whole kWh, at least 1');
      }
      return { kind: 'preset', presetKwh: order.presetKwh };
    case 'clear':
      return { kind: 'clear', areaCode: order.area.code, meterNo: order.meter?.factoryNo ?? '' };
    case 'check':
    case 'meter_reading':
      return { kind: order.kind, readings: [], issueId: order.issueId };
  }
}
