import type { CardImage, CustomerCardData } from '../src/vending/card-image.ts';
import type { CardSaleAccount } from '../src/vending/card-sale.ts';

/** A single-phase GB/T 18460 account without transformers, no purchase yet; override what a test needs. */
export function cardAccount(overrides: Partial<CardSaleAccount> = {}): CardSaleAccount {
  return {
    accountNo: 'AC0001',
    meterNo: '00012345',
    replacedMeterNo: null,
    purchaseCount: 0,
    cardSerial: 1,
    standard: 'gb_t_18460',
    multiplier: 1,
    presetKwh: 0,
    pendingAdjustmentWh: 0,
    alarmKwh: 10,
    creditLimitKwh: 0,
    hoardingLimitKwh: 0,
    capacityLimitMode: 0,
    ...overrides,
  };
}

export function blankCard(): CardImage {
  return { format: 'openami-card/1', cardId: 'C1', wrongPasswordAttempts: 0, data: { kind: 'blank' } };
}

/**
 * The account's card after purchase `purchaseCount`, loaded into the meter or not. A loaded card carries what
 * the meter wrote back (its purchase count the card's), unless the test says otherwise.
 */
export function customerCardImage(
  account: CardSaleAccount,
  overrides: Partial<CustomerCardData> = {},
): CardImage {
  const purchaseCount = overrides.purchaseCount ?? account.purchaseCount;
  const meterData =
    (overrides.loaded ?? true) ? { remainingKwh: 0, totalKwh: 0, purchaseCount, statusWord: 0 } : null;
  return {
    format: 'openami-card/1',
    cardId: 'C1',
    wrongPasswordAttempts: 0,
    data: {
      kind: 'customer',
      meterNo: account.meterNo,
      accountNo: account.accountNo,
      cardSerial: account.cardSerial,
      purchaseCount: account.purchaseCount,
      purchaseKwh: 100,
      loaded: true,
      alarmKwh: account.alarmKwh,
      creditLimitKwh: account.creditLimitKwh,
      hoardingLimitKwh: account.hoardingLimitKwh,
      capacityLimitMode: account.capacityLimitMode,
      meterData,
      ...overrides,
    },
  };
}
