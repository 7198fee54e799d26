// The head-end as a service: its field from the store, readings into the store, plans run on schedule,
// every run recorded with what happened to each meter, operators' reads and commands on demand.
// `openami collector` runs one, `openami serve --collector` one inside the API; tests drive it directly.
// This is the shell: it starts and stops the parts (runs, plan watch, command queue, link watch) and
// answers for them.
import type { DataValue } from '@openami/protocol';
import type { CollectionRunRow, MeterCommandRow, SpoolStats } from '@openami/storage';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import { storingSink } from '../collect/meter-reading.ts';
import { type BusUsage, HeadEnd } from '../head-end.ts';
import { ExchangeError } from '../link/exchange-error.ts';
import type { ReadingPlan } from '../plans/default-plans.ts';
import type { StoredPlan } from '../plans/plan-records.ts';
import type { ConfigProblem } from '../store-config.ts';
import { type Actor, SYSTEM } from './actor.ts';
import { CommandQueue, CommandRefused, type CommandRequest } from './command-queue.ts';
import { CollectorCore } from './core.ts';
import { FieldWatch } from './field-watch.ts';
import { LinkWatch } from './link-watch.ts';
import type { CollectorOptions, CollectorStore } from './options.ts';
import { PlanWatch } from './plan-watch.ts';
import type { RunRequest, RunResult } from './run-request.ts';
import { Runs } from './runs.ts';

export class Collector {
  private readonly core: CollectorCore;
  private readonly runs: Runs;
  private readonly planWatch: PlanWatch;
  private readonly commands: CommandQueue;
  private readonly links: LinkWatch;
  private readonly field: FieldWatch;

  constructor(store: CollectorStore, options: CollectorOptions = {}) {
    this.core = new CollectorCore(store, options);
    this.runs = new Runs(this.core);
    this.planWatch = new PlanWatch(this.core, (plan) => this.runPlan(plan));
    this.commands = new CommandQueue(this.core);
    this.links = new LinkWatch(this.core);
    this.field = new FieldWatch(this.core, () => this.commands.pickUp());
  }

  get timeZone(): string {
    return this.core.timeZone;
  }

  /** Loads the dial-in port's TLS files again (SIGHUP); false without TLS or when they were refused (logged). */
  reloadDialInTls(why: string): boolean {
    return this.core.headEnd?.reloadDialInTls(why) ?? false;
  }

