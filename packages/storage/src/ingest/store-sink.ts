// Readings into the store in batches: meters finish one by one, rows are written a few hundred at a time
// (or after a short delay), and a meter counts as done only once its rows are durably stored. Writes are
// idempotent on (meter, time), so a batch retried after a crash stores nothing twice. Each energy reading
// is checked against the meter's previous one and stored with its flags whatever they say; the daily and
// monthly roll-ups are updated in the same transaction from the readings actually inserted.
import {
  checkEnergy,
  type DailyShare,
  dailyShares,
  type EnergyFlag,
  type MeterReading,
  type StoredEnergy,
} from '@openami/domain';
import { databaseUnavailable } from '../connect.ts';
import type { EnergyReading, InstantReading, LatestEnergy } from '../repositories/readings.ts';
import { readingRows } from './reading-rows.ts';
import type { ReadingSpool, SpooledBatch } from './reading-spool.ts';

export interface ReadingWriter {
  latestEnergy(meterIds: readonly number[]): Promise<Map<number, LatestEnergy>>;
  ingest(
    energy: readonly EnergyReading[],
    instant: readonly InstantReading[],
    sharesOf: (inserted: readonly EnergyReading[]) => readonly DailyShare[],
  ): Promise<number>;
}

export interface StoreSinkOptions {
  /** The most power the meter can pass, in W (see `maxPowerW`); unknown meters are not checked for it. */
  readonly capacityW?: (meterId: number) => number | undefined;
  /** The site's time zone, for the days of the roll-ups. */
  readonly timeZone?: string;
  readonly maxBatch?: number;
  readonly maxDelayMs?: number;
  readonly now?: () => number;
  /**
   * Where batches wait while the database cannot be reached (the collector's): with it, a batch that fails
   * because the database is down is kept and its readings answered as stored unflagged, and the spool is
   * drained in order once the database answers again. Without it (a sale's transaction), the error is the
   * caller's.
   */
  readonly spool?: ReadingSpool;
  /** What the spool does, one line each: kept, drained, dropped. */
  readonly log?: (line: string) => void;
  /** A buffered batch dropped after the database refused it again and again (not for being down). */
  readonly onDropped?: (rows: number, reason: string) => void;
  /** The spool drained: the database answers again and every buffered batch was stored or dropped. */
  readonly onDrained?: () => void;
}

/** Draining the spool is tried again after a second, then doubling up to half a minute. */
const drainRetryFirstMs = 1000;
const drainRetryMostMs = 30_000;
/** A buffered batch the database refuses (not for being down) is tried this many times, then dropped. */
const refusalsBeforeDrop = 3;
/** How often, at most, the buffer's size is logged while the database is down. */
const bufferedSayEveryMs = 10_000;

/** A reading waiting for its batch, and who waits for it: resolved with its energy row's flags once stored. */
interface Queued {
  readonly energy: EnergyReading | undefined;
  readonly instant: InstantReading | undefined;
  readonly resolve: (flags: readonly EnergyFlag[]) => void;
  readonly reject: (error: unknown) => void;
}

export class StoreSink {
  private readonly writer: ReadingWriter;
  private readonly options: StoreSinkOptions;
  private queue: Queued[] = [];
  private rowsQueued = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Each meter's latest stored register value, loaded from the store the first time the meter is seen. */
  private readonly latest = new Map<number, LatestEnergy>();
  private readonly known = new Set<number>();
  private retry: NodeJS.Timeout | undefined;
  private retryMs = drainRetryFirstMs;
  private closed = false;
  /** How many times in a row the spool's oldest batch was refused for another reason than the database's absence. */
  private refusals = 0;
  /** When the buffer's size was last said (wall time: a line every few seconds, not one a batch). */
  private bufferedSaidAt = Number.NEGATIVE_INFINITY;

  constructor(writer: ReadingWriter, options: StoreSinkOptions) {
    this.writer = writer;
    this.options = options;
  }

