// From what a collection read (identifier → value in the meter's units) to the store's narrow rows, in
// integer Wh, W and fen (money and energy are integers; voltages and currents stay measurements).
import type { DataValue } from '@openami/protocol';
import type { ItemReading } from '../collect/collect-meter.ts';

export interface EnergyRow {
  readonly activeImportWh: number;
  readonly activeExportWh?: number;
  readonly tariffWh?: readonly (number | undefined)[];
  readonly remainingEnergyWh?: number;
  readonly remainingMoneyFen?: number;
  readonly statusWord?: number;
}

export interface InstantRow {
  readonly voltageV?: readonly (number | undefined)[];
  readonly currentA?: readonly (number | undefined)[];
  readonly activePowerW?: number;
  readonly powerFactor?: number;
  readonly frequencyHz?: number;
}

export interface ReadingRows {
  readonly energy?: EnergyRow;
  readonly instant?: InstantRow;
}

/** kWh as the meter reports it (two decimals) to integer Wh, exactly. */
export function kWhToWh(kWh: number): number {
  return Math.round(kWh * 1000);
}

/** kW (four decimals) to integer W, halves rounded away from zero so that signs are symmetric. */
export function kWToW(kW: number): number {
  const tenthsOfWatt = Math.round(kW * 10_000);
  return Math.sign(tenthsOfWatt) * Math.round(Math.abs(tenthsOfWatt) / 10);
}

/** Yuan (two decimals) to integer fen, exactly. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function toReadingRows(readings: readonly ItemReading[]): ReadingRows {
  const value = new Map<number, DataValue>(readings.map((r) => [r.di, r.value]));
  const num = (di: number): number | undefined => {
    const v = value.get(di);
    return typeof v === 'number' ? v : undefined;
  };
  const kwh = (di: number) => {
    const v = num(di);
    return v === undefined ? undefined : kWhToWh(v);
  };
  const importWh = kwh(0x00010000);
  const rows: { energy?: EnergyRow; instant?: InstantRow } = {};
  if (importWh !== undefined) {
    const status = value.get(0x04000503);
    rows.energy = compact({
      activeImportWh: importWh,
      activeExportWh: kwh(0x00020000),
      tariffWh: [1, 2, 3, 4].map((t) => kwh(0x00010000 + t * 0x100)),
      remainingEnergyWh: kwh(0x00900100),
      remainingMoneyFen: num(0x00900200) === undefined ? undefined : yuanToFen(num(0x00900200) as number),
      statusWord:
        status !== null && typeof status === 'object' && 'raw' in status ? (status.raw as number) : undefined,
    }) as unknown as EnergyRow;
  }
  const phases = (base: number) => [1, 2, 3].map((p) => num(base + p * 0x100));
  const voltages = phases(0x02010000);
  const powerKw = num(0x02030000);
  if (voltages.some((v) => v !== undefined) || powerKw !== undefined) {
    rows.instant = compact({
      voltageV: voltages,
      currentA: phases(0x02020000),
      activePowerW: powerKw === undefined ? undefined : kWToW(powerKw),
      powerFactor: num(0x02060000),
      frequencyHz: num(0x02800002),
    }) as unknown as InstantRow;
  }
  return rows;
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
