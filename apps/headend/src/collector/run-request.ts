// A run as it is asked for (who, which meters, whom to tell as it goes) and as it ends.
import type { CollectionRunRow } from '@openami/storage';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import type { RunSummary } from '../reasons.ts';
import type { Actor } from './actor.ts';

export interface RunProgress {
  readonly runId: number;
  readonly total: number;
  readonly done: number;
  readonly complete: number;
  readonly partial: number;
  readonly unreachable: number;
  /** The meter just finished. */
  readonly meterId?: number;
  readonly status?: string;
}

export interface RunRequest {
  readonly trigger?: 'schedule' | 'operator';
  readonly actor?: Actor;
  /** Only these store meter ids (on top of the plan's own targets). */
  readonly meterIds?: readonly number[];
  /** Only meters in this area and beneath it. */
  readonly areaId?: number;
  readonly onProgress?: (progress: RunProgress) => void;
  /** Called once the run row exists, before any meter is read. */
  readonly onStart?: (run: CollectionRunRow) => void;
  /** Each meter's outcome of a read, once its readings are stored. */
  readonly onOutcome?: (outcome: MeterOutcome) => void;
}

export interface RunResult {
  readonly run: CollectionRunRow;
  readonly summary: string;
}

/** A run's detail: English for logs, and as a code for people. */
export interface Summed {
  readonly text: string;
  readonly coded: RunSummary;
}
