import { describe, expect, it } from 'vitest';
import { multiplierOf, noTransformer } from './multiplier.ts';

describe('multiplier = PT ratio × CT ratio', () => {
  // 001 appendix: "PT 3000:100 = 30, CT 200:5 = 10, multiplier 30 × 10 = 300". 200:5 is 40, not 10, so
  // the source's CT arithmetic is wrong; the rule (PT × CT) is what we implement.
  it('is the product of the two ratios: 3000/100 × 200/5 = 30 × 40 = 1200', () => {
    expect(multiplierOf({ primary: 3000, secondary: 100 }, { primary: 200, secondary: 5 })).toEqual({
      ok: true,
      multiplier: 1200,
    });
  });

  it('gives the 300 of the 001 example with a CT that really is 10 (50/5)', () => {
    expect(multiplierOf({ primary: 3000, secondary: 100 }, { primary: 50, secondary: 5 })).toEqual({
      ok: true,
      multiplier: 300,
    });
  });

  it('is 1 without instrument transformers', () => {
    expect(multiplierOf(noTransformer, noTransformer)).toEqual({ ok: true, multiplier: 1 });
  });

  it('refuses zero, negative, fractional and non-whole results', () => {
    expect(multiplierOf({ primary: 0, secondary: 1 }, noTransformer).ok).toBe(false);
    expect(multiplierOf({ primary: 1.5, secondary: 1 }, noTransformer).ok).toBe(false);
    expect(multiplierOf(noTransformer, { primary: 7, secondary: 5 }).ok).toBe(false);
  });
});
