// What an urban Chinese flat draws, as an expected power for each local minute: a level set by how many
// people live there and by the household's own habits, shaped by the hour (a morning and an evening peak over
// a night base of fridge and standby), by weekday or weekend, and by the season (air conditioning in summer,
// electric heating in winter, in a city of the hot-summer/cold-winter belt such as Wuhan, where flats have
// no district heating). The figures and where they come from are in docs/simulator.md; in short:
//
// - Level. 城乡居民生活用电量 13,524 亿kWh in 2023 (National Energy Administration, 2024-01-18) over 49,416万
//   family households (7th national census, NBS communiqué no. 2, 2021-05-11: 2.62 persons each) is
//   2,737 kWh a household a year, 7.5 kWh a day. The model's mean over the census mix of sizes is that.
// - Household sizes. The 2020 census's family households by size (Fujian Statistical Yearbook 2021,
//   table 3-6: 1 person 27.3 %, 2 26.3 %, 3 19.4 %, 4 14.2 %, 5 and more 12.8 %; nationally one-person
//   households are 25.39 %, China Population Census Yearbook 2020). Use grows with size more slowly than
//   the number of people (shared fridge, lighting, cooking): as the square root here.
// - Season. Residential use in 2023 by month (NEA monthly releases): July 1,631 亿kWh, January–February
//   2,469, January–July 7,827. Per day against the year's mean: July 1.42, January–February 1.13,
//   March–June 0.82. The shares of cooling and heating below reproduce those ratios.
// - Day. Smart-meter data of 2,000 Chengdu households 2014–2016 (Kang & Reiner, Cambridge Working Papers in
//   Economics 2143, 2021): a morning and an evening peak, weekends that differ from workdays, and summer
//   nights when most households double their use (bedroom air conditioners).
import { hashUnit } from '../random.ts';

/** Household sizes 1…5 (5 stands for 5 and more) and their shares of urban family households. */
export const HOUSEHOLD_SIZE_SHARES: readonly number[] = [0.273, 0.263, 0.194, 0.142, 0.128];

/** A household's mean daily use over a year by its size, Wh: 4.9 kWh for one person, × √persons. */
export const DAILY_WH_BY_SIZE: readonly number[] = [4_900, 6_900, 8_400, 9_700, 10_900];

/** Shares of the year's energy: appliances and lighting (all year), cooling, heating. */
const APPLIANCE_SHARE = 0.68;
const COOLING_SHARE = 0.18;
const HEATING_SHARE = 0.14;
/** Weekends at home use more; weekdays make up the rest so that a week averages 1. */
const WEEKEND_FACTOR = 1.12;
const WEEKDAY_FACTOR = (7 - 2 * WEEKEND_FACTOR) / 5;
/** Spread of the households' own habits: log-normal, σ = 0.3 (a fifth use under 0.78×, a fifth over 1.27×). */
const HABIT_SIGMA = 0.3;

// Hourly shapes, 0:00 … 23:00, each scaled below to a mean of 1.
const WEEKDAY_APPLIANCES = [
  0.35, 0.3, 0.28, 0.28, 0.28, 0.35, 0.8, 1.3, 1.0, 0.7, 0.65, 0.9, 1.1, 0.8, 0.65, 0.65, 0.8, 1.3, 1.9, 2.2,
  2.1, 1.8, 1.2, 0.65,
];
const WEEKEND_APPLIANCES = [
  0.4, 0.33, 0.3, 0.28, 0.28, 0.3, 0.5, 0.9, 1.2, 1.1, 1.05, 1.25, 1.35, 1.0, 0.9, 0.9, 1.0, 1.35, 1.8, 2.0,
  1.95, 1.7, 1.25, 0.75,
];
/** Bedroom air conditioners through the night, the living room's in the evening. */
const COOLING = [
  1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.5, 0.3, 0.3, 0.4, 0.5, 0.7, 0.9, 1.0, 1.0, 1.0, 0.9, 1.0, 1.3, 1.6, 1.8,
  1.8, 1.7, 1.5,
];
/** Heaters on getting up and in the evening. */
const HEATING = [
  0.6, 0.5, 0.5, 0.5, 0.5, 0.7, 1.4, 1.6, 1.2, 0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.8, 1.0, 1.3, 1.7, 1.9, 1.9,
  1.7, 1.3, 0.9,
];
// How much cooling and heating a month needs, January … December (mid-month), scaled to a mean of 1.
const COOLING_BY_MONTH = [0, 0, 0, 0, 0.1, 0.5, 1.7, 1.7, 0.5, 0.05, 0, 0];
const HEATING_BY_MONTH = [1.6, 1.3, 0.55, 0.1, 0, 0, 0, 0, 0, 0.05, 0.5, 1.3];