  /** Loads the field, opens every channel and starts the plans; returns what in the store could not be used. */
  async start(schedule = true): Promise<ConfigProblem[]> {
    const { store, options } = this.core;
    const { config, problems } = await this.field.load();
    const interrupted = await store.collection.interruptRunning(this.core.now());
    if (interrupted > 0)
      this.core.log(`${interrupted} run(s) left running by an earlier process marked interrupted`);
    const headEnd = new HeadEnd(config, {
      sink: storingSink(this.core.sink),
      ...(options.bus === undefined ? {} : { bus: options.bus }),
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.dialIn === undefined ? {} : { dialIn: options.dialIn }),
      log: (line) => this.core.log(line),
    });
    this.core.attach(headEnd, config.meters);
    // Readings an earlier process left in the spool (stopped while the database was down) are stored first.
    const left = this.core.spool.stats.bufferedRows;
    if (left > 0) {
      this.core.log(`readings: ${left} row(s) left in the spool by an earlier process; storing them`);
      void this.core.sink.drain();
    }
    await headEnd.start();
    this.commands.start();
    this.links.start();
    this.field.start();
    await this.planWatch.start(schedule);
    return problems;
  }

  async stop(): Promise<void> {
    await this.field.stop();
    this.planWatch.stop();
    this.links.stop();
    await this.commands.stop();
    await this.core.sink.flush();
    // Readings still waiting for the database go to the spool's file, for the next process to store.
    await this.core.sink.close();
    await this.core.observerSettled();
    await this.core.headEnd?.stop();
  }

  /** The plans this collector runs (the store's, or those it was given), switched-off ones included. */
  get plans(): readonly StoredPlan[] {
    return this.planWatch.plans;
  }

  plan(id: string): StoredPlan | undefined {
    return this.planWatch.plan(id);
  }

  /**
   * Takes the store's field (terminals, ports, meters) in now, without a restart; the API's archive services
   * call it after a change. Returns what in the store could not be used.
   */
  reloadField(): Promise<ConfigProblem[]> {
    return this.field.reload();
  }

  /** Compares the store's field with the one driven and takes it in if it changed (cheap when it did not). */
  fieldChanged(): Promise<void> {
    return this.field.reloadIfChanged();
  }

  /** Re-reads the plans from the store and reschedules them. */
  reloadPlans(): Promise<void> {
    return this.planWatch.reload();
  }

  /** Runs a plan now for an operator, ahead of scheduled work; the run is recorded with who asked. */
  runPlanNow(planId: string, request: Omit<RunRequest, 'trigger'> = {}): Promise<RunResult> {
    const plan = this.plan(planId);
    if (plan === undefined) throw new Error(`no plan ${planId}`);
    return this.execute(plan, { ...request, trigger: 'operator' });
  }

  /** Runs one plan now; resolves with a one-line summary. The run is recorded in the store. */
  async runPlan(plan: ReadingPlan, request: RunRequest = {}): Promise<string> {
    return (await this.execute(plan, request)).summary;
  }

  /** Runs a plan, recording the run, each meter's outcome as it finishes, and the totals at the end. */
  execute(plan: ReadingPlan, request: RunRequest = {}): Promise<RunResult> {
    return this.runs.execute(plan, request);
  }

  /** Reads `items` from one meter now, ahead of scheduled work on its bus; the reading is stored. */
  readMeter(meterId: number, items: readonly number[], actor: Actor = SYSTEM): Promise<MeterOutcome> {
    return this.runs.readMeter(meterId, items, actor);
  }

  /**
   * Reads a few items from one meter now, ahead of scheduled work on its bus, without a run and without
   * storing them: a check before an action (what a local fee-control meter will take before a top-up is
   * sold). An item the meter refuses is left out; a meter that does not answer gives what it gave so far.
   */
  async peek(meterId: number, items: readonly number[]): Promise<ReadonlyMap<number, DataValue>> {
    if (!this.core.collects(meterId)) {
      throw new CommandRefused(
        'meter-not-collected',
        `meter ${meterId} is not on any bus this collector drives`,
      );
    }
    const [done] = await this.core.started().perMeter(
      async (client, meter) => {
        const values = new Map<number, DataValue>();
        const target = { address: meter.address, edition: meter.edition };
        for (const di of items) {
          try {
            values.set(di, (await client.read(target, di, 'operator')).item.value);
          } catch (error) {
            if (!(error instanceof ExchangeError)) throw error;
            if (error.reason !== 'device-error') break;
          }
        }
        return values;
      },
      [meterId],
    );
    return done?.result ?? new Map();
  }

  /** Reads `items` from every meter in an area (and beneath it) now, with progress as meters finish. */
  readArea(
    areaId: number,
    items: readonly number[],
    request: Omit<RunRequest, 'areaId' | 'trigger'> = {},
  ): Promise<RunResult> {
    return this.runs.readArea(areaId, items, request);
  }

  /** Follows every meter read by a read plan, once its readings are stored; returns the unsubscribe. */
  subscribeReads(listener: (outcome: MeterOutcome) => void): () => void {
    return this.runs.subscribeReads(listener);
  }

  /** Follows every run of this collector as it ends, finished or failed, once it is recorded. */
  subscribeRuns(listener: (run: CollectionRunRow) => void): () => void {
    return this.runs.subscribeRuns(listener);
  }

  /** Resolves once the observer's work started so far is done. */
  observerSettled(): Promise<void> {
    return this.core.observerSettled();
  }

  /** Each bus's use since it was opened (metrics: its utilisation); none before start. */
  busUsage(): BusUsage[] {
    return this.core.headEnd?.busUsage() ?? [];
  }

  /** Readings waiting for the database (in memory and on disk) and those lost to a full spool. */
  readingBuffer(): SpoolStats {
    return this.core.spool.stats;
  }

  /** Whether each terminal port's link is up, by `terminal#port`. */
  linkStates(): Record<string, boolean> {
    return this.core.headEnd?.linkStates() ?? {};
  }

  /** Whether the store meter is on a bus this collector drives. */
  collects(meterId: number): boolean {
    return this.core.collects(meterId);
  }

  /** A command to a meter, persisted and audited, sent and confirmed by reading back: see `CommandQueue`. */
  command(meterId: number, request: CommandRequest, actor: Actor = SYSTEM): Promise<MeterCommandRow> {
    return this.commands.command(meterId, request, actor);
  }

  /** Sends again the commands a stopped process left unfinished (a `sending` one is read back first). */
  resumeCommands(): Promise<void> {
    return this.commands.resume();
  }

  /** Sends the pending commands of this collector's meters that another process persisted. */
  pickUpCommands(): Promise<void> {
    return this.commands.pickUp();
  }
}
