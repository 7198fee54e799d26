import {
  applyPresetEnergy,
  type CardStandard,
  checkHoardingLimit,
  checkMinimumWrite,
  writeCardEnergy,
} from './card-energy.ts';
import type { CardImage, CustomerCardData } from './card-image.ts';
import { type CardAccountState, checkPurchaseSequence } from './purchase-sequence.ts';
import type { Ruled } from './refusal.ts';

/** The meter and account facts a card sale needs, meter-side limits in kWh. */
export interface CardSaleAccount extends CardAccountState {
  readonly accountNo: string;
  readonly standard: CardStandard;
  readonly multiplier: number;
  /** The preset card's credit on this meter (001 §4.1.3, typically 12 kWh); 0 when none was given. */
  readonly presetKwh: number;
  /** 找补电量 not yet carried by a sale, customer Wh (positive: owed to the customer; negative: owed back). */
  readonly pendingAdjustmentWh: number;
  readonly alarmKwh: number;
  readonly creditLimitKwh: number;
  readonly hoardingLimitKwh: number;
  readonly capacityLimitMode: number;
}

export interface CardSalePlan {
  readonly purchaseCount: number;
  readonly writeKwh: number;
  readonly adjustmentAppliedWh: number;
  readonly presetDeductedKwh: number;
  /** What to write on the customer's card. */
  readonly card: CustomerCardData;
}

export interface CardSaleEnergy {
  readonly writeKwh: number;
  readonly adjustmentAppliedWh: number;
  readonly presetDeductedKwh: number;
}

/**
 * The energy rules of a card sale, without the card in hand (a quote applies these alone): (purchase +
 * adjustment) / multiplier, the preset energy, the JB/T 8382 minimum and, when the card brought back the
 * meter's remaining energy, the hoarding limit. The pending adjustment rides on this sale, all but a fraction
 * of a kWh (001 appendix 3 找补电量: "下次用户购电300度，写卡电量为300+（12）=312度").
 */
export function cardSaleEnergy(input: {
  readonly account: CardSaleAccount;
  readonly purchasedWh: number;
  readonly remainingKwh?: number | undefined;
}): Ruled<CardSaleEnergy> {
  const { account } = input;
  const written = writeCardEnergy({
    purchasedWh: input.purchasedWh,
    adjustmentWh: account.pendingAdjustmentWh,
    multiplier: account.multiplier,
  });
  if (!written.ok) return written;
  const preset = applyPresetEnergy({
    standard: account.standard,
    firstPurchase: account.purchaseCount === 0 && account.replacedMeterNo === null,
    writeKwh: written.writeKwh,
    presetKwh: account.presetKwh,
  });
  if (!preset.ok) return preset;
  const minimum = checkMinimumWrite(account.standard, preset.writeKwh);
  if (!minimum.ok) return minimum;
  const hoarding = checkHoardingLimit({
    writeKwh: preset.writeKwh,
    remainingKwh: input.remainingKwh,
    hoardingLimitKwh: account.hoardingLimitKwh,
  });
  if (!hoarding.ok) return hoarding;
  return {
    ok: true,
    writeKwh: preset.writeKwh,
    adjustmentAppliedWh: written.adjustmentAppliedWh,
    presetDeductedKwh: preset.presetDeductedKwh,
  };
}

/**
 * Every 001 rule of a card sale, in the order the cashier meets them: the card in hand (purchase count,
 * meter, lost and locked cards), then the energy rules of `cardSaleEnergy`.
 */
export function planCardSale(input: {
  readonly account: CardSaleAccount;
  readonly card: CardImage;
  readonly purchasedWh: number;
}): Ruled<CardSalePlan> {
  const { account, card } = input;
  const sequence = checkPurchaseSequence(account, card);
  if (!sequence.ok) return sequence;
  const energy = cardSaleEnergy({
    account,
    purchasedWh: input.purchasedWh,
    remainingKwh: card.data.kind === 'customer' ? card.data.meterData?.remainingKwh : undefined,
  });
  if (!energy.ok) return energy;
  const purchaseCount = account.purchaseCount + 1;
  return {
    ok: true,
    purchaseCount,
    writeKwh: energy.writeKwh,
    adjustmentAppliedWh: energy.adjustmentAppliedWh,
    presetDeductedKwh: energy.presetDeductedKwh,
    card: {
      ...customerCard(account, { purchaseCount, purchaseKwh: energy.writeKwh }),
      // What this meter last wrote back stays on the card: it shows the purchase before this one held, so a
      // cancel can give the card back as loaded with the meter's own word for it.
      meterData:
        card.data.kind === 'customer' && card.data.meterNo === account.meterNo ? card.data.meterData : null,
    },
  };
}

/** The customer card for an account carrying one purchase, not yet loaded into the meter. */
export function customerCard(
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
  purchase: { readonly purchaseCount: number; readonly purchaseKwh: number },
): CustomerCardData {
  return {
    kind: 'customer',
    meterNo: account.meterNo,
    accountNo: account.accountNo,
    cardSerial: account.cardSerial,
    purchaseCount: purchase.purchaseCount,
    purchaseKwh: purchase.purchaseKwh,
    loaded: false,
    alarmKwh: account.alarmKwh,
    creditLimitKwh: account.creditLimitKwh,
    hoardingLimitKwh: account.hoardingLimitKwh,
    capacityLimitMode: account.capacityLimitMode,
    meterData: null,
  };
}
