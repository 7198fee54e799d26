import { exactCostE7Fen, exactScale, roundHalfUpToFen } from './price.ts';
import { type PeriodName, periodNames, type Tariff } from './tariff.ts';

/**
 * What is being priced. `advance`: energy bought ahead of use (an IC-card or local fee-control sale), which
 * has no period yet. `metered`: energy measured per period, as the meter's tariff registers report it
 * (DL/T 645 费率1–4 = 尖/峰/平/谷).
 */
export type Usage =
  | { readonly kind: 'advance'; readonly energyWh: number }
  | { readonly kind: 'metered'; readonly byPeriodWh: Readonly<Partial<Record<PeriodName, number>>> };

export interface PricingInput {
  readonly tariff: Tariff;
  readonly usage: Usage;
  /** Energy already priced in the current tier cycle, before this usage; 0 for tariffs without tiers. */
  readonly cycleUsedWh: number;
}

/**
 * One line of the explanation. Tier lines give the stretch of the cycle they cover (`fromWh`–`toWh`, cycle
 * energy), so a dispute can be checked against the year's or month's total. Amounts are exact (10⁻⁷ fen).
 */
export type PricedLine =
  | {
      readonly kind: 'flat';
      readonly energyWh: number;
      readonly priceE4FenPerKwh: number;
      readonly exactE7Fen: bigint;
    }
  | {
      readonly kind: 'tier';
      readonly tier: number;
      readonly fromWh: number;
      readonly toWh: number;
      readonly energyWh: number;
      readonly priceE4FenPerKwh: number;
      readonly exactE7Fen: bigint;
    }
  | {
      readonly kind: 'period';
      readonly period: PeriodName;
      /** True when the energy was bought ahead and priced at the tariff's `advanceSalePeriod`. */
      readonly advance: boolean;
      readonly energyWh: number;
      readonly priceE4FenPerKwh: number;
      readonly exactE7Fen: bigint;
    }
  | {
      readonly kind: 'surcharge';
      readonly tier: number;
      readonly fromWh: number;
      readonly toWh: number;
      readonly energyWh: number;
      readonly surchargeE4FenPerKwh: number;
      readonly exactE7Fen: bigint;
    };

export interface Priced {
  readonly energyWh: number;
  readonly lines: readonly PricedLine[];
  /** The exact sum of the lines. */
  readonly exactE7Fen: bigint;
  /** The exact sum rounded half up to fen, once (see `roundHalfUpToFen`). */
  readonly amountFen: number;
  /** amountFen − exact, in 10⁻⁷ fen: what rounding added (positive) or dropped (negative). */
  readonly roundingE7Fen: bigint;
}

export class PricingError extends Error {
  override readonly name = 'PricingError';
  readonly reason: 'negative_energy' | 'unpriced_period';
  constructor(reason: PricingError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Prices energy against a tariff, line by line. Pure and exact: the lines' exact amounts add up to
 * `exactE7Fen`, and pricing a usage in two consecutive parts (the second with `cycleUsedWh` moved on by the
 * first) gives the same exact total as pricing it whole.
 */
export function priceEnergy(input: PricingInput): Priced {
  const { tariff, usage } = input;
  const energyWh = totalOf(usage);
  const lines: PricedLine[] = [];
  switch (tariff.kind) {
    case 'flat':
      if (energyWh > 0) {
        lines.push({
          kind: 'flat',
          energyWh,
          priceE4FenPerKwh: tariff.priceE4FenPerKwh,
          exactE7Fen: exactCostE7Fen(energyWh, tariff.priceE4FenPerKwh),
        });
      }
      break;
    case 'tiered':
      for (const stretch of tierStretches(tariff.tiers, input.cycleUsedWh, energyWh)) {
        const price = tariff.tiers[stretch.tier - 1]?.priceE4FenPerKwh ?? 0;
        lines.push({
          kind: 'tier',
          ...stretch,
          priceE4FenPerKwh: price,
          exactE7Fen: exactCostE7Fen(stretch.energyWh, price),
        });
      }
      break;
    case 'time_of_use':
    case 'tiered_time_of_use': {
      const byPeriod: Partial<Record<PeriodName, number>> =
        usage.kind === 'advance' ? { [tariff.advanceSalePeriod]: usage.energyWh } : usage.byPeriodWh;
      for (const period of periodNames) {
        const periodWh = byPeriod[period] ?? 0;
        if (periodWh === 0) continue;
        const price = tariff.prices[period];
        if (price === undefined) {
          throw new PricingError('unpriced_period', `the tariff has no price for the ${period} period`);
        }
        lines.push({
          kind: 'period',
          period,
          advance: usage.kind === 'advance',
          energyWh: periodWh,
          priceE4FenPerKwh: price,
          exactE7Fen: exactCostE7Fen(periodWh, price),
        });
      }
      if (tariff.kind === 'tiered_time_of_use') {
        for (const stretch of tierStretches(tariff.tiers, input.cycleUsedWh, energyWh)) {
          const surcharge = tariff.tiers[stretch.tier - 1]?.surchargeE4FenPerKwh ?? 0;
          if (surcharge === 0) continue;
          lines.push({
            kind: 'surcharge',
            ...stretch,
            surchargeE4FenPerKwh: surcharge,
            exactE7Fen: exactCostE7Fen(stretch.energyWh, surcharge),
          });
        }
      }
      break;
    }
  }
  const exactE7Fen = lines.reduce((sum, line) => sum + line.exactE7Fen, 0n);
  const amountFen = roundHalfUpToFen(exactE7Fen);
  return {
    energyWh,
    lines,
    exactE7Fen,
    amountFen,
    roundingE7Fen: BigInt(amountFen) * exactScale - exactE7Fen,
  };
}

function totalOf(usage: Usage): number {
  const parts = usage.kind === 'advance' ? [usage.energyWh] : Object.values(usage.byPeriodWh);
  let total = 0;
  for (const part of parts) {
    if (part === undefined) continue;
    if (!Number.isSafeInteger(part) || part < 0) {
      throw new PricingError('negative_energy', 'energy to price must be whole, non-negative Wh');
    }
    total += part;
  }
  return total;
}

interface TierStretch {
  readonly tier: number;
  readonly fromWh: number;
  readonly toWh: number;
  readonly energyWh: number;
}

/** Splits [cycleUsedWh, cycleUsedWh + energyWh) of the cycle at the tier bounds. */
function tierStretches(
  tiers: readonly { readonly upToKwh: number | null }[],
  cycleUsedWh: number,
  energyWh: number,
): TierStretch[] {
  if (!Number.isSafeInteger(cycleUsedWh) || cycleUsedWh < 0) {
    throw new PricingError('negative_energy', 'the energy used in the cycle must be whole, non-negative Wh');
  }
  const stretches: TierStretch[] = [];
  const end = cycleUsedWh + energyWh;
  let lower = 0;
  tiers.forEach((tier, i) => {
    const upper = tier.upToKwh === null ? Number.POSITIVE_INFINITY : tier.upToKwh * 1000;
    const from = Math.max(lower, cycleUsedWh);
    const to = Math.min(upper, end);
    if (to > from) stretches.push({ tier: i + 1, fromWh: from, toWh: to, energyWh: to - from });
    lower = upper;
  });
  return stretches;
}