  /**
   * Queues a meter's reading; resolves once it is stored, with its energy reading as stored (the flags
   * validation gave it), or undefined when it brought no energy register.
   */
  async store(reading: MeterReading): Promise<StoredEnergy | undefined> {
    const { energy, instant } = readingRows(reading, (this.options.now ?? Date.now)());
    if (energy === undefined && instant === undefined) return undefined;
    const flags = await this.queued(energy, instant);
    return energy === undefined
      ? undefined
      : { readAt: energy.readAt, activeImportWh: energy.activeImportWh, flags };
  }

  /**
   * An energy reading that did not come over the wire (a meter-reading card brought back to the counter),
   * its row already built: checked against the meter's previous reading, flagged and rolled up like the
   * readings the head-end collects. Resolves once it is stored, with its validation flags.
   */
  energyRead(row: EnergyReading): Promise<readonly EnergyFlag[]> {
    return this.queued(row, undefined);
  }

  private queued(
    energy: EnergyReading | undefined,
    instant: InstantReading | undefined,
  ): Promise<readonly EnergyFlag[]> {
    const stored = new Promise<readonly EnergyFlag[]>((resolve, reject) =>
      this.queue.push({ energy, instant, resolve, reject }),
    );
    this.rowsQueued += (energy === undefined ? 0 : 1) + (instant === undefined ? 0 : 1);
    if (this.rowsQueued >= (this.options.maxBatch ?? 500)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.maxDelayMs ?? 1000);
    return stored;
  }

  /** Writes whatever is waiting; resolves once it is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.rowsQueued = 0;
    // One write at a time, in order: a later batch never lands before an earlier one.
    this.writing = this.writing.then(async () => {
      const rows: SpooledBatch = {
        energy: batch.flatMap((q) => (q.energy === undefined ? [] : [q.energy])),
        instant: batch.flatMap((q) => (q.instant === undefined ? [] : [q.instant])),
      };
      const { spool } = this.options;
      // Readings kept earlier go first: a batch waits behind them.
      if (spool !== undefined && !spool.empty) {
        this.keep(spool, rows, batch);
        await this.drainNow();
        return;
      }
      try {
        const flags = await this.write(rows.energy, rows.instant);
        for (const q of batch) q.resolve((q.energy === undefined ? undefined : flags.get(q.energy)) ?? []);
      } catch (error) {
        if (spool !== undefined && databaseUnavailable(error)) {
          this.options.log?.(`readings: the database is unavailable (${(error as Error).message})`);
          this.keep(spool, rows, batch);
          this.scheduleDrain();
        } else {
          for (const q of batch) q.reject(error);
        }
      }
    });
    return this.writing;
  }

  /** Stores what the spool holds now, in order; resolves once it is empty or the database failed again. */
  drain(): Promise<void> {
    this.writing = this.writing.then(() => this.drainNow());
    return this.writing;
  }

  /** Stops retrying; what the spool still holds in memory is written to its file. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearTimeout(this.timer);
    await this.writing;
    this.options.spool?.persist();
  }

  /** Keeps a failed batch; its readings are answered as stored unflagged (validation runs when drained). */
  private keep(spool: ReadingSpool, rows: SpooledBatch, batch: readonly Queued[]): void {
    if (spool.add(rows) && Date.now() - this.bufferedSaidAt >= bufferedSayEveryMs) {
      this.bufferedSaidAt = Date.now();
      const { bufferedRows, spilledRows } = spool.stats;
      this.options.log?.(
        `readings: ${bufferedRows} row(s) buffered until the database returns (${spilledRows} on disk)`,
      );
    }
    for (const q of batch) q.resolve([]);
  }

  /** Drains the spool; never rejects (the writing chain must go on), a failure is said and retried. */
  private async drainNow(): Promise<void> {
    try {
      await this.drainSpool();
    } catch (error) {
      this.options.log?.(`readings: the spool could not be read: ${(error as Error).message}`);
      this.scheduleDrain();
    }
  }

