import { describe, expect, it } from 'vitest';
import { energyByHour } from './hourly.ts';

const zone = 'Asia/Shanghai';
// 2026-11-22 10:00 in Shanghai.
const ten = Date.UTC(2026, 10, 22, 2, 0, 0);
const minute = 60_000;

describe('energy by hour', () => {
  it('gives an hour the energy read up to its end', () => {
    const hours = energyByHour(
      [
        { readAt: ten - 60 * minute, wh: 1000 },
        { readAt: ten, wh: 1400 },
        { readAt: ten + 60 * minute, wh: 1500 },
      ],
      zone,
    );
    expect([...hours]).toEqual([
      ['2026-11-22 09', 400],
      ['2026-11-22 10', 100],
    ]);
  });

  it('shares an interval across the hours it spans, summing to the advance exactly', () => {
    const hours = energyByHour(
      [
        { readAt: ten - 30 * minute, wh: 0 },
        { readAt: ten + 90 * minute, wh: 1001 },
      ],
      zone,
    );
    expect([...hours]).toEqual([
      ['2026-11-22 09', 250],
      ['2026-11-22 10', 500],
      ['2026-11-22 11', 251],
    ]);
  });

  it('gives nothing for a register that went backwards', () => {
    const hours = energyByHour(
      [
        { readAt: ten, wh: 5000 },
        { readAt: ten + 10 * minute, wh: 10 },
      ],
      zone,
    );
    expect([...hours]).toEqual([['2026-11-22 10', 0]]);
  });
});
