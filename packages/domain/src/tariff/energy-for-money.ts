import { type Priced, priceEnergy } from './pricing.ts';
import type { Tariff } from './tariff.ts';

export interface MoneySaleInput {
  readonly tariff: Tariff;
  readonly cycleUsedWh: number;
  readonly moneyFen: number;
  /**
   * Energy is sold in whole steps: 1 Wh for remote accounts, whole kWh on the meter for IC cards (1000 Wh ×
   * the multiplier, see `cardEnergyStepWh`).
   */
  readonly stepWh: number;
}

/** Past this, a sale is a typing mistake, not a purchase: 10 GWh. */
export const maxSaleEnergyWh = 10_000_000_000;

/**
 * Buying by money (001 §3.3.1: the cashier enters the energy or the money): the most energy, in whole steps,
 * whose price rounds to no more than the money. The customer pays that price (`priced.amountFen`), which is
 * the money itself unless a step costs more than a fen; the difference is change, never a silent surplus.
 * Undefined when the money does not buy a single step.
 */
export function energyForMoney(input: MoneySaleInput): { energyWh: number; priced: Priced } | undefined {
  const { stepWh, moneyFen } = input;
  if (!Number.isSafeInteger(stepWh) || stepWh <= 0) throw new RangeError('stepWh must be a positive integer');
  if (!Number.isSafeInteger(moneyFen) || moneyFen < 0) throw new RangeError('money must be whole fen');
  const price = (steps: number) =>
    priceEnergy({
      tariff: input.tariff,
      cycleUsedWh: input.cycleUsedWh,
      usage: { kind: 'advance', energyWh: steps * stepWh },
    });
  const affordable = (steps: number) => price(steps).amountFen <= moneyFen;
  const maxSteps = Math.floor(maxSaleEnergyWh / stepWh);
  if (maxSteps < 1 || !affordable(1)) return undefined;
  // Prices never fall as energy grows, so "affordable" is true up to some step count and false after it.
  let low = 1;
  let high = 2;
  while (high <= maxSteps && affordable(high)) {
    low = high;
    high *= 2;
  }
  high = Math.min(high, maxSteps + 1);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (affordable(middle)) low = middle;
    else high = middle;
  }
  return { energyWh: low * stepWh, priced: price(low) };
}
