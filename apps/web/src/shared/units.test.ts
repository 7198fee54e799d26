import { describe, expect, it } from 'vitest';
import {
  asRegistered,
  basisPointsToPercent,
  fenToYuan,
  kwhToWh,
  milliFenToYuan,
  whToKwh,
  yuanToFen,
  yuanToMilliFen,
} from './units.ts';

describe('money and energy as typed at the counter', () => {
  it('reads yuan to the fen and kWh to the Wh, without floats', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('100')).toBe(10_000);
    expect(yuanToFen(' 12.5 ')).toBe(1_250);
    expect(yuanToFen('1.234')).toBeUndefined();
    expect(yuanToFen('-1')).toBeUndefined();
    expect(kwhToWh('12.345')).toBe(12_345);
    expect(kwhToWh('300')).toBe(300_000);
    expect(kwhToWh('abc')).toBeUndefined();
  });

  it('writes signed fen and Wh back', () => {
    expect(fenToYuan(1_234)).toBe('12.34');
    expect(fenToYuan(-5)).toBe('-0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(whToKwh(12_500)).toBe('12.5');
    expect(whToKwh(-12_000)).toBe('-12');
    expect(whToKwh(7)).toBe('0.007');
  });
});

describe('energy as meters register it', () => {
  const kwhText = (wh: number) => whToKwh(wh, asRegistered);

  it('words Wh as kWh with two decimals, exactly', () => {
    expect(kwhText(123_450)).toBe('123.45');
    expect(kwhText(0)).toBe('0.00');
    expect(kwhText(7)).toBe('0.007');
    expect(kwhText(-10)).toBe('-0.01');
    expect(kwhText(99_999_999_990)).toBe('99999999.99');
  });

  it('lines a column up with three decimals', () => {
    expect(whToKwh(1_234_567, { minDecimals: 3 })).toBe('1234.567');
    expect(whToKwh(12_500, { minDecimals: 3 })).toBe('12.500');
    expect(whToKwh(-5, { minDecimals: 3 })).toBe('-0.005');
  });
});

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

describe('basis points', () => {
  it('writes a percentage with two decimals, exactly', () => {
    expect(basisPointsToPercent(315)).toBe('3.15');
    expect(basisPointsToPercent(-7)).toBe('-0.07');
    expect(basisPointsToPercent(0)).toBe('0.00');
  });
});
