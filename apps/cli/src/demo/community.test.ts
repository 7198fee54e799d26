import { DAILY_WH_BY_SIZE, type Field, freeBasePort, startField } from '@openami/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_COMMUNITY, fieldOf, households } from './community.ts';

const HOUR = 3_600_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');
const HOURS = 365 * 24;

describe('the demo community’s households', () => {
  const homes = households(FULL_COMMUNITY);
  let field: Field;

  beforeAll(async () => {
    const ports = FULL_COMMUNITY.buildings * FULL_COMMUNITY.unitsPerBuilding + 1;
    field = await startField(
      fieldOf(FULL_COMMUNITY, homes, { basePort: await freeBasePort(ports), timeFactor: 1 }),
    );
  });
  afterAll(async () => {
    await field.stop();
  });

  it('are made the same from the same seed, one to five people each, in the census’s mix', () => {
    expect(households(FULL_COMMUNITY)).toEqual(homes);
    const sizes = [1, 2, 3, 4, 5].map((n) => homes.filter((h) => h.occupants === n).length / homes.length);
    // 2020 census (docs/simulator.md): 27.3 %, 26.3 %, 19.4 %, 14.2 %, 12.8 %.
    expect(sizes[0]).toBeGreaterThan(0.2);
    expect(sizes[4]).toBeGreaterThan(0.07);
    expect(sizes.every((share) => share > 0.05 && share < 0.35)).toBe(true);
  });

  it('use what urban Chinese flats use over a simulated year, and none draws more than its meter takes', () => {
    // Fast-forwarded in-process: each flat's load sampled once an hour (at a minute that moves) for a year.
    const kwhPerDay: number[] = [];
    for (const home of homes) {
      const meter = field.meter(home.address);
      expect(meter.household.residential?.occupants).toBe(home.occupants);
      const capacityA = meter.config.maxCurrentA;
      let wh = 0;
      let maxW = 0;
      for (let h = 0; h < HOURS; h++) {
        const watts = meter.household.powerW(YEAR_START + h * HOUR + ((h * 37) % 60) * 60_000);
        wh += watts;
        maxW = Math.max(maxW, watts);
      }
      // The current at the lowest power factor the appliances have (0.93) stays within the meter's 40 A.
      expect(maxW / (meter.config.nominalVoltageV * 0.93)).toBeLessThanOrEqual(capacityA);
      expect(meter.config.peakPowerW / (meter.config.nominalVoltageV * 0.93)).toBeLessThanOrEqual(capacityA);
      kwhPerDay.push(wh / 365 / 1000);
    }
    const mean = kwhPerDay.reduce((sum, day) => sum + day, 0) / kwhPerDay.length;
    // 2,737 kWh a household a year in 2023 (NEA residential use over the census's family households): 7.5 a day.
    expect(mean).toBeGreaterThan(6.5);
    expect(mean).toBeLessThan(8.5);
    const sorted = [...kwhPerDay].sort((a, b) => a - b);
    // Nobody near the 22–46 kWh a day the demo used to show; single people and big families apart.
    expect(sorted.at(-1)).toBeLessThan(25);
    expect(sorted[0]).toBeGreaterThan(1.5);
    const bySize = (n: number) => {
      const days = homes.flatMap((h, i) => (h.occupants === n ? [kwhPerDay[i] as number] : []));
      return days.reduce((sum, day) => sum + day, 0) / days.length;
    };
    expect(bySize(5)).toBeGreaterThan(bySize(1));
    expect(bySize(1)).toBeCloseTo((DAILY_WH_BY_SIZE[0] as number) / 1000, 0);
  });
});
