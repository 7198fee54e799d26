import { describe, expect, it } from 'vitest';
import { kwh, percent } from './report-types.ts';

describe('report figures', () => {
  it('shows Wh as kWh and basis points as a percentage, exactly', () => {
    expect(kwh(1_234_567)).toBe('1234.567');
    expect(kwh(-5)).toBe('-0.005');
    expect(kwh(null)).toBe('');
    expect(percent(315)).toBe('3.15');
    expect(percent(-7)).toBe('-0.07');
    expect(percent(null)).toBe('');
  });
});
