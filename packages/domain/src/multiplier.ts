/**
 * Multiplier = PT ratio × CT ratio (DOMAIN.md §4, 001 appendix "电表倍率"); 1 for a meter without
 * instrument transformers. (001's worked example takes CT 200:5 as 10; it is 40, see the test.) Ratios are
 * kept as primary/secondary so that what the nameplate says is what is stored; the product must come out
 * whole, as it multiplies integer Wh.
 */
export interface TransformerRatio {
  readonly primary: number;
  readonly secondary: number;
}

export const noTransformer: TransformerRatio = Object.freeze({ primary: 1, secondary: 1 });

export type MultiplierResult = { ok: true; multiplier: number } | { ok: false; reason: string };

export function multiplierOf(pt: TransformerRatio, ct: TransformerRatio): MultiplierResult {
  for (const [name, ratio] of [
    ['PT', pt],
    ['CT', ct],
  ] as const) {
    if (!Number.isSafeInteger(ratio.primary) || !Number.isSafeInteger(ratio.secondary)) {
      return { ok: false, reason: `${name} ratio must be whole numbers` };
    }
    if (ratio.primary <= 0 || ratio.secondary <= 0) {
      return { ok: false, reason: `${name} ratio must be positive` };
    }
  }
  const numerator = pt.primary * ct.primary;
  const denominator = pt.secondary * ct.secondary;
  if (numerator % denominator !== 0) {
    return { ok: false, reason: `PT × CT = ${numerator}/${denominator} is not a whole multiplier` };
  }
  return { ok: true, multiplier: numerator / denominator };
}
