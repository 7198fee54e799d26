import type { CardImage, CustomerCardData, MeterDataOnCard } from './card-image.ts';
import { heldByMeter, isLocked } from './card-image.ts';
import { type CardSaleAccount, customerCard } from './card-sale.ts';
import { type Ruled, refuse } from './refusal.ts';

/**
 * What a locked customer card still shows a reader (001 FAQ 12: "只要卡中数据还可以读出用户数据"). Three wrong
 * passwords stop writes for good, not reads: these fields are read, and nothing else is needed to move the
 * card's state to a new card.
 */
export interface LockedCardReading {
  readonly cardId: string;
  readonly accountNo: string;
  /** 表号. */
  readonly meterNo: string;
  readonly cardSerial: number;
  /** 购电次数 of the purchase the card carries. */
  readonly purchaseCount: number;
  /** 购电量 the card carries, meter-side kWh: read, compared with the ledger, never trusted. */
  readonly purchaseKwh: number;
  /** Whether the meter had taken that purchase (the card came back marked as used). */
  readonly loaded: boolean;
  /** What the meter wrote back at the last insertion (剩余电量, 总电量, its count, status word). */
  readonly meterData: MeterDataOnCard | null;
}

/** The account as the transfer sees it: where the ledger stands and what the card must hold. */
export type LockedCardAccount = Pick<
  CardSaleAccount,
  | 'accountNo'
  | 'meterNo'
  | 'replacedMeterNo'
  | 'purchaseCount'
  | 'cardSerial'
  | 'alarmKwh'
  | 'creditLimitKwh'
  | 'hoardingLimitKwh'
  | 'capacityLimitMode'
>;

export interface LockedCardTransfer {
  readonly reading: LockedCardReading;
  /** The whole image to write on the new card, under the account's next card serial. */
  readonly card: CardImage & { readonly data: CustomerCardData };
  /** The locked card, void from now on: its serial is behind the account's, and it is recorded as void. */
  readonly voidCardId: string;
  /** Energy the new card brings the meter that the meter had not taken yet (0 when it holds the purchase). */
  readonly undeliveredKwh: number;
  /** Where the locked card said something other than the ledger; the ledger's figure was used. */
  readonly discrepancies: readonly string[];
}

/** Reads a locked card; a card that is not locked is used as it is, or replaced as lost (FAQ 2). */
export function readLockedCard(card: CardImage): Ruled<{ readonly reading: LockedCardReading }> {
  if (!isLocked(card)) return refuse('card_not_locked', { cardId: card.cardId });
  const data = card.data;
  if (data.kind !== 'customer') return refuse('card_not_customer', { kind: data.kind });
  return {
    ok: true,
    reading: {
      cardId: card.cardId,
      accountNo: data.accountNo,
      meterNo: data.meterNo,
      cardSerial: data.cardSerial,
      purchaseCount: data.purchaseCount,
      purchaseKwh: data.purchaseKwh,
      loaded: data.loaded,
      meterData: data.meterData,
    },
  };
}

/**
 * 001 FAQ 12, a customer card locked by three wrong passwords: "售电后写卡时换新卡进行写入，这样就可以把废卡中
 * 剩余电量与本次购电量一并写入新卡，避免用户损失". What the locked card still shows moves to a blank card, which
 * becomes the account's card under the next serial; the locked one is void.
 *
 * The purchase on the new card is the ledger's, never the locked card's: the count is the account's, the
 * energy the ledger's last sale, whatever the image claims. So a doctored image gains nothing: the meter
 * takes a purchase once (FAQ 3), and the only purchase the new card can carry is one that was sold.
 * - The locked card holds the account's last purchase: the new card carries it, loaded as the locked card
 *   says. If the meter had not taken it, the new card delivers it (the "remaining energy" of the scrap card);
 *   if a customer claims it was not taken when it was, the meter already holds that count and ignores it.
 * - The locked card holds the purchase before the last, taken by the meter: the last sale was recorded and
 *   the card locked as it was written. The new card carries the last sale, to be inserted.
 * - A card of the replaced meter, before any sale on the new one (FAQ 8): the new card is the account's
 *   empty card for the new meter.
 * Anything else (a card of another account or meter, an older serial, a count the ledger does not have) is
 * refused, as a sale would refuse it.
 */
