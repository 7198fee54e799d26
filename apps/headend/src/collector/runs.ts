// Runs: a plan executed over its meters, recorded before anything is read, each meter's outcome recorded as
// it finishes (so a run cut short keeps what it did) and the totals at the end; operators' reads now are runs
// too. Whoever follows reads and runs (the API's remote fee control and live pages) hears of each.
import { type CollectionRunRow, databaseUnavailable } from '@openami/storage';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import type { MeterConfig } from '../config.ts';
import type { ReadingPlan } from '../plans/default-plans.ts';
import { reasonOfError } from '../reasons.ts';
import { type Actor, SYSTEM } from './actor.ts';
import { clockCheck } from './clock-check.ts';
import { CommandRefused } from './command-queue.ts';
import type { CollectorCore } from './core.ts';
import { dailyFreezes } from './daily-freezes.ts';
import { meterReadOf } from './meter-read.ts';
import { planTargets } from './plan-targets.ts';
import { outcomeRow, RunRecorder } from './run-recorder.ts';
import type { RunRequest, RunResult, Summed } from './run-request.ts';

export class Runs {
  private readonly core: CollectorCore;
  private readonly readListeners = new Set<(outcome: MeterOutcome) => void>();
  private readonly runListeners = new Set<(run: CollectionRunRow) => void>();

  constructor(core: CollectorCore) {
    this.core = core;
  }

  /** Follows every meter read by a read plan, once its readings are stored; returns the unsubscribe. */
  subscribeReads(listener: (outcome: MeterOutcome) => void): () => void {
    this.readListeners.add(listener);
    return () => this.readListeners.delete(listener);
  }

  /** Follows every run as it ends, finished or failed, once it is recorded. */
  subscribeRuns(listener: (run: CollectionRunRow) => void): () => void {
    this.runListeners.add(listener);
    return () => this.runListeners.delete(listener);
  }

  /**
   * Runs a plan, recording the run before anything is read, each meter's outcome as it finishes (so a run
   * cut short keeps what it did), and the totals at the end.
   */
  async execute(plan: ReadingPlan, request: RunRequest = {}): Promise<RunResult> {
    const { store } = this.core;
    this.core.started();
    const actor = request.actor ?? SYSTEM;
    const meters = await planTargets(this.core, plan, request);
    const run = await store.collection.startRun({
      planId: plan.id,
      kind: plan.kind,
      trigger: request.trigger ?? 'schedule',
      requestedBy: actor.userId,
      areaId: request.areaId ?? null,
      startedAt: this.core.now(),
      metersPlanned: plan.kind === 'time-sync' ? 0 : meters.length,
    });
    request.onStart?.(run);
    const recorder = new RunRecorder(
      store,
      run.id,
      plan.kind === 'time-sync' ? 0 : meters.length,
      request.onProgress,
    );
    try {
      const { text: summary, coded } = await this.perform(plan, meters, recorder, request);
      const finishedAt = this.core.now();
      const finished = await this.recordEnd(run.id, recorder, () =>
        store.collection.finishRun(run.id, finishedAt, 'finished', summary, coded),
      );
      if (finished !== undefined && plan.kind === 'read' && this.core.options.observer !== undefined) {
        const rates = await store.collection.portRates(run.id);
        this.core.observe((observer) =>
          observer.portRates(
            run.id,
            rates.flatMap((r) =>
              r.terminalId === null || r.portNo === null
                ? []
                : [{ terminalId: r.terminalId, portNo: r.portNo, meters: r.meters, read: r.read }],
            ),
          ),
        );
      }
      await this.core.observerSettled();
      this.ended(finished);
      return { run: finished ?? run, summary };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failedAt = this.core.now();
      this.ended(
        await this.recordEnd(run.id, recorder, () =>
          store.collection.finishRun(run.id, failedAt, 'failed', reason, reasonOfError(error)),
        ).catch(() => undefined),
      );
      throw error;
    }
  }

