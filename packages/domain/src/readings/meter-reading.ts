// A meter's reading as OpenAMI keeps it, whatever brought it: integers for energy and money (Wh, fen) and
// power (W); voltages, currents, power factor and frequency stay measurements with their decimals. The
// head-end turns a protocol's values into it (knowing what a data identifier means is its job); the store
// takes it as it is.

/** The energy registers read, with the prepaid balances and status word 3 read with them. */
export interface EnergyValues {
  /** Forward (import) active energy, all tariffs. */
  readonly activeImportWh: number;
  /** Reverse (export) active energy, all tariffs. */
  readonly activeExportWh?: number;
  /** Forward active energy of tariffs 1 to 4 (尖, 峰, 平, 谷), as far as the meter keeps them. */
  readonly tariffWh?: readonly (number | undefined)[];
  /** A prepaid meter's remaining energy (energy-type prepaid). */
  readonly remainingEnergyWh?: number;
  /** A prepaid meter's remaining money (money-type prepaid). */
  readonly remainingMoneyFen?: number;
  /** Status word 3 as the meter sent it. */
  readonly statusWord?: number;
}

/** Instantaneous values: per phase (L1, L2, L3) as far as the meter has phases. */
export interface InstantValues {
  readonly voltageV?: readonly (number | undefined)[];
  readonly currentA?: readonly (number | undefined)[];
  /** Total active power; negative while exporting. */
  readonly activePowerW?: number;
  readonly powerFactor?: number;
  readonly frequencyHz?: number;
}

/** What one read of a meter gave: its registers (when the total import register was read), its instant values. */
export interface ReadingValues {
  readonly energy?: EnergyValues;
  readonly instant?: InstantValues;
}

export interface MeterReading extends ReadingValues {
  /** The store's meter id. */
  readonly meterId: number;
  /** When the meter gave the values (epoch ms). */
  readonly readAt: number;
}
