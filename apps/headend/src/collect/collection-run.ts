// One collection run: every bus works through its own meters, one exchange at a time, and all buses run in
// parallel, so a dead terminal or a slow bus delays nobody else. The run reports every meter's outcome and
// each bus's success rate; nothing fails silently.
import type { MeterClient } from '../link/meter-client.ts';
import type { BlockSupport } from './blocks.ts';
import { collectMeter, type MeterOutcome, type MeterTask } from './collect-meter.ts';

export interface BusWork {
  readonly busId: string;
  readonly client: MeterClient;
  readonly tasks: readonly MeterTask[];
}

export interface BusSummary {
  readonly busId: string;
  readonly meters: number;
  readonly complete: number;
  readonly partial: number;
  readonly unreachable: number;
  /** Meters fully read / meters attempted, 0…1. */
  readonly successRate: number;
}

export interface RunReport {
  readonly outcomes: readonly MeterOutcome[];
  readonly buses: readonly BusSummary[];
  readonly successRate: number;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly blocks: BlockSupport;
  /** Called as each meter finishes, for progress streams and for storing readings as they come. */
  readonly onOutcome?: (busId: string, outcome: MeterOutcome) => void | Promise<void>;
  readonly priority?: 'operator' | 'scheduled';
  /** The head-end's clock, to date each meter's first answer (`firstAnsweredAt`). */
  readonly now?: () => number;
}

export async function runCollection(work: readonly BusWork[], options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const perBus = await Promise.all(
    work.map(async ({ busId, client, tasks }) => {
      const outcomes: MeterOutcome[] = [];
      for (const task of tasks) {
        const outcome = await collectMeter(client, options.blocks, task, options.priority, options.now);
        outcomes.push(outcome);
        await options.onOutcome?.(busId, outcome);
      }
      return { busId, outcomes };
    }),
  );
  const buses = perBus.map(({ busId, outcomes }) => summarize(busId, outcomes));
  const outcomes = perBus.flatMap((bus) => bus.outcomes);
  const complete = outcomes.filter((o) => o.status === 'complete').length;
  return {
    outcomes,
    buses,
    successRate: outcomes.length === 0 ? 1 : complete / outcomes.length,
    durationMs: performance.now() - started,
  };
}

function summarize(busId: string, outcomes: readonly MeterOutcome[]): BusSummary {
  const count = (status: MeterOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const complete = count('complete');
  return {
    busId,
    meters: outcomes.length,
    complete,
    partial: count('partial'),
    unreachable: count('unreachable'),
    successRate: outcomes.length === 0 ? 1 : complete / outcomes.length,
  };
}