  /**
   * Writes a run's last meters and its end. While the database is down both are retried in the background
   * until it returns (the run's readings wait in the spool meanwhile), and the run answers undefined.
   */
  private async recordEnd(
    runId: number,
    recorder: RunRecorder,
    finish: () => Promise<CollectionRunRow | undefined>,
  ): Promise<CollectionRunRow | undefined> {
    try {
      await recorder.flush();
      return await finish();
    } catch (error) {
      if (!databaseUnavailable(error)) throw error;
      this.core.log(`run ${runId}: the database is unavailable; its record is written when it returns`);
      this.core.untilStored(`run ${runId}`, async () => {
        await recorder.flush();
        this.ended(await finish());
      });
      return undefined;
    }
  }

  /** Reads `items` from one meter now, ahead of scheduled work on its bus; the reading is stored. */
  async readMeter(meterId: number, items: readonly number[], actor: Actor = SYSTEM): Promise<MeterOutcome> {
    if (!this.core.collects(meterId)) {
      throw new CommandRefused(
        'meter-not-collected',
        `meter ${meterId} is not on any bus this collector drives`,
      );
    }
    let outcome: MeterOutcome | undefined;
    await this.execute(readNowPlan(items), {
      trigger: 'operator',
      actor,
      meterIds: [meterId],
      onOutcome: (o) => {
        outcome = o;
      },
    });
    if (outcome === undefined) throw new Error(`meter ${meterId} was not read`);
    return outcome;
  }

  /** Reads `items` from every meter in an area (and beneath it) now, with progress as meters finish. */
  readArea(
    areaId: number,
    items: readonly number[],
    request: Omit<RunRequest, 'areaId' | 'trigger'> = {},
  ): Promise<RunResult> {
    return this.execute(readNowPlan(items), { ...request, trigger: 'operator', areaId });
  }

  private ended(run: CollectionRunRow | undefined): void {
    if (run === undefined) return;
    for (const listener of this.runListeners) listener(run);
  }

  private async perform(
    plan: ReadingPlan,
    meters: readonly MeterConfig[],
    recorder: RunRecorder,
    request: RunRequest,
  ): Promise<Summed> {
    const meterIds = meters.map((m) => m.id);
    switch (plan.kind) {
      case 'read':
        return this.read(plan.items, meterIds, recorder, request);
      case 'time-sync': {
        const buses = (await this.core.started().timeSync()).length;
        return {
          text: `time broadcast on ${buses} bus(es)`,
          coded: { code: 'time-sync-summary', params: { buses } },
        };
      }
      case 'clock-check':
        return clockCheck(this.core, meterIds, recorder);
      case 'daily-frozen':
        return dailyFreezes(this.core, meterIds, recorder);
    }
  }

  /** A read run: each meter's readings stored, then its outcome told and recorded. */
  private async read(
    items: readonly number[],
    meterIds: readonly number[],
    recorder: RunRecorder,
    request: RunRequest,
  ): Promise<Summed> {
    const report = await this.core.started().read(items, {
      meterIds,
      priority: request.trigger === 'operator' ? 'operator' : 'scheduled',
      onOutcome: (outcome, stored) => {
        request.onOutcome?.(outcome);
        for (const listener of this.readListeners) listener(outcome);
        const meter = this.core.meter(outcome.meterId);
        const port = meter === undefined ? undefined : { terminalId: meter.terminalId, portNo: meter.portNo };
        this.core.observe((observer) =>
          observer.meterRead(meterReadOf(outcome, outcome.collectedAt ?? this.core.now(), stored, port)),
        );
        recorder.add(outcomeRow(outcome, this.core.meter(outcome.meterId)));
      },
    });
    await this.core.sink.flush();
    const count = (status: string) => report.outcomes.filter((o) => o.status === status).length;
    // Partial: the meter answered but refused some items (a money item on an energy-type meter).
    const params = {
      meters: report.outcomes.length,
      complete: count('complete'),
      partial: count('partial'),
      unreachable: count('unreachable'),
    };
    return {
      text: `${params.meters} meters: ${params.complete} complete, ${params.partial} partial, ${params.unreachable} unreachable`,
      coded: { code: 'read-summary', params },
    };
  }
}

function readNowPlan(items: readonly number[]): ReadingPlan {
  return {
    id: 'read-now',
    name: { zh: '即时抄读', en: 'Read now' },
    kind: 'read',
    items,
    targets: {},
    schedule: { kind: 'interval', everyMinutes: 60 },
  };
}
