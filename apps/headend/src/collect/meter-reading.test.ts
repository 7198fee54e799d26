import { describe, expect, it } from 'vitest';
import { readingValues } from './meter-reading.ts';

describe('reading rows', () => {
  it('turn meter units into integer Wh, W and fen', () => {
    const rows = readingValues([
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
});
