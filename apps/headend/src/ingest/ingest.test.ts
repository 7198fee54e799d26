import { describe, expect, it } from 'vitest';
import { checkEnergy, REGISTER_SPAN_WH } from './energy-validation.ts';
import { kWhToWh, toReadingRows, yuanToFen } from './reading-rows.ts';

const HOUR = 3_600_000;

describe('reading rows', () => {
  it('turn meter units into integer Wh, W and fen', () => {
    const rows = toReadingRows([
      { di: 0x00010000, value: 1206.42 },
      { di: 0x00010100, value: 300.1 },
      { di: 0x00020000, value: 0.05 },
      { di: 0x00900200, value: 123.45 },
      { di: 0x04000503, value: { raw: 0x10, flags: {} } },
      { di: 0x02010100, value: 229.7 },
      { di: 0x02010200, value: null },
      { di: 0x02030000, value: -1.2345 },
      { di: 0x02060000, value: 0.987 },
    ]);
    expect(rows.energy).toEqual({
      activeImportWh: 1_206_420,
      activeExportWh: 50,
      tariffWh: [300_100, undefined, undefined, undefined],
      remainingMoneyFen: 12_345,
      statusWord: 0x10,
    });
    expect(rows.instant).toEqual({
      voltageV: [229.7, undefined, undefined],
      currentA: [undefined, undefined, undefined],
      activePowerW: -1235,
      powerFactor: 0.987,
    });
  });

  it('convert exactly, with no floating-point drift', () => {
    for (let cents = 0; cents < 100_000; cents += 7) {
      expect(kWhToWh(cents / 100)).toBe(cents * 10);
      expect(yuanToFen(cents / 100)).toBe(cents);
    }
    expect(kWhToWh(999_999.99)).toBe(999_999_990);
  });
});

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
