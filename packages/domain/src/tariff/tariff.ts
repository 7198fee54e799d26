/**
 * The four shapes of tariff a Chinese utility or property office sells by (issue 6, DOMAIN.md §4):
 *
 * - `flat`: one price for every kWh.
 * - `tiered` (阶梯电价): the price rises with the energy used in a cycle (a year or a month); tier bounds are
 *   cumulative kWh within the cycle, the last tier open-ended.
 * - `time_of_use` (分时电价): one price per period of the day, 尖/峰/平/谷 (sharp, peak, flat, valley), the
 *   periods laid out by a day calendar (see `calendar.ts`).
 * - `tiered_time_of_use`: time-of-use prices with tier surcharges on top, as residential tariffs combine them:
 *   every kWh pays its period's price, and every kWh beyond a tier bound in the cycle pays that tier's
 *   surcharge (加价) as well.
 *
 * All prices are integers in 10⁻⁴ fen per kWh (see `price.ts`).
 */
export const periodNames = ['sharp', 'peak', 'flat', 'valley'] as const;
/** 尖, 峰, 平, 谷. */
export type PeriodName = (typeof periodNames)[number];

export const periodNamesZh: Readonly<Record<PeriodName, string>> = {
  sharp: '尖',
  peak: '峰',
  flat: '平',
  valley: '谷',
};

export const tierCycles = ['yearly', 'monthly'] as const;
export type TierCycle = (typeof tierCycles)[number];

export interface FlatTariff {
  readonly kind: 'flat';
  readonly priceE4FenPerKwh: number;
}

/** A tier runs from the previous tier's bound up to `upToKwh` (null: no upper bound; only the last). */
export interface PricedTier {
  readonly upToKwh: number | null;
  readonly priceE4FenPerKwh: number;
}

export interface TieredTariff {
  readonly kind: 'tiered';
  readonly cycle: TierCycle;
  readonly tiers: readonly PricedTier[];
}

/** A segment of a day: from `from` ("HH:MM", site-local) until the next segment's `from`, or midnight. */
export interface DaySegment {
  readonly from: string;
  readonly period: PeriodName;
}

export interface DaySchedule {
  readonly name: string;
  readonly segments: readonly DaySegment[];
}

/**
 * Which day schedule applies on a date: the first rule naming the date (`MM-DD`) wins, then the first rule
 * naming its month (1–12), then `defaultSchedule`. Summer schedules with a 尖 period are month rules;
 * holidays are date rules.
 */
export interface CalendarRule {
  readonly months?: readonly number[];
  readonly dates?: readonly string[];
  readonly schedule: string;
}

export interface TouCalendar {
  readonly schedules: readonly DaySchedule[];
  readonly rules: readonly CalendarRule[];
  readonly defaultSchedule: string;
}

export type PeriodPrices = Readonly<Partial<Record<PeriodName, number>>>;

interface TimeOfUseFields {
  readonly prices: PeriodPrices;
  readonly calendar: TouCalendar;
  /**
   * Energy bought in advance (an IC-card sale) has not been used yet, so it has no period. It is priced at
   * this period's price, and the explanation says so.
   */
  readonly advanceSalePeriod: PeriodName;
}

export interface TimeOfUseTariff extends TimeOfUseFields {
  readonly kind: 'time_of_use';
}

/** A tier of a combined tariff adds `surchargeE4FenPerKwh` to every kWh inside it. */
export interface SurchargeTier {
  readonly upToKwh: number | null;
  readonly surchargeE4FenPerKwh: number;
}

export interface TieredTimeOfUseTariff extends TimeOfUseFields {
  readonly kind: 'tiered_time_of_use';
  readonly cycle: TierCycle;
  readonly tiers: readonly SurchargeTier[];
}

export type Tariff = FlatTariff | TieredTariff | TimeOfUseTariff | TieredTimeOfUseTariff;
export type TariffKind = Tariff['kind'];
export const tariffKinds: readonly TariffKind[] = ['flat', 'tiered', 'time_of_use', 'tiered_time_of_use'];

/** The cycle whose energy decides the tier, or undefined when the tariff has no tiers. */
export function tierCycleOf(tariff: Tariff): TierCycle | undefined {
  return tariff.kind === 'tiered' || tariff.kind === 'tiered_time_of_use' ? tariff.cycle : undefined;
}
