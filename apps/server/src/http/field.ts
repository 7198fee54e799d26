// The head-end as the API sees it: a collector running in this process (`openami serve --collector`, the
// demo), or none. Routes that need the field answer FIELD_UNAVAILABLE without one.
import type {
  Actor,
  BusUsage,
  CommandRequest,
  MeterOutcome,
  RunProgress,
  RunRequest,
  RunResult,
} from '@openami/headend/api';
import type { CollectionRunRow, MeterCommandRow } from '@openami/storage';

export interface FieldGateway {
  collects(meterId: number): boolean;
  readMeter(meterId: number, items: readonly number[], actor: Actor): Promise<MeterOutcome>;
  /** Reads a few items now without a run or storing them (a check before an action); optional. */
  peek?(meterId: number, items: readonly number[]): Promise<ReadonlyMap<number, unknown>>;
  readArea(
    areaId: number,
    items: readonly number[],
    request: Omit<RunRequest, 'areaId' | 'trigger'>,
  ): Promise<RunResult>;
  command(meterId: number, request: CommandRequest, actor: Actor): Promise<MeterCommandRow>;
  /** Follows every meter read, once its readings are stored. */
  subscribeReads(listener: (outcome: MeterOutcome) => void): () => void;
  /** Follows every run as it ends (scheduled or asked for), once it is recorded. */
  subscribeRuns(listener: (run: CollectionRunRow) => void): () => void;
  /**
   * The archive changed (a terminal or meter added, moved, taken out): the collector takes the store's field
   * in if it differs from the one it drives. A collector in another process finds the change by itself.
   */
  fieldChanged?(): Promise<void>;
  /** Each RS-485 bus's use since it was opened (metrics); optional. */
  busUsage?(): readonly BusUsage[];
  /**
   * Readings waiting for the database while it is down, in memory and on disk, and those lost to a full
   * spool since start (/metrics); optional.
   */
  readingBuffer?(): {
    readonly bufferedRows: number;
    readonly spilledRows: number;
    readonly droppedRows: number;
  };
  /** Picks up plans changed in the store. */
  reloadPlans(): Promise<void>;
  runPlanNow(planId: string, request: Omit<RunRequest, 'trigger'>): Promise<RunResult>;
}

export type RunEvent =
  | { readonly kind: 'progress'; readonly progress: RunProgress }
  | { readonly kind: 'finished'; readonly run: CollectionRunRow }
  | { readonly kind: 'failed'; readonly runId: number; readonly reason: string };

interface Watched {
  latest: RunProgress | undefined;
  final: RunEvent | undefined;
  readonly listeners: Set<(event: RunEvent) => void>;
}

/**
 * Progress of the runs operators started from the API, fanned out to every client watching them. A run's
 * entry lingers a minute after it ends, so a client that connects late still gets the end.
 */
export class RunHub {
  private readonly runs = new Map<number, Watched>();
  private readonly lingerMs: number;

  constructor(lingerMs = 60_000) {
    this.lingerMs = lingerMs;
  }

  publish(runId: number, event: RunEvent): void {
    let watched = this.runs.get(runId);
    if (watched === undefined) {
      watched = { latest: undefined, final: undefined, listeners: new Set() };
      this.runs.set(runId, watched);
    }
    if (event.kind === 'progress') watched.latest = event.progress;
    else {
      watched.final = event;
      setTimeout(() => this.runs.delete(runId), this.lingerMs).unref();
    }
    for (const listener of watched.listeners) listener(event);
  }

  /**
   * Replays where the run stands and follows it; returns undefined for a run this process is not
   * running (the caller reads it from the store), or the function that stops following.
   */
  follow(runId: number, listener: (event: RunEvent) => void): (() => void) | undefined {
    const watched = this.runs.get(runId);
    if (watched === undefined) return undefined;
    if (watched.latest !== undefined) listener({ kind: 'progress', progress: watched.latest });
    if (watched.final !== undefined) {
      listener(watched.final);
      return () => {};
    }
    watched.listeners.add(listener);
    return () => watched.listeners.delete(listener);
  }
}
