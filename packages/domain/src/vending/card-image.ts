/**
 * What an IC card holds, as OpenAMI sees it (001 §4, appendix 1). The byte layout of a real card belongs to
 * the card's driver; the rules work on this image. A virtual card stores it as JSON (docs/card-image.md).
 *
 * Card kinds (001 §4.1, FAQ 9–13): the customer's purchase card (用户购电卡); the check card (查电卡) that
 * reads a meter's data; the meter-reading card (抄表卡); the preset card (预置卡) that gives new meters test
 * credit; the clear card (清零卡); and a blank card.
 */
export const cardKinds = ['blank', 'customer', 'check', 'meter_reading', 'preset', 'clear'] as const;
export type CardKind = (typeof cardKinds)[number];

/** What the meter writes back when it takes a card (001 §3.3: "读回电表实时数据"). Energies meter-side, kWh. */
export interface MeterDataOnCard {
  readonly remainingKwh: number;
  readonly totalKwh: number;
  readonly purchaseCount: number;
  readonly statusWord: number;
}

export interface CustomerCardData {
  readonly kind: 'customer';
  /** 表号: the meter's factory number. */
  readonly meterNo: string;
  readonly accountNo: string;
  /** Which card of the account this is: a replacement gets the next serial, and older ones are refused. */
  readonly cardSerial: number;
  /** 购电次数: the meter takes the purchase only when this is its own count + 1 (001 FAQ 7). */
  readonly purchaseCount: number;
  /** 写卡电量 of the purchase, meter-side whole kWh. */
  readonly purchaseKwh: number;
  /**
   * Set by the meter when it holds this purchase count (it took the purchase from this card, or from an
   * earlier card with the same count, 001 FAQ 3); the card "comes back marked as used".
   */
  readonly loaded: boolean;
  /** Limits the meter takes from every card (001 appendix 3, 限容方式 note), meter-side kWh. */
  readonly alarmKwh: number;
  readonly creditLimitKwh: number;
  readonly hoardingLimitKwh: number;
  readonly capacityLimitMode: number;
  readonly meterData: MeterDataOnCard | null;
}

/**
 * Whether the meter holds the card's purchase, by what the meter itself wrote back: the `loaded` flag alone
 * is a claim anyone editing an image can make; the meter's data on the card must show this purchase count.
 */
export function heldByMeter(data: Pick<CustomerCardData, 'loaded' | 'purchaseCount' | 'meterData'>): boolean {
  return data.loaded && data.meterData !== null && data.meterData.purchaseCount === data.purchaseCount;
}

export interface PresetCardData {
  readonly kind: 'preset';
  /** Typically 12 kWh (001 §4.1.3). */
  readonly presetKwh: number;
}

export interface ClearCardData {
  readonly kind: 'clear';
  /** The area code of the meters it may clear (001 FAQ 9: 跨区域也无效). */
  readonly areaCode: string;
  /** Empty for meters not yet assigned; otherwise the one meter it clears (001 §4.1.1). */
  readonly meterNo: string;
}

/** One meter's data as a check or meter-reading card carries it back. */
export type MeterReadingOnCard = { readonly meterNo: string } & MeterDataOnCard;

export interface ReadingCardData {
  readonly kind: 'check' | 'meter_reading';
  /** Meters read into the card so far (appendix 1: CPH= shows the count). */
  readonly readings: readonly MeterReadingOnCard[];
  /**
   * Which issue of the card this is, when the platform made it (`planSpecialCard`): a card erased and made
   * again reads its meters afresh, even where a meter shows the same figures as last time.
   */
  readonly issueId?: number;
}

export type CardData =
  | { readonly kind: 'blank' }
  | CustomerCardData
  | PresetCardData
  | ClearCardData
  | ReadingCardData;

/** The card as a whole: its data plus the password counter that locks it (001 FAQ 12). */
export interface CardImage {
  readonly format: 'openami-card/1';
  /** Printed on the card; fixed for its life. */
  readonly cardId: string;
  readonly wrongPasswordAttempts: number;
  readonly data: CardData;
}

/** 001 FAQ 12: three wrong password attempts lock a card for good. */
export const maxWrongPasswordAttempts = 3;

export function isLocked(card: CardImage): boolean {
  return card.wrongPasswordAttempts >= maxWrongPasswordAttempts;
}

/** One more wrong password; the card locks on the third (001 FAQ 12). Data stays readable. */
export function afterWrongPassword(card: CardImage): CardImage {
  return {
    ...card,
    wrongPasswordAttempts: Math.min(card.wrongPasswordAttempts + 1, maxWrongPasswordAttempts),
  };
}

/**
 * Erasing (001 FAQ 11, 13): a card of any kind becomes blank and can be issued again, unless it is locked.
 */
export function erased(card: CardImage): CardImage | undefined {
  return isLocked(card) ? undefined : { ...card, data: { kind: 'blank' } };
}
