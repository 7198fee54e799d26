// A run's record, meter by meter: each meter's outcome as a row, written a few hundred at a time, with
// the run's progress told as each meter finishes.
import type { Repositories, RunMeterRow } from '@openami/storage';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import type { MeterConfig } from '../config.ts';
import { combineReasons, reasonColumns } from '../reasons.ts';
import type { RunProgress } from './run-request.ts';

/** A meter's outcome as its row of the run (the run id is the recorder's). */
export function outcomeRow(
  outcome: MeterOutcome,
  meter: MeterConfig | undefined,
  clockOffsetMs: number | null = null,
): RunMeterRow {
  const reasons = [...new Set(outcome.failures.map((f) => f.message))];
  const why = combineReasons(outcome.failures.map((f) => f.why));
  return {
    runId: 0,
    meterId: outcome.meterId,
    terminalId: meter?.terminalId ?? null,
    portNo: meter?.portNo ?? null,
    status: outcome.status,
    reason: reasons.length === 0 ? null : reasons.join('; ').slice(0, 500),
    ...reasonColumns(why),
    attempts: outcome.attempts,
    durationMs: Math.round(outcome.durationMs),
    clockOffsetMs,
  };
}

/** How long an outcome waits before it is written with the run's counts so far (other processes show them). */
const PROGRESS_WRITE_MS = 1000;

/**
 * Collects a run's per-meter outcomes and writes them a few hundred at a time, and at least every second
 * with the run's counts so far, so that a run cut short keeps what it recorded and a run followed from
 * another process (or from the store) shows its progress; reports progress as each meter finishes.
 */
export class RunRecorder {
  private readonly store: Repositories;
  private readonly runId: number;
  private readonly total: number;
  private readonly onProgress: ((progress: RunProgress) => void) | undefined;
  private pending: RunMeterRow[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly counts = { done: 0, complete: 0, partial: 0, unreachable: 0 };

  constructor(
    store: Repositories,
    runId: number,
    total: number,
    onProgress: ((progress: RunProgress) => void) | undefined,
  ) {
    this.store = store;
    this.runId = runId;
    this.total = total;
    this.onProgress = onProgress;
    onProgress?.({ runId, total, ...this.counts });
  }

  add(row: RunMeterRow): void {
    this.pending.push({ ...row, runId: this.runId });
    this.counts.done++;
    if (row.status === 'complete') this.counts.complete++;
    else if (row.status === 'partial') this.counts.partial++;
    else this.counts.unreachable++;
    this.onProgress?.({
      runId: this.runId,
      total: this.total,
      ...this.counts,
      meterId: row.meterId,
      status: row.status,
    });
    if (this.pending.length >= 200) void this.flush().catch(() => undefined);
    else if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), PROGRESS_WRITE_MS);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.pending;
    this.pending = [];
    const write = this.writing.then(async () => {
      if (rows.length === 0) return;
      try {
        await this.store.collection.recordMeters(rows);
      } catch (error) {
        // Kept for the next flush (the database may be restarting): a run's record loses no meter.
        this.pending = [...rows, ...this.pending];
        throw error;
      }
      await this.store.collection.recordProgress(this.runId);
    });
    // A failed write does not stop the next one from being tried.
    this.writing = write.catch(() => undefined);
    return write;
  }
}
