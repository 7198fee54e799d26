import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rmbCapitals } from './rmb-capitals.ts';

const yuan = (amount: number) => Math.round(amount * 100);

describe('RMB capitals (大写金额)', () => {
  it('writes the examples of the PBoC rules (《支付结算办法》 附件)', () => {
    // The rules' own examples of zeros in the middle and at 角.
    expect(rmbCapitals(yuan(1680.32))).toBe('壹仟陆佰捌拾元叁角贰分');
    expect(rmbCapitals(yuan(107000.53))).toBe('壹拾万零柒仟元伍角叁分');
    expect(rmbCapitals(yuan(1409.5))).toBe('壹仟肆佰零玖元伍角');
    expect(rmbCapitals(yuan(6007.14))).toBe('陆仟零柒元壹角肆分');
    expect(rmbCapitals(yuan(16409.02))).toBe('壹万陆仟肆佰零玖元零贰分');
    expect(rmbCapitals(yuan(325.04))).toBe('叁佰贰拾伍元零肆分');
  });

  it('ends a whole amount with 整 and nothing else with it', () => {
    expect(rmbCapitals(yuan(50))).toBe('伍拾元整');
    expect(rmbCapitals(yuan(100))).toBe('壹佰元整');
    expect(rmbCapitals(yuan(1))).toBe('壹元整');
    expect(rmbCapitals(yuan(99.45))).toBe('玖拾玖元肆角伍分');
    expect(rmbCapitals(yuan(99.4))).toBe('玖拾玖元肆角');
  });

  it('keeps the 壹 of 拾 and writes one 零 for a run of zeros', () => {
    expect(rmbCapitals(yuan(10))).toBe('壹拾元整');
    expect(rmbCapitals(yuan(15))).toBe('壹拾伍元整');
    expect(rmbCapitals(yuan(1010))).toBe('壹仟零壹拾元整');
    expect(rmbCapitals(yuan(1001))).toBe('壹仟零壹元整');
    expect(rmbCapitals(yuan(100100))).toBe('壹拾万零壹佰元整');
    expect(rmbCapitals(yuan(10000))).toBe('壹万元整');
  });

  it('names 万 and 亿 only for groups with a digit of their own', () => {
    expect(rmbCapitals(yuan(100_000_000))).toBe('壹亿元整');
    expect(rmbCapitals(yuan(100_010_000))).toBe('壹亿零壹万元整');
    expect(rmbCapitals(yuan(100_000_001))).toBe('壹亿零壹元整');
    expect(rmbCapitals(yuan(120_000_000))).toBe('壹亿贰仟万元整');
    expect(rmbCapitals(yuan(1_000_000_000_000))).toBe('壹万亿元整');
    expect(rmbCapitals(yuan(1_0001_0000_0000))).toBe('壹万零壹亿元整');
    expect(rmbCapitals(yuan(1_2000_0000_0000))).toBe('壹万贰仟亿元整');
    expect(rmbCapitals(yuan(1_0000_0001_0000))).toBe('壹万亿零壹万元整');
  });

  it('writes less than a yuan without 元, nothing as 零元整, and a debt with 负', () => {
    expect(rmbCapitals(0)).toBe('零元整');
    expect(rmbCapitals(5)).toBe('伍分');
    expect(rmbCapitals(50)).toBe('伍角');
    expect(rmbCapitals(52)).toBe('伍角贰分');
    expect(rmbCapitals(-5000)).toBe('负伍拾元整');
  });

  it('refuses what is not a whole number of fen', () => {
    expect(() => rmbCapitals(1.5)).toThrow(RangeError);
    expect(() => rmbCapitals(Number.NaN)).toThrow(RangeError);
  });

  it('uses only the capitals and units, never two 零 in a row, never 零 before a unit or at the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const text = rmbCapitals(fen);
        expect(text).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        expect(text).not.toMatch(/零零|零[拾佰仟万亿元角分整]|零$/);
        expect(text.endsWith('整')).toBe(fen % 100 === 0);
      }),
    );
  });
});
