import { describe, expect, it } from 'vitest';
import { milliFenToYuan, yuanToMilliFen } from './money.ts';

describe('yuan and milli-fen', () => {
  it('reads typed yuan exactly', () => {
    expect(yuanToMilliFen('0.5283')).toBe(52_830);
    expect(yuanToMilliFen('1')).toBe(100_000);
    expect(yuanToMilliFen(' 0.00001 ')).toBe(1);
    expect(yuanToMilliFen('0.1')).toBe(10_000);
  });

  it('refuses what is not an amount of yuan', () => {
    for (const bad of ['', '-1', '1.000001', 'abc', '1,5']) expect(yuanToMilliFen(bad)).toBeUndefined();
  });

  it('writes yuan with at least two decimals and no trailing zeros beyond them', () => {
    expect(milliFenToYuan(52_830)).toBe('0.5283');
    expect(milliFenToYuan(100_000)).toBe('1.00');
    expect(milliFenToYuan(60_000)).toBe('0.60');
    expect(milliFenToYuan(1)).toBe('0.00001');
  });
});
