import { describe, expect, it } from 'vitest';
import { kWhToWh, yuanToFen } from './units.ts';

describe('meter units', () => {
  it('convert exactly, with no floating-point drift', () => {
    for (let cents = 0; cents < 100_000; cents += 7) {
      expect(kWhToWh(cents / 100)).toBe(cents * 10);
      expect(yuanToFen(cents / 100)).toBe(cents);
    }
    expect(kWhToWh(999_999.99)).toBe(999_999_990);
  });
});
