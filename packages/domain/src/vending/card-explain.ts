import type { ExplainLocale } from '../tariff/explain.ts';
import { formatKwh } from '../tariff/price.ts';

/** A card sale's energy steps, as the ledger keeps them. */
export interface CardEnergySteps {
  /** Energy bought, customer Wh. */
  readonly purchasedWh: number;
  /** 找补电量 carried onto this card, customer Wh (+ owed to the customer, − owed back). */
  readonly adjustmentAppliedWh: number;
  /** The meter's multiplier (电表倍率: CT × PT). */
  readonly multiplier: number;
  /** The preset card's energy deducted at this sale (a JB/T 8382 meter's first card), meter-side kWh. */
  readonly presetDeductedKwh: number;
  /** 写卡电量, meter-side whole kWh. */
  readonly writeKwh: number;
}

/**
 * How the energy on the card follows from the energy bought (001 appendix 3): 写卡电量 = (购电量 + 找补电量) ÷
 * 电表倍率, less the preset energy on a JB/T 8382 meter's first card. Every step is printed, the multiplier
 * even when it is 1, so "300 kWh bought, 312 kWh on the card" always shows why.
 */
export function explainCardEnergy(steps: CardEnergySteps, locale: ExplainLocale): string[] {
  const zh = locale === 'zh-CN';
  const bought = `${formatKwh(steps.purchasedWh)} kWh`;
  const adjustment = `${formatKwh(Math.abs(steps.adjustmentAppliedWh))} kWh`;
  const sign = steps.adjustmentAppliedWh < 0 ? '−' : '+';
  const beforePresetKwh = steps.writeKwh + steps.presetDeductedKwh;
  const sum =
    steps.adjustmentAppliedWh === 0
      ? zh
        ? `购电量 ${bought}`
        : `${bought} bought`
      : zh
        ? `(购电量 ${bought} ${sign} 找补电量 ${adjustment})`
        : `(${bought} bought ${sign} ${adjustment} adjustment)`;
  const lines = [
    zh
      ? `写卡电量 = ${sum} ÷ 电表倍率 ${steps.multiplier} = ${beforePresetKwh} kWh`
      : `On the card = ${sum} ÷ multiplier ${steps.multiplier} = ${beforePresetKwh} kWh`,
  ];
  if (steps.presetDeductedKwh > 0) {
    lines.push(
      zh
        ? `首次购电扣除预置电量 ${steps.presetDeductedKwh} kWh（JB/T 8382 电表）：写卡 ${steps.writeKwh} kWh`
        : `Less the ${steps.presetDeductedKwh} kWh preset energy (first card of a JB/T 8382 meter): ${steps.writeKwh} kWh on the card`,
    );
  }
  return lines;
}

/**
 * The multiplier a recorded card sale used, from its own figures: bought + carried adjustment is exactly the
 * whole kWh before the preset, times the multiplier, times 1000. Undefined when the figures do not divide.
 */
export function multiplierOfCardSale(steps: Omit<CardEnergySteps, 'multiplier'>): number | undefined {
  const wh = (steps.writeKwh + steps.presetDeductedKwh) * 1000;
  const total = steps.purchasedWh + steps.adjustmentAppliedWh;
  if (wh <= 0 || total % wh !== 0) return undefined;
  return total / wh;
}
