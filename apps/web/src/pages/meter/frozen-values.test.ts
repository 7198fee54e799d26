import { describe, expect, it } from 'vitest';
import { csvText, type DailyFreeze, freezeRows, previousDay } from './frozen-values.ts';

const freeze = (day: string, activeImportWh: number): DailyFreeze => ({
  meterId: 1,
  day,
  frozenAt: 0,
  activeImportWh,
  tariff1Wh: null,
  tariff2Wh: null,
  tariff3Wh: null,
  tariff4Wh: null,
});

describe('daily freezes on the meter page', () => {
  it('knows the day before, across months and leap years', () => {
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(previousDay('2028-03-01')).toBe('2028-02-29');
    expect(previousDay('2027-01-01')).toBe('2026-12-31');
  });

  it('lists them newest first with the advance since the day before, none across a missing day', () => {
    const rows = freezeRows([
      freeze('2026-11-20', 100_000),
      freeze('2026-11-22', 112_340),
      freeze('2026-11-21', 105_500),
      freeze('2026-11-24', 120_000),
    ]);
    expect(rows.map((r) => [r.day, r.deltaWh])).toEqual([
      ['2026-11-24', null],
      ['2026-11-22', 6_840],
      ['2026-11-21', 5_500],
      ['2026-11-20', null],
    ]);
  });

  it('shows a register that went backwards as a negative advance', () => {
    expect(freezeRows([freeze('2026-11-01', 5_000), freeze('2026-11-02', 4_990)])[0]?.deltaWh).toBe(-10);
  });

  it('writes CSV with quoted fields where needed', () => {
    expect(
      csvText([
        ['日期', 'kWh'],
        ['2026-11-01', '1,5'],
        ['say "hi"', 'a\nb'],
      ]),
    ).toBe('日期,kWh\r\n2026-11-01,"1,5"\r\n"say ""hi""","a\nb"\r\n');
  });
});
