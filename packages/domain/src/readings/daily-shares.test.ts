import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromLocal } from '../zoned-time.ts';
import { dailyShares } from './daily-shares.ts';

const TZ = 'Asia/Shanghai';
const at = (day: number, hour: number, minute = 0) =>
  fromLocal({ year: 2026, month: 11, day, hour, minute }, TZ);

describe('daily shares', () => {
  it('give an interval inside one day wholly to that day', () => {
    expect(
      dailyShares(1, { readAt: at(20, 9), wh: 1000 }, { readAt: at(20, 10), wh: 1600 }, 600, TZ),
    ).toEqual([{ meterId: 1, day: '2026-11-20', energyWh: 600, readingWh: 1600, readAt: at(20, 10) }]);
  });

  it('split an interval across local midnight in proportion to time', () => {
    // 23:30 to 00:30 Beijing time: half before midnight, half after.
    const shares = dailyShares(
      1,
      { readAt: at(20, 23, 30), wh: 1000 },
      { readAt: at(21, 0, 30), wh: 2000 },
      1000,
      TZ,
    );
    expect(shares).toEqual([
      { meterId: 1, day: '2026-11-20', energyWh: 500, readingWh: 1500, readAt: null },
      { meterId: 1, day: '2026-11-21', energyWh: 500, readingWh: 2000, readAt: at(21, 0, 30) },
    ]);
  });

  it('open the day with a first reading and nothing else', () => {
    expect(dailyShares(1, undefined, { readAt: at(20, 9), wh: 5 }, 0, TZ)).toEqual([
      { meterId: 1, day: '2026-11-20', energyWh: 0, readingWh: 5, readAt: at(20, 9) },
    ]);
  });

  it('always sum to the delta, in integers, over any gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 * 86_400_000 }),
        fc.integer({ min: 1, max: 40 * 86_400_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (start, gap, delta) => {
          const base = at(1, 0) + start;
          const shares = dailyShares(
            9,
            { readAt: base, wh: 0 },
            { readAt: base + gap, wh: delta },
            delta,
            TZ,
          );
          expect(shares.reduce((sum, s) => sum + s.energyWh, 0)).toBe(delta);
          for (const share of shares) {
            expect(Number.isInteger(share.energyWh) && share.energyWh >= 0).toBe(true);
          }
          expect(new Set(shares.map((s) => s.day)).size).toBe(shares.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