const toMeanOne = (table: readonly number[]): readonly number[] => {
  const mean = table.reduce((sum, value) => sum + value, 0) / table.length;
  return table.map((value) => value / mean);
};
const SHAPES = {
  weekday: toMeanOne(WEEKDAY_APPLIANCES),
  weekend: toMeanOne(WEEKEND_APPLIANCES),
  cooling: toMeanOne(COOLING),
  heating: toMeanOne(HEATING),
  coolingByMonth: toMeanOne(COOLING_BY_MONTH),
  heatingByMonth: toMeanOne(HEATING_BY_MONTH),
};

/** The household size a uniform draw in [0, 1) falls on, by the census shares. */
export function householdSizeOf(draw: number): number {
  let cumulative = 0;
  for (const [index, share] of HOUSEHOLD_SIZE_SHARES.entries()) {
    cumulative += share;
    if (draw < cumulative) return index + 1;
  }
  return HOUSEHOLD_SIZE_SHARES.length;
}

/** One household's lasting traits, drawn from its seed. */
export interface ResidentialTraits {
  readonly occupants: number;
  /** Mean daily use over a year, Wh. */
  readonly dailyWh: number;
  /** How hard this household runs its air conditioners and heaters, 1 on average. */
  readonly coolingFactor: number;
  readonly heatingFactor: number;
}

export function residentialTraits(seed: number, occupants?: number): ResidentialTraits {
  const size = occupants ?? householdSizeOf(hashUnit(seed, 0x5123));
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`a household has 1 or more occupants, not ${size}`);
  // Box–Muller from two draws; clipped so that no household is absurd, normalised to a mean of 1.
  const u1 = Math.max(hashUnit(seed, 0x4ab1), 1e-9);
  const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * hashUnit(seed, 0x4ab2));
  const clipped = Math.max(-2.5, Math.min(2.5, normal));
  const habit = Math.exp(HABIT_SIGMA * clipped - (HABIT_SIGMA * HABIT_SIGMA) / 2);
  const base = DAILY_WH_BY_SIZE[Math.min(size, DAILY_WH_BY_SIZE.length) - 1] as number;
  return {
    occupants: size,
    dailyWh: base * habit,
    coolingFactor: 0.4 + 1.2 * hashUnit(seed, 0xc001),
    heatingFactor: 0.2 + 1.6 * hashUnit(seed, 0x4ea7),
  };
}

/** A local wall-clock moment, as the load needs it. */
export interface LocalMoment {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
}

/** The household's expected power at a local moment, W (before the variation of its hours and minutes). */
export function expectedResidentialW(traits: ResidentialTraits, at: LocalMoment): number {
  const weekend = at.weekday === 0 || at.weekday === 6;
  const appliances =
    APPLIANCE_SHARE *
    (weekend ? WEEKEND_FACTOR : WEEKDAY_FACTOR) *
    hourly(weekend ? SHAPES.weekend : SHAPES.weekday, at);
  const season = monthPosition(at);
  const cooling =
    COOLING_SHARE *
    traits.coolingFactor *
    monthly(SHAPES.coolingByMonth, season) *
    hourly(SHAPES.cooling, at);
  const heating =
    HEATING_SHARE *
    traits.heatingFactor *
    monthly(SHAPES.heatingByMonth, season) *
    hourly(SHAPES.heating, at);
  return (traits.dailyWh / 24) * (appliances + cooling + heating);
}

/**
 * The hour's value, the same all through the hour: a home's hour is a level (what the family is doing), and
 * a fast-forward that samples each hour's (or quarter's) first minute then meters it as a minute-by-minute
 * run would.
 */
function hourly(table: readonly number[], at: LocalMoment): number {
  return table[at.hour] as number;
}

/** Months since 1 January at this day's middle: 0.5 is mid-January. */
function monthPosition(at: LocalMoment): number {
  const daysInMonth = new Date(Date.UTC(at.year, at.month, 0)).getUTCDate();
  return at.month - 1 + (at.day - 0.5) / daysInMonth;
}

/** Linear between mid-months, round the year. */
function monthly(table: readonly number[], position: number): number {
  const from = Math.floor(position - 0.5);
  const fraction = position - 0.5 - from;
  const here = table[(from + 12) % 12] as number;
  const next = table[(from + 13) % 12] as number;
  return here + (next - here) * fraction;
}
