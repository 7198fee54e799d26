import { describe, expect, it } from 'vitest';
import { hashUnit, Random } from './random.ts';

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
  });

  it('is roughly uniform', () => {
    const random = new Random(7);
    let below = 0;
    for (let i = 0; i < 10_000; i++) if (random.next() < 0.25) below++;
    expect(below / 10_000).toBeGreaterThan(0.23);
    expect(below / 10_000).toBeLessThan(0.27);
  });

  it('hashUnit is a pure function of its arguments', () => {
    expect(hashUnit(1, 2, 3)).toBe(hashUnit(1, 2, 3));
    expect(hashUnit(1, 2, 3)).not.toBe(hashUnit(1, 2, 4));
    expect(hashUnit(9, 100)).toBeGreaterThanOrEqual(0);
    expect(hashUnit(9, 100)).toBeLessThan(1);
  });
});
