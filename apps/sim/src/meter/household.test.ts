import { describe, expect, it } from 'vitest';
import { fromMeterDateTime, HOUR_MS, MINUTE_MS } from '../time/local-time.ts';
import { Household } from './household.ts';
import type { LoadProfileName } from './load-profile.ts';

const MONDAY = fromMeterDateTime({ year: 2026, month: 3, day: 2 }, 480);

function averageW(household: Household, fromHour: number, toHour: number, dayStart = MONDAY): number {
  let sum = 0;
  let n = 0;
  for (let t = dayStart + fromHour * HOUR_MS; t < dayStart + toHour * HOUR_MS; t += MINUTE_MS) {
    sum += household.powerW(t);
    n++;
  }
  return sum / n;
}

const make = (profile: LoadProfileName, seed: number) =>
  new Household({ id: 'h', profile, peakPowerW: 3_000, seed, utcOffsetMinutes: 480 });

describe('daily load profiles', () => {
  it('a home peaks in the evening, a shop in opening hours, an office on working days', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const home = make('household', seed);
      expect(averageW(home, 18, 22)).toBeGreaterThan(2 * averageW(home, 1, 5));
      const shop = make('shop', seed);
      expect(averageW(shop, 10, 20)).toBeGreaterThan(4 * averageW(shop, 0, 6));
      const office = make('office', seed);
      const saturday = MONDAY + 5 * 24 * HOUR_MS;
      expect(averageW(office, 9, 17)).toBeGreaterThan(3 * averageW(office, 9, 17, saturday));
    }
  });

  it('has randomness between households and minutes, stays within the peak, and is a pure function of time', () => {
    const a = make('household', 1);
    const b = make('household', 2);
    const t = MONDAY + 20 * HOUR_MS;
    expect(a.powerW(t)).not.toBe(b.powerW(t));
    expect(a.powerW(t)).not.toBe(a.powerW(t + MINUTE_MS));
    expect(a.powerW(t + 30_000)).toBe(a.powerW(t));
    for (let m = 0; m < 24 * 60; m++) {
      const watts = a.powerW(MONDAY + m * MINUTE_MS);
      expect(watts).toBeGreaterThan(0);
      expect(watts).toBeLessThanOrEqual(3_000);
      const pf = a.powerFactor(MONDAY + m * MINUTE_MS);
      expect(pf).toBeGreaterThanOrEqual(0.93);
      expect(pf).toBeLessThan(0.99);
    }
  });
});
