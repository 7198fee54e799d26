import { describe, expect, it } from 'vitest';
import { checkEnergy, REGISTER_SPAN_WH } from './energy-validation.ts';

const HOUR = 3_600_000;

describe('energy validation', () => {
  it('accepts a plausible increase', () => {
    expect(checkEnergy(1_000_000, 0, 1_002_000, HOUR, 8800)).toEqual({ deltaWh: 2000, flags: [] });
  });

  it('flags a register that went backwards, keeping the reading', () => {
    expect(checkEnergy(1_000_000, 0, 999_000, HOUR, 8800).flags).toEqual(['register-backwards']);
  });

  it('recognises a rollover past 999 999.99 kWh', () => {
    expect(checkEnergy(REGISTER_SPAN_WH - 500, 0, 700, HOUR, 8800)).toEqual({
      deltaWh: 1200,
      flags: ['rollover'],
    });
  });

  it('flags more energy than the meter could have passed', () => {
    // 40 A × 220 V = 8.8 kW at most: 20 kWh in one hour is not possible.
    expect(checkEnergy(0, 0, 20_000, HOUR, 8800).flags).toEqual(['exceeds-capacity']);
  });
});
