import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  type DailyEnergy,
  judgeConsumptionSpike,
  judgeNoConsumption,
  median,
} from './alarm-abnormal-use.ts';

/** `count` days ending with `last`, each with the energy `energyOf(i)` (i = 0 the first). */
function days(last: string, count: number, energyOf: (i: number) => number, samples = 4): DailyEnergy[] {
  return Array.from({ length: count }, (_, i) => ({
    day: addDaysToDate(last, i - count + 1),
    energyWh: energyOf(i),
    samples,
  }));
}

const noneParams = { days: 3, noneBelowWh: 10 };
const spikeParams = { factor: 3, historyDays: 30, minHistoryDays: 7, floorWh: 10_000 };

describe('no consumption', () => {
  it('holds after three read days without use while the relay is closed', () => {
    const flat = [...days('2026-11-20', 5, () => 8_000), ...days('2026-11-23', 3, () => 0)];
    expect(judgeNoConsumption(flat, '2026-11-23', noneParams, false)).toMatchObject({ state: 'present' });
    expect(judgeNoConsumption(flat, '2026-11-23', noneParams, undefined)).toMatchObject({ state: 'present' });
    expect(judgeNoConsumption(flat, '2026-11-22', noneParams, false)).toMatchObject({ state: 'absent' });
  });

  it('does not hold for a tripped relay, a day with use, or days not read', () => {
    const flat = days('2026-11-23', 3, () => 0);
    expect(judgeNoConsumption(flat, '2026-11-23', noneParams, true)).toMatchObject({ state: 'absent' });
    const used = days('2026-11-24', 4, (i) => (i === 3 ? 1_200 : 0));
    expect(judgeNoConsumption(used, '2026-11-24', noneParams, false)).toMatchObject({ state: 'absent' });
    const unread = days('2026-11-23', 3, () => 0).map((d, i) => (i === 1 ? { ...d, samples: 0 } : d));
    expect(judgeNoConsumption(unread, '2026-11-23', noneParams, false)).toMatchObject({ state: 'unknown' });
    expect(judgeNoConsumption([], '2026-11-23', noneParams, false)).toMatchObject({ state: 'unknown' });
  });

  it('holds exactly when every day of the window is under the limit (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 3 }), (energies) => {
        const verdict = judgeNoConsumption(
          days('2026-12-31', 3, (i) => energies[i] as number),
          '2026-12-31',
          noneParams,
          false,
        );
        expect(verdict.state).toBe(energies.every((e) => e < 10) ? 'present' : 'absent');
      }),
    );
  });
});

describe('consumption spike', () => {
  it('holds for a day above three times the median and the floor, and ends with a normal day', () => {
    const history = days('2026-11-29', 30, (i) => 6_000 + (i % 5) * 500);
    const spike = [...history, { day: '2026-11-30', energyWh: 40_000, samples: 4 }];
    expect(judgeConsumptionSpike(spike, '2026-11-30', spikeParams)).toMatchObject({
      state: 'present',
      evidence: { energyWh: 40_000, medianWh: 7_000, historyDays: 30 },
    });
    const normal = [...spike, { day: '2026-12-01', energyWh: 7_500, samples: 4 }];
    expect(judgeConsumptionSpike(normal, '2026-12-01', spikeParams)).toMatchObject({ state: 'absent' });
  });

  it('needs the floor and enough history', () => {
    const small = [...days('2026-11-29', 30, () => 300), { day: '2026-11-30', energyWh: 5_000, samples: 1 }];
    expect(judgeConsumptionSpike(small, '2026-11-30', spikeParams)).toMatchObject({ state: 'absent' });
    const young = [...days('2026-11-29', 6, () => 300), { day: '2026-11-30', energyWh: 50_000, samples: 1 }];
    expect(judgeConsumptionSpike(young, '2026-11-30', spikeParams)).toMatchObject({ state: 'unknown' });
  });

  it('never calls a day a spike below the floor or within the factor of the median (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 7, maxLength: 30 }),
        fc.integer({ min: 0, max: 500_000 }),
        (history, todayWh) => {
          const daily = [
            ...days('2026-12-30', history.length, (i) => history[i] as number),
            { day: '2026-12-31', energyWh: todayWh, samples: 1 },
          ];
          const verdict = judgeConsumptionSpike(daily, '2026-12-31', spikeParams);
          const spike = todayWh >= 10_000 && todayWh > 3 * median(history);
          expect(verdict.state).toBe(spike ? 'present' : 'absent');
        },
      ),
    );
  });
});

describe('calendar days', () => {
  it('cross months and years', () => {
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2028-03-01', -1)).toBe('2028-02-29');
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
