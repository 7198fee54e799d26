import { type Ruled, refuse } from './refusal.ts';

/**
 * Card energy: the card and the meter count in whole kWh on the meter's side of its transformers (001
 * appendix 1 shows 购电量 as "999999 KWh"); the ledger counts the customer's Wh on the primary side.
 */
export const cardStandards = ['gb_t_18460', 'jb_t_8382', 'none'] as const;
export type CardStandard = (typeof cardStandards)[number];

/** 001 appendix 3 写卡电量: "部标JB/T8382电卡表有一个最小购电量12度的要求". */
export const jbt8382MinimumWriteKwh = 12;

/** One whole meter-side kWh in customer Wh: the step a card sale is sold in. */
export function cardEnergyStepWh(multiplier: number): number {
  return 1000 * multiplier;
}

/**
 * 001 appendix 3 写卡电量 = (购电量 + 找补电量) / 电表倍率. Example: purchase 30 000 kWh, multiplier 300 →
 * 100 kWh on the card. The purchase itself must be whole meter-side kWh (a sale by money is rounded down to
 * them). Adjustment energy may carry a fraction (the old meter's display reads to 0.01 kWh): the card takes
 * the whole kWh of the sum, and the fraction stays pending for the next sale, so none is lost.
 */
export function writeCardEnergy(input: {
  readonly purchasedWh: number;
  readonly adjustmentWh: number;
  readonly multiplier: number;
}): Ruled<{ readonly writeKwh: number; readonly adjustmentAppliedWh: number }> {
  const step = cardEnergyStepWh(input.multiplier);
  if (input.purchasedWh % step !== 0) {
    return refuse('write_energy_not_whole', { purchasedWh: input.purchasedWh, multiplier: input.multiplier });
  }
  const totalWh = input.purchasedWh + input.adjustmentWh;
  const writeKwh = Math.floor(totalWh / step);
  if (writeKwh <= 0) return refuse('write_energy_not_positive', { writeKwh });
  const carriedWh = totalWh - writeKwh * step;
  return { ok: true, writeKwh, adjustmentAppliedWh: input.adjustmentWh - carriedWh };
}

/** 001 appendix 3 写卡电量: JB/T 8382 meters refuse less than 12 kWh on the card. */
export function checkMinimumWrite(standard: CardStandard, writeKwh: number): Ruled<object> {
  if (standard === 'jb_t_8382' && writeKwh < jbt8382MinimumWriteKwh) {
    return refuse('below_minimum_write', { writeKwh, minimumKwh: jbt8382MinimumWriteKwh });
  }
  return { ok: true };
}

/**
 * 001 appendix 3 预置电量: a GB/T 18460 meter deducts the preset energy itself when the customer card is first
 * inserted; for a JB/T 8382 meter the system deducts it when it writes the first card. Either way the first
 * purchase must exceed the preset energy ("用户第1次购电时的购电要大于预置电量"), or the meter would be left
 * below zero. Returns the energy to write and what was deducted at the sale.
 */
export function applyPresetEnergy(input: {
  readonly standard: CardStandard;
  readonly firstPurchase: boolean;
  readonly writeKwh: number;
  readonly presetKwh: number;
}): Ruled<{ readonly writeKwh: number; readonly presetDeductedKwh: number }> {
  if (!input.firstPurchase || input.presetKwh === 0) {
    return { ok: true, writeKwh: input.writeKwh, presetDeductedKwh: 0 };
  }
  if (input.writeKwh <= input.presetKwh) {
    return refuse('first_purchase_not_above_preset', {
      writeKwh: input.writeKwh,
      presetKwh: input.presetKwh,
    });
  }
  if (input.standard === 'jb_t_8382') {
    return { ok: true, writeKwh: input.writeKwh - input.presetKwh, presetDeductedKwh: input.presetKwh };
  }
  return { ok: true, writeKwh: input.writeKwh, presetDeductedKwh: 0 };
}

/**
 * 001 appendix 3 囤积限量: the meter will not take a card while purchase + remaining > the hoarding limit.
 * Refusing at the counter, when the card brought back the remaining energy, spares the customer a trip to
 * the meter with a card it would reject. 0 means no limit.
 */
export function checkHoardingLimit(input: {
  readonly writeKwh: number;
  readonly remainingKwh: number | undefined;
  readonly hoardingLimitKwh: number;
}): Ruled<object> {
  if (input.hoardingLimitKwh === 0 || input.remainingKwh === undefined) return { ok: true };
  if (input.writeKwh + input.remainingKwh > input.hoardingLimitKwh) {
    return refuse('hoarding_limit', {
      writeKwh: input.writeKwh,
      remainingKwh: input.remainingKwh,
      hoardingLimitKwh: input.hoardingLimitKwh,
      mostKwh: Math.max(0, input.hoardingLimitKwh - input.remainingKwh),
    });
  }
  return { ok: true };
}
