// Daily load shapes of the premises a meter supplies, as a fraction of the premises' peak power for each
// local hour. A home peaks in the evening, a shop over its opening hours, an office on working days.

export type LoadProfileName = 'household' | 'shop' | 'office';

export const LOAD_PROFILE_NAMES: readonly LoadProfileName[] = ['household', 'shop', 'office'];

interface LoadProfile {
  readonly weekday: readonly number[];
  readonly weekend: readonly number[];
  /** Power-factor range of the premises' appliances. */
  readonly powerFactor: readonly [number, number];
  /** Chance that a heavy appliance (kettle, heater, air conditioner) runs in a given quarter hour. */
  readonly burstChance: number;
}

const HOUSEHOLD = [
  0.08, 0.07, 0.06, 0.06, 0.06, 0.08, 0.18, 0.35, 0.3, 0.18, 0.15, 0.22, 0.28, 0.2, 0.16, 0.16, 0.2, 0.35,
  0.55, 0.7, 0.75, 0.65, 0.45, 0.2,
];
const SHOP = [
  0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3, 0.6, 0.75, 0.85, 0.9, 0.85, 0.8, 0.8, 0.85, 0.9, 0.95,
  0.95, 0.9, 0.5, 0.08, 0.05,
];
const OFFICE = [
  0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.75, 0.9, 0.95, 0.9, 0.7, 0.85, 0.9, 0.9, 0.85, 0.6, 0.3, 0.15,
  0.12, 0.1, 0.1, 0.1,
];

export const LOAD_PROFILES: Readonly<Record<LoadProfileName, LoadProfile>> = {
  household: { weekday: HOUSEHOLD, weekend: HOUSEHOLD, powerFactor: [0.93, 0.99], burstChance: 0.12 },
  shop: { weekday: SHOP, weekend: SHOP, powerFactor: [0.88, 0.96], burstChance: 0.05 },
  office: { weekday: OFFICE, weekend: OFFICE.map(() => 0.1), powerFactor: [0.85, 0.95], burstChance: 0.03 },
};

/** The shape's value at a local time, linear between hours. */
export function profileFraction(
  name: LoadProfileName,
  weekday: number,
  hour: number,
  minute: number,
): number {
  const profile = LOAD_PROFILES[name];
  const table = weekday === 0 || weekday === 6 ? profile.weekend : profile.weekday;
  const here = table[hour] as number;
  const next = table[(hour + 1) % 24] as number;
  return here + ((next - here) * minute) / 60;
}
