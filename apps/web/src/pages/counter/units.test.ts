import { describe, expect, it } from 'vitest';
import { fenToYuan, kwhToWh, whToKwh, yuanToFen } from './units.ts';

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
