/**
 * The card reader of the browser: the virtual card's image (docs/card-image.md, `openami-card/1`) read from
 * a file or pasted as JSON, and the image to write back offered as a file. The server checks the image in
 * full (`BAD_CARD`); this only makes sure it is a card image at all, so the cashier hears of a wrong file
 * at once.
 */
import {
  type CardKind,
  type CardImage as ContractCardImage,
  type CustomerCardData,
  cardImageFormat as cardFormat,
  cardKinds,
} from '@openami/contract';

/** A card image as the browser read it: its frame checked here, its data the server's to check in full. */
export type CardImage = Omit<ContractCardImage, 'data'> & {
  readonly data: { readonly kind: CardKind; readonly [field: string]: unknown };
};

export type CardReading =
  | { readonly ok: true; readonly card: CardImage }
  | { readonly ok: false; readonly problem: 'notJson' | 'notCard' };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a card image from text; the CLI's card file (`{ card: … }`) is taken as well. */
export function readCardText(text: string): CardReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'notJson' };
  }
  const image = isObject(parsed) && isObject(parsed.card) ? parsed.card : parsed;
  if (
    !isObject(image) ||
    image.format !== cardFormat ||
    typeof image.cardId !== 'string' ||
    typeof image.wrongPasswordAttempts !== 'number' ||
    !isObject(image.data) ||
    !cardKinds.some((k) => k === (image.data as { kind?: unknown }).kind)
  ) {
    return { ok: false, problem: 'notCard' };
  }
  return { ok: true, card: image as unknown as CardImage };
}

/** 001 FAQ 12: three wrong passwords lock a card for good. */
export function isLocked(card: CardImage): boolean {
  return card.wrongPasswordAttempts >= 3;
}

/** Loaded as the server counts it: the meter's written-back data on the card shows this purchase. */
export function heldByMeter(data: CustomerCardData): boolean {
  return data.loaded && data.meterData !== null && data.meterData.purchaseCount === data.purchaseCount;
}

export function customerData(card: CardImage | undefined): CustomerCardData | undefined {
  return card?.data.kind === 'customer' ? (card.data as CustomerCardData) : undefined;
}

/**
 * The image to write after a sale, a cancel or a replacement: the card in the reader with the server's data.
 * Without a card read (a replacement written to a new card), a new card id is made up from the account.
 */
export function cardToWrite(
  read: CardImage | undefined,
  data: CardImage['data'],
  newCardId: string,
): CardImage {
  return {
    format: cardFormat,
    cardId: read?.cardId ?? newCardId,
    wrongPasswordAttempts: read?.wrongPasswordAttempts ?? 0,
    data,
  };
}

/** The file the cashier saves and writes with `openami card` (or a reader's driver). */
export function cardFileName(card: CardImage): string {
  return `card-${card.cardId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

export function cardJson(card: CardImage): string {
  return `${JSON.stringify(card, null, 2)}\n`;
}