  private async drainSpool(): Promise<void> {
    const { spool } = this.options;
    if (spool === undefined || spool.empty) return;
    clearTimeout(this.retry);
    this.retry = undefined;
    let stored = 0;
    for (let batch = spool.peek(); batch !== undefined; batch = spool.peek()) {
      const rows = batch.energy.length + batch.instant.length;
      try {
        await this.write(batch.energy, batch.instant);
        stored += rows;
        this.refusals = 0;
      } catch (error) {
        this.refusals = databaseUnavailable(error) ? 0 : this.refusals + 1;
        if (this.refusals === 0 || this.refusals < refusalsBeforeDrop) {
          this.scheduleDrain();
          return;
        }
        // Refused again and again, not for the database's absence: it would block every later batch.
        this.refusals = 0;
        const reason = `refused ${refusalsBeforeDrop} times: ${(error as Error).message}`;
        this.options.log?.(`ALARM readings lost: a buffered batch of ${rows} row(s) was ${reason}; dropped`);
        this.options.onDropped?.(rows, reason);
      }
      spool.shift();
    }
    this.retryMs = drainRetryFirstMs;
    this.bufferedSaidAt = Number.NEGATIVE_INFINITY;
    this.options.log?.(`readings: the database is back; ${stored} buffered row(s) stored`);
    this.options.onDrained?.();
  }

  private scheduleDrain(): void {
    if (this.closed || this.retry !== undefined) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.drain();
    }, this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, drainRetryMostMs);
  }

  /** Writes a batch; returns the validation flags each energy reading was stored with. */
  private async write(
    energy: readonly EnergyReading[],
    instant: readonly InstantReading[],
  ): Promise<Map<EnergyReading, readonly EnergyFlag[]>> {
    const unseen = [...new Set(energy.map((r) => r.meterId))].filter((id) => !this.known.has(id));
    if (unseen.length > 0) {
      const stored = await this.writer.latestEnergy(unseen);
      for (const id of unseen) {
        const latest = stored.get(id);
        if (latest !== undefined) this.latest.set(id, latest);
        this.known.add(id);
      }
    }
    const working = new Map(this.latest);
    const flagsOf = new Map<EnergyReading, readonly EnergyFlag[]>();
    const shares = new Map<string, DailyShare[]>();
    const timeZone = this.options.timeZone ?? 'Asia/Shanghai';
    const ordered = [...energy].sort((a, b) => a.readAt - b.readAt);
    const rows = ordered.map((row) => {
      const previous = working.get(row.meterId);
      // A reading older than the latest stored one (a late or repeated delivery) is stored as read and
      // changes no roll-up: the interval it belongs to has been counted already.
      if (previous !== undefined && row.readAt <= previous.readAt) return row;
      const current = { readAt: row.readAt, wh: row.activeImportWh };
      let flags: readonly EnergyFlag[] = [];
      let deltaWh = 0;
      if (previous !== undefined) {
        const check = checkEnergy(
          previous.activeImportWh,
          previous.readAt,
          row.activeImportWh,
          row.readAt,
          this.options.capacityW?.(row.meterId) ?? Number.POSITIVE_INFINITY,
        );
        flags = check.flags;
        deltaWh = check.flags.includes('register-backwards') ? 0 : check.deltaWh;
      }
      const previousReading =
        previous === undefined ? undefined : { readAt: previous.readAt, wh: previous.activeImportWh };
      shares.set(
        `${row.meterId}@${row.readAt}`,
        dailyShares(row.meterId, previousReading, current, deltaWh, timeZone),
      );
      working.set(row.meterId, { readAt: row.readAt, activeImportWh: row.activeImportWh });
      flagsOf.set(row, flags);
      // The store keeps a reading's flags in one text column.
      return flags.length === 0 ? row : { ...row, flags: flags.join(',') };
    });
    await this.writer.ingest(rows, instant, (inserted) =>
      inserted.flatMap((r) => shares.get(`${r.meterId}@${r.readAt}`) ?? []),
    );
    for (const [id, latest] of working) this.latest.set(id, latest);
    return flagsOf;
  }
}