export function planLockedCardTransfer(input: {
  readonly account: LockedCardAccount;
  readonly lockedCard: CardImage;
  readonly newCard: CardImage;
  /** The ledger's last sale on the account's current meter that is not cancelled. */
  readonly lastPurchase: { readonly purchaseCount: number; readonly purchaseKwh: number } | undefined;
}): Ruled<LockedCardTransfer> {
  const { account, newCard, lastPurchase } = input;
  const read = readLockedCard(input.lockedCard);
  if (!read.ok) return read;
  const { reading } = read;
  if (reading.accountNo !== account.accountNo) {
    return refuse('card_wrong_account', { cardAccountNo: reading.accountNo, accountNo: account.accountNo });
  }
  if (reading.cardSerial !== account.cardSerial) {
    return refuse('card_replaced', { cardSerial: reading.cardSerial, currentSerial: account.cardSerial });
  }
  const carriedOver =
    account.replacedMeterNo !== null &&
    account.purchaseCount === 0 &&
    reading.meterNo === account.replacedMeterNo;
  if (reading.meterNo !== account.meterNo && !carriedOver) {
    return refuse('card_wrong_meter', { cardMeterNo: reading.meterNo, meterNo: account.meterNo });
  }
  if (isLocked(newCard)) return refuse('card_locked', { cardId: newCard.cardId });
  if (newCard.cardId === reading.cardId) return refuse('new_card_same', { cardId: newCard.cardId });
  if (newCard.data.kind !== 'blank') return refuse('new_card_not_blank', { kind: newCard.data.kind });

  const carried = carriedPurchase(account, reading, lastPurchase, carriedOver);
  if (!carried.ok) return carried;
  const data: CustomerCardData = {
    ...customerCard({ ...account, cardSerial: account.cardSerial + 1 }, carried.purchase),
    loaded: carried.loaded,
    meterData: carriedOver ? null : reading.meterData,
  };
  return {
    ok: true,
    reading,
    card: { format: 'openami-card/1', cardId: newCard.cardId, wrongPasswordAttempts: 0, data },
    voidCardId: reading.cardId,
    undeliveredKwh: carried.loaded ? 0 : carried.purchase.purchaseKwh,
    discrepancies: carried.discrepancies,
  };
}

function carriedPurchase(
  account: LockedCardAccount,
  reading: LockedCardReading,
  lastPurchase: { readonly purchaseCount: number; readonly purchaseKwh: number } | undefined,
  carriedOver: boolean,
): Ruled<{
  readonly purchase: { readonly purchaseCount: number; readonly purchaseKwh: number };
  readonly loaded: boolean;
  readonly discrepancies: readonly string[];
}> {
  const none = { purchaseCount: 0, purchaseKwh: 0 };
  // Loaded only when the meter's data written back on the card shows it, not by the flag alone.
  const held = heldByMeter(reading);
  if (carriedOver) {
    // FAQ 8: the old meter's last purchase must have reached it; its remaining energy is adjustment energy.
    if (!held) return refuse('card_not_loaded', { purchaseCount: reading.purchaseCount });
    return { ok: true, purchase: none, loaded: true, discrepancies: [] };
  }
  const count = account.purchaseCount;
  if (count === 0) {
    if (reading.purchaseCount !== 0) {
      return refuse('card_count_mismatch', { cardCount: reading.purchaseCount, expectedCount: 0 });
    }
    return { ok: true, purchase: none, loaded: true, discrepancies: [] };
  }
  if (lastPurchase === undefined || lastPurchase.purchaseCount !== count) {
    return refuse('card_count_mismatch', { cardCount: reading.purchaseCount, expectedCount: count });
  }
  if (reading.purchaseCount === count) {
    const discrepancies =
      reading.purchaseKwh === lastPurchase.purchaseKwh
        ? []
        : [`purchaseKwh: the card says ${reading.purchaseKwh}, the ledger ${lastPurchase.purchaseKwh}`];
    return { ok: true, purchase: lastPurchase, loaded: held, discrepancies };
  }
  if (reading.purchaseCount === count - 1 && held) {
    return { ok: true, purchase: lastPurchase, loaded: false, discrepancies: [] };
  }
  return refuse('card_count_mismatch', { cardCount: reading.purchaseCount, expectedCount: count });
}
