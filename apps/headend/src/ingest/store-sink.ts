// Readings into the store in batches: meters finish one by one, rows are written a few hundred at a time
// (or after a short delay), and a meter counts as done only once its rows are durably stored. Writes are
// idempotent on (meter, time), so a batch retried after a crash stores nothing twice.
import type { EnergyReading, InstantReading } from '@openami/storage';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import type { ReadingSink } from '../head-end.ts';
import { toReadingRows } from './reading-rows.ts';

export interface ReadingWriter {
  insertEnergy(rows: readonly EnergyReading[]): Promise<void>;
  insertInstant(rows: readonly InstantReading[]): Promise<void>;
}

export interface StoreSinkOptions {
  /** The store's meter id for a head-end meter id. */
  readonly meterIdOf: (meterId: string) => number;
  readonly maxBatch?: number;
  readonly maxDelayMs?: number;
  readonly now?: () => number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class StoreSink implements ReadingSink {
  private readonly writer: ReadingWriter;
  private readonly options: StoreSinkOptions;
  private energy: EnergyReading[] = [];
  private instant: InstantReading[] = [];
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(writer: ReadingWriter, options: StoreSinkOptions) {
    this.writer = writer;
    this.options = options;
  }

  meterDone(outcome: MeterOutcome, readAt: number): Promise<void> {
    const rows = toReadingRows(outcome.readings);
    if (rows.energy === undefined && rows.instant === undefined) return Promise.resolve();
    const meterId = this.options.meterIdOf(outcome.meterId);
    const receivedAt = (this.options.now ?? Date.now)();
    if (rows.energy !== undefined) {
      const e = rows.energy;
      this.energy.push({
        meterId,
        readAt,
        activeImportWh: e.activeImportWh,
        activeExportWh: e.activeExportWh ?? null,
        tariff1Wh: e.tariffWh?.[0] ?? null,
        tariff2Wh: e.tariffWh?.[1] ?? null,
        tariff3Wh: e.tariffWh?.[2] ?? null,
        tariff4Wh: e.tariffWh?.[3] ?? null,
        remainingEnergyWh: e.remainingEnergyWh ?? null,
        remainingMoneyFen: e.remainingMoneyFen ?? null,
        statusWord: e.statusWord ?? null,
        receivedAt,
      });
    }
    if (rows.instant !== undefined) {
      const i = rows.instant;
      this.instant.push({
        meterId,
        readAt,
        voltageL1V: i.voltageV?.[0] ?? null,
        voltageL2V: i.voltageV?.[1] ?? null,
        voltageL3V: i.voltageV?.[2] ?? null,
        currentL1A: i.currentA?.[0] ?? null,
        currentL2A: i.currentA?.[1] ?? null,
        currentL3A: i.currentA?.[2] ?? null,
        activePowerW: i.activePowerW ?? null,
        powerFactor: i.powerFactor ?? null,
        frequencyHz: i.frequencyHz ?? null,
        receivedAt,
      });
    }
    const stored = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.energy.length + this.instant.length >= (this.options.maxBatch ?? 500)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.maxDelayMs ?? 1000);
    return stored;
  }

  /** Writes whatever is waiting; resolves once it is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const energy = this.energy;
    const instant = this.instant;
    const waiters = this.waiters;
    this.energy = [];
    this.instant = [];
    this.waiters = [];
    // One write at a time, in order: a later batch never lands before an earlier one.
    this.writing = this.writing.then(async () => {
      try {
        if (energy.length > 0) await this.writer.insertEnergy(energy);
        if (instant.length > 0) await this.writer.insertInstant(instant);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    });
    return this.writing;
  }
}
