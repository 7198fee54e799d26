import { describe, expect, it } from 'vitest';
import { fromMeterDateTime, HOUR_MS, toMeterDateTime } from '../time/local-time.ts';
import { Household } from './household.ts';
import { HOUSEHOLD_SIZE_SHARES, householdSizeOf } from './residential-load.ts';

const OFFSET = 480;
const YEAR_START = fromMeterDateTime({ year: 2025, month: 1, day: 1 }, OFFSET);
const HOURS = 365 * 24;
const HOMES = 300;

/**
 * A year of 300 homes of the census's mix, fast-forwarded in-process: one sample an hour, at a minute that
 * moves from hour to hour so the quarter-hour bursts and the minute noise are sampled fairly.
 */
function simulateYear() {
  const byMonth = new Array<number>(12).fill(0);
  const daysInMonth = new Array<number>(12).fill(0);
  const byHour = new Array<number>(24).fill(0);
  const julyNight = { wh: 0, n: 0 };
  const aprilNight = { wh: 0, n: 0 };
  let weekdayWh = 0;
  let weekendWh = 0;
  const perHomeWh: number[] = [];
  for (let seed = 1; seed <= HOMES; seed++) {
    const home = new Household({
      id: `h${seed}`,
      profile: 'household',
      peakPowerW: 8_000,
      seed,
      utcOffsetMinutes: OFFSET,
    });
    let homeWh = 0;
    for (let h = 0; h < HOURS; h++) {
      const at = YEAR_START + h * HOUR_MS + ((h * 37) % 60) * 60_000;
      const wh = home.powerW(at);
      const local = toMeterDateTime(at, OFFSET);
      homeWh += wh;
      byMonth[local.month - 1] = (byMonth[local.month - 1] as number) + wh;
      byHour[local.hour] = (byHour[local.hour] as number) + wh;
      if (local.weekday === 0 || local.weekday === 6) weekendWh += wh;
      else weekdayWh += wh;
      if (local.hour < 6 && local.month === 7) {
        julyNight.wh += wh;
        julyNight.n++;
      }
      if (local.hour < 6 && local.month === 4) {
        aprilNight.wh += wh;
        aprilNight.n++;
      }
      if (seed === 1 && local.hour === 0)
        daysInMonth[local.month - 1] = (daysInMonth[local.month - 1] as number) + 1;
    }
    perHomeWh.push(homeWh);
  }
  const kwhPerDay = (wh: number, days: number) => wh / HOMES / days / 1000;
  const annualPerDay = kwhPerDay(
    perHomeWh.reduce((sum, wh) => sum + wh, 0),
    365,
  );
  const monthPerDay = (months: number[]) =>
    kwhPerDay(
      months.reduce((sum, m) => sum + (byMonth[m] as number), 0),
      months.reduce((sum, m) => sum + (daysInMonth[m] as number), 0),
    );
  const hourMean = (hours: number[]) =>
    hours.reduce((sum, h) => sum + (byHour[h] as number), 0) / hours.length;
  return {
    annualPerDay,
    perHomePerDay: perHomeWh.map((wh) => wh / 365 / 1000).sort((a, b) => a - b),
    july: monthPerDay([6]) / annualPerDay,
    janFeb: monthPerDay([0, 1]) / annualPerDay,
    marJun: monthPerDay([2, 3, 4, 5]) / annualPerDay,
    eveningOverNight: hourMean([19, 20, 21]) / hourMean([2, 3, 4]),
    morningOverMidday: hourMean([7]) / hourMean([14, 15]),
    summerNightOverSpring: julyNight.wh / julyNight.n / (aprilNight.wh / aprilNight.n),
    // 261 weekdays and 104 weekend days in 2025.
    weekendOverWeekday: weekendWh / 104 / (weekdayWh / 261),
  };
}

describe('the residential load model', () => {
  // The figures and their sources: residential-load.ts and docs/simulator.md.
  const year = simulateYear();

  it('uses what an urban Chinese household uses over a year: 7.5 kWh a day (NEA 2023, census 2020)', () => {
    expect(year.annualPerDay).toBeGreaterThan(6.5);
    expect(year.annualPerDay).toBeLessThan(8.5);
    // Households differ: a single pensioner and a family of five with air conditioners in every room.
    const p10 = year.perHomePerDay[Math.floor(HOMES * 0.1)] as number;
    const p90 = year.perHomePerDay[Math.floor(HOMES * 0.9)] as number;
    expect(p90 / p10).toBeGreaterThan(2);
    expect(year.perHomePerDay.at(-1)).toBeLessThan(25);
  });

  it('peaks in summer and, less, in winter, as residential use did month by month in 2023', () => {
    // National ratios of a day's use to the year's mean: July 1.42, January–February 1.13, March–June 0.82.
    expect(year.july).toBeGreaterThan(1.25);
    expect(year.july).toBeLessThan(1.6);
    expect(year.janFeb).toBeGreaterThan(1.0);
    expect(year.janFeb).toBeLessThan(1.3);
    expect(year.marJun).toBeGreaterThan(0.7);
    expect(year.marJun).toBeLessThan(0.95);
  });

  it('has a morning and an evening peak over a night base, and summer nights at least twice spring’s', () => {
    expect(year.eveningOverNight).toBeGreaterThan(2);
    expect(year.eveningOverNight).toBeLessThan(6);
    expect(year.morningOverMidday).toBeGreaterThan(1);
    expect(year.summerNightOverSpring).toBeGreaterThan(2);
    expect(year.weekendOverWeekday).toBeGreaterThan(1.05);
    expect(year.weekendOverWeekday).toBeLessThan(1.25);
  });

  it('draws household sizes in the census’s shares, and the same seed makes the same home', () => {
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const size = householdSizeOf((i + 0.5) / 10_000);
      counts[size - 1] = (counts[size - 1] as number) + 1;
    }
    counts.forEach((count, index) => {
      expect(count / 10_000).toBeCloseTo(HOUSEHOLD_SIZE_SHARES[index] as number, 2);
    });
    const make = () =>
      new Household({ id: 'h', profile: 'household', peakPowerW: 5_000, seed: 42, utcOffsetMinutes: OFFSET });
    const [a, b] = [make(), make()];
    expect(a.residential).toEqual(b.residential);
    for (let h = 0; h < 48; h++)
      expect(a.powerW(YEAR_START + h * HOUR_MS)).toBe(b.powerW(YEAR_START + h * HOUR_MS));
    const single = new Household({
      id: 'h',
      profile: 'household',
      peakPowerW: 5_000,
      seed: 42,
      utcOffsetMinutes: OFFSET,
      occupants: 1,
    });
    expect(single.residential?.occupants).toBe(1);
  });
});
