// The premises behind a meter: what they draw, independent of the meter that measures it. Load is a pure
// function of time (hashed per minute from the household's seed) so that a meter read once a day and one read
// every second see the same consumption. Swapping two households between meters (wired to the wrong meter)
// moves these objects; the true energy stays with the premises. A home follows the residential model
// (residential-load.ts: its size, habits, the hour, the weekday and the season); shops and offices a daily
// shape under their peak.
import { hashUnit } from '../random.ts';
import { MINUTE_MS, toMeterDateTime } from '../time/local-time.ts';
import { LOAD_PROFILES, type LoadProfileName, profileFraction } from './load-profile.ts';
import { expectedResidentialW, type ResidentialTraits, residentialTraits } from './residential-load.ts';

const QUARTER_MINUTES = 15;
const BURST_SHARE = 0.4;
const HOUR_MINUTES = 60;
const DAY_MINUTES = 1_440;

export interface HouseholdSpec {
  readonly id: string;
  readonly profile: LoadProfileName;
  readonly peakPowerW: number;
  readonly seed: number;
  readonly utcOffsetMinutes: number;
  /** A home's occupants; drawn from the seed by the census's household sizes when not given. */
  readonly occupants?: number;
}

export class Household {
  readonly id: string;
  readonly profile: LoadProfileName;
  readonly peakPowerW: number;
  readonly seed: number;
  readonly utcOffsetMinutes: number;
  /** A test's fixed load, replacing the profile. */
  overrideW: number | undefined;
  /** Extra load switched on (a bypass lets a household run heavier appliances unmetered). */
  extraW = 0;
  /** Energy the premises really consumed (Wh, fractional): the truth a tamper test compares against. */
  trueEnergyWh = 0;
  /** What kind of home this is (residential profile only). */
  readonly residential: ResidentialTraits | undefined;
  private readonly scale: number;

  constructor(spec: HouseholdSpec) {
    this.id = spec.id;
    this.profile = spec.profile;
    this.peakPowerW = spec.peakPowerW;
    this.seed = spec.seed;
    this.utcOffsetMinutes = spec.utcOffsetMinutes;
    this.overrideW = undefined;
    // Households of one kind differ: some use half, some a fifth more than the shape.
    this.scale = 0.5 + 0.7 * hashUnit(spec.seed, 0x5ca1e);
    this.residential =
      spec.profile === 'household' ? residentialTraits(spec.seed, spec.occupants) : undefined;
  }

  /** The power drawn during the minute that contains `epochMs`, in W. */
  powerW(epochMs: number): number {
    if (this.overrideW !== undefined) return this.overrideW + this.extraW;
    const minuteIndex = Math.floor(epochMs / MINUTE_MS);
    const local = toMeterDateTime(minuteIndex * MINUTE_MS, this.utcOffsetMinutes);
    if (this.residential !== undefined) return this.homePowerW(this.residential, local, minuteIndex);
    const shape = profileFraction(this.profile, local.weekday, local.hour, local.minute);
    const noise = 0.8 + 0.4 * hashUnit(this.seed, minuteIndex, 1);
    const quarter = Math.floor(minuteIndex / QUARTER_MINUTES);
    const burst = hashUnit(this.seed, quarter, 2) < LOAD_PROFILES[this.profile].burstChance ? BURST_SHARE : 0;
    return this.peakPowerW * Math.min(1, this.scale * shape * noise + burst) + this.extraW;
  }

  /**
   * A home: the expected power, varied by what the family happens to do that day (±25 %) and that hour
   * (±50 %: the hour someone cooks or showers, the hour nobody is in), and a little minute to minute; on
   * average exactly the expected power, never above the premises' peak. The day's and the hour's levels
   * hold for the whole day and hour, so a fast-forward that samples the first minute of each meters as a
   * minute-by-minute run does.
   */
  private homePowerW(
    traits: ResidentialTraits,
    local: ReturnType<typeof toMeterDateTime>,
    minuteIndex: number,
  ): number {
    const localMinute = minuteIndex + this.utcOffsetMinutes;
    const day = 0.75 + 0.5 * hashUnit(this.seed, Math.floor(localMinute / DAY_MINUTES), 4);
    const hour = 0.5 + hashUnit(this.seed, Math.floor(localMinute / HOUR_MINUTES), 5);
    const minute = 0.9 + 0.2 * hashUnit(this.seed, minuteIndex, 1);
    const drawnW = expectedResidentialW(traits, local) * day * hour * minute;
    return Math.min(this.peakPowerW, drawnW) + this.extraW;
  }

  /** The appliances' power factor during the minute that contains `epochMs`. */
  powerFactor(epochMs: number): number {
    const [low, high] = LOAD_PROFILES[this.profile].powerFactor;
    const quarter = Math.floor(epochMs / (QUARTER_MINUTES * MINUTE_MS));
    return low + (high - low) * hashUnit(this.seed, quarter, 3);
  }
}
