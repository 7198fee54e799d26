// What a collection read (DL/T 645 identifier → value in the meter's units) means as the domain's reading:
// integer Wh, W and fen (money and energy are integers; voltages and currents stay measurements). Knowing
// what an identifier means is the head-end's job; the store takes the reading as it is.
import {
  type EnergyValues,
  type InstantValues,
  kWhToWh,
  kWToW,
  type MeterReading,
  type ReadingValues,
  type StoredEnergy,
  yuanToFen,
} from '@openami/domain';
import type { DataValue } from '@openami/protocol';
import type { ReadingSink } from '../head-end.ts';
import type { ItemReading, MeterOutcome } from './collect-meter.ts';

/** Forward active energy, total (A.1); its tariffs follow at +0x100 each. */
const FORWARD_ACTIVE_TOTAL = 0x00010000;
const REVERSE_ACTIVE_TOTAL = 0x00020000;
const REMAINING_ENERGY = 0x00900100;
const REMAINING_MONEY = 0x00900200;
const STATUS_WORD_3 = 0x04000503;
/** Phase A voltage (A.3); phases B and C follow at +0x100 each, currents likewise from 0x02020100. */
const VOLTAGE_BASE = 0x02010000;
const CURRENT_BASE = 0x02020000;
const ACTIVE_POWER_TOTAL = 0x02030000;
const POWER_FACTOR_TOTAL = 0x02060000;
const FREQUENCY = 0x02800002;

export function readingValues(readings: readonly ItemReading[]): ReadingValues {
  const value = new Map<number, DataValue>(readings.map((r) => [r.di, r.value]));
  const num = (di: number): number | undefined => {
    const v = value.get(di);
    return typeof v === 'number' ? v : undefined;
  };
  const kwh = (di: number) => {
    const v = num(di);
    return v === undefined ? undefined : kWhToWh(v);
  };
  const importWh = kwh(FORWARD_ACTIVE_TOTAL);
  const values: { energy?: EnergyValues; instant?: InstantValues } = {};
  if (importWh !== undefined) {
    const status = value.get(STATUS_WORD_3);
    const money = num(REMAINING_MONEY);
    values.energy = compact({
      activeImportWh: importWh,
      activeExportWh: kwh(REVERSE_ACTIVE_TOTAL),
      tariffWh: [1, 2, 3, 4].map((t) => kwh(FORWARD_ACTIVE_TOTAL + t * 0x100)),
      remainingEnergyWh: kwh(REMAINING_ENERGY),
      remainingMoneyFen: money === undefined ? undefined : yuanToFen(money),
      statusWord:
        status !== null && typeof status === 'object' && 'raw' in status ? (status.raw as number) : undefined,
    }) as unknown as EnergyValues;
  }
  const phases = (base: number) => [1, 2, 3].map((p) => num(base + p * 0x100));
  const voltages = phases(VOLTAGE_BASE);
  const powerKw = num(ACTIVE_POWER_TOTAL);
  if (voltages.some((v) => v !== undefined) || powerKw !== undefined) {
    values.instant = compact({
      voltageV: voltages,
      currentA: phases(CURRENT_BASE),
      activePowerW: powerKw === undefined ? undefined : kWToW(powerKw),
      powerFactor: num(POWER_FACTOR_TOTAL),
      frequencyHz: num(FREQUENCY),
    }) as unknown as InstantValues;
  }
  return values;
}

/** A meter's read as the reading the store keeps, or undefined when it brought nothing the store keeps. */
export function meterReadingOf(outcome: MeterOutcome, readAt: number): MeterReading | undefined {
  const values = readingValues(outcome.readings);
  if (values.energy === undefined && values.instant === undefined) return undefined;
  return { meterId: outcome.meterId, readAt, ...values };
}

/** Where readings are stored: the store's batched sink (`StoreSink` of `@openami/storage`). */
export interface ReadingStore {
  store(reading: MeterReading): Promise<StoredEnergy | undefined>;
}

/** The head-end's sink that stores each meter's read, as the domain's reading, in `store`. */
export function storingSink(store: ReadingStore): ReadingSink {
  return {
    meterDone: async (outcome, readAt) => {
      const reading = meterReadingOf(outcome, readAt);
      return reading === undefined ? undefined : store.store(reading);
    },
  };
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
