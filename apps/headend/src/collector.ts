// The head-end as a service: its field from the store, readings into the store, plans run on schedule,
// every run recorded with what happened to each meter, operators' reads and commands on demand.
// `openami collector` runs one, `openami serve --collector` one inside the API; tests drive it directly.
import { addDays, localDate, localParts } from '@openami/domain';
import type { Credentials, MeterDateTime } from '@openami/protocol';
import {
  type CollectionRunRow,
  type MeterCommandRow,
  type Repositories,
  type RunMeterRow,
  StoreSink,
} from '@openami/storage';
import type { MeterOutcome } from './collect/collect-meter.ts';
import { collectDailyFreezes, dailyFreezeRows, missingDaysReason } from './collect/daily-frozen.ts';
import { storingSink } from './collect/meter-reading.ts';
import { meterReadOf } from './collector/meter-read.ts';
import type { CollectionObserver } from './collector/observer.ts';
import { recordCommandRequest } from './commands/command-request.ts';
import { type CommandOutcome, executeCommand, type MeterCommand } from './commands/meter-command.ts';
import { type SecurityModule, SoftSecurityModule } from './commands/security-module.ts';
import type { MeterConfig } from './config.ts';
import { HeadEnd, type HeadEndOptions } from './head-end.ts';
import { clockDeviationMs, DEFAULT_CLOCK_THRESHOLD_MS } from './plans/clock.ts';
import { dailyFrozenGaps } from './plans/daily-frozen-gaps.ts';
import { DEFAULT_PLANS, type ReadingPlan } from './plans/default-plans.ts';
import { planFromRow, planToRow, type StoredPlan } from './plans/plan-records.ts';
import { type PlanRunRecord, PlanScheduler } from './plans/plan-scheduler.ts';
import { combineReasons, plainReason, type RunSummary, reasonColumns, reasonOfError } from './reasons.ts';
import { type ConfigProblem, loadFieldConfig } from './store-config.ts';

export interface CollectorOptions {
  readonly timeZone?: string;
  readonly plans?: readonly ReadingPlan[];
  readonly now?: () => number;
  /** How fast `now` runs against real time (a simulated field's time factor); plans are timed by it. */
  readonly clockRate?: number;
  readonly bus?: HeadEndOptions['bus'];
  readonly dialInPort?: number;
  /** One line per event worth a log entry (run records, flagged clocks, configuration problems). */
  readonly log?: (line: string) => void;
  /** The password and operator code for commands (OPENAMI_METER_PASSWORD); without them commands fail. */
  readonly credentials?: Credentials;
  /** The operator code top-ups carry when no password is configured (OPENAMI_OPERATOR_CODE). */
  readonly operatorCode?: string;
  /** Makes top-ups of local fee-control meters (OPENAMI_ESAM_KEY: the soft module with that key). */
  readonly security?: SecurityModule;
  /** Clock deviation beyond which a meter is flagged (default five minutes). */
  readonly clockThresholdMs?: number;
  /** Who follows what the collector sees (the alarm engine): reads, runs' port rates, links, clocks. */
  readonly observer?: CollectionObserver;
  /** How often link states are checked and told the observer (default 5 s). */
  readonly linkCheckMs?: number;
  /**
   * How often pending commands that another process persisted (an API without a collector of its own) are
   * looked for and sent (default 2 s; 0 turns it off).
   */
  readonly commandPollMs?: number;
}

/** Who asked, for the run record and the audit log. */
export interface Actor {
  readonly userId: number | null;
  readonly name: string;
  readonly sourceIp: string;
}

const SYSTEM: Actor = { userId: null, name: 'collector', sourceIp: 'local' };

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

/** A run's detail: English for logs, and as a code for people. */
interface Summed {
  readonly text: string;
  readonly coded: RunSummary;
}

export interface RunResult {
  readonly run: CollectionRunRow;
  readonly summary: string;
}

export type CommandRequest = MeterCommand & { readonly requestId: string };

/** A command request the collector refuses before persisting anything (unknown meter, no password). */
export class CommandRefused extends Error {
  readonly code: 'meter-not-collected' | 'no-credentials' | 'no-security-module';
  constructor(code: 'meter-not-collected' | 'no-credentials' | 'no-security-module', message: string) {
    super(message);
    this.name = 'CommandRefused';
    this.code = code;
  }
}

const DATE = 0x04000101;
const TIME = 0x04000102;

/** The store as the collector needs it: repositories, and transactions over them. */
export type CollectorStore = Repositories & {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
};

export class Collector {
  private readonly store: CollectorStore;
  private readonly options: CollectorOptions;
  private readonly sink: StoreSink;
  private headEnd: HeadEnd | undefined;
  private scheduler: PlanScheduler | undefined;
  private scheduling = false;
  private planWatch: NodeJS.Timeout | undefined;
  private currentPlans: StoredPlan[] = [];
  private plansVersion = 0;
  private meters = new Map<number, MeterConfig>();
  private readonly commandsInFlight = new Map<number, Promise<MeterCommandRow>>();
  private readonly observerPending = new Set<Promise<void>>();
  private readonly readListeners = new Set<(outcome: MeterOutcome) => void>();
  private readonly runListeners = new Set<(run: CollectionRunRow) => void>();
  private linkWatch: NodeJS.Timeout | undefined;
  private commandWatch: NodeJS.Timeout | undefined;
  private readonly linkDownSince = new Map<string, number>();

  constructor(store: CollectorStore, options: CollectorOptions = {}) {
    this.store = store;
    // Times are whole milliseconds in the store; a simulated clock may run between them.
    const given = options.now;
    this.options = given === undefined ? options : { ...options, now: () => Math.floor(given()) };
    options = this.options;
    this.sink = new StoreSink(store.readings, {
      timeZone: this.timeZone,
      // Short batches: an alarm waits for the reading that shows it to be stored (issue: ≤ 1 s to the browser).
      maxDelayMs: 200,
      capacityW: (meterId) => this.meters.get(meterId)?.maxPowerW,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  }

  get timeZone(): string {
    return this.options.timeZone ?? 'Asia/Shanghai';
  }

  /** Loads the field, opens every channel and starts the plans; returns what in the store could not be used. */
  async start(schedule = true): Promise<ConfigProblem[]> {
    const { config, problems } = await loadFieldConfig(this.store, {
      timeZone: this.timeZone,
      ...(this.options.dialInPort === undefined ? {} : { dialInPort: this.options.dialInPort }),
    });
    for (const problem of problems) this.log(`configuration: ${problem.problem}`);
    this.meters = new Map(config.meters.map((m) => [m.id, m]));
    const interrupted = await this.store.collection.interruptRunning(this.now());
    if (interrupted > 0)
      this.log(`${interrupted} run(s) left running by an earlier process marked interrupted`);
    this.headEnd = new HeadEnd(config, {
      sink: storingSink(this.sink),
      ...(this.options.bus === undefined ? {} : { bus: this.options.bus }),
      ...(this.options.now === undefined ? {} : { now: this.options.now }),
    });
    await this.headEnd.start();
    void this.resumeCommands();
    const commandPollMs = this.options.commandPollMs ?? 2000;
    if (commandPollMs > 0) {
      this.commandWatch = setInterval(() => {
        this.pickUpCommands().catch((error: unknown) =>
          this.log(`commands: ${error instanceof Error ? error.message : String(error)}`),
        );
      }, commandPollMs);
      this.commandWatch.unref();
    }
    await this.loadPlans();
    if (this.options.observer !== undefined) {
      this.linkWatch = setInterval(() => this.checkLinks(), this.options.linkCheckMs ?? 5000);
      this.linkWatch.unref();
    }
    this.scheduling = schedule;
    if (schedule) {
      this.schedule();
      // Another process (the API) may change the plans: pick the change up within a minute.
      this.planWatch = setInterval(() => {
        this.reloadPlansIfChanged().catch((error: unknown) =>
          this.log(`plans: ${error instanceof Error ? error.message : String(error)}`),
        );
      }, 60_000);
      this.planWatch.unref();
    }
    return problems;
  }

  /** The plans this collector runs (the store's, or those it was given), switched-off ones included. */
  get plans(): readonly StoredPlan[] {
    return this.currentPlans;
  }

  plan(id: string): StoredPlan | undefined {
    return this.currentPlans.find((p) => p.id === id);
  }

  /** Runs a plan now for an operator, ahead of scheduled work; the run is recorded with who asked. */
  runPlanNow(planId: string, request: Omit<RunRequest, 'trigger'> = {}): Promise<RunResult> {
    const plan = this.plan(planId);
    if (plan === undefined) throw new Error(`no plan ${planId}`);
    return this.execute(plan, { ...request, trigger: 'operator' });
  }

  /** Re-reads the plans from the store and reschedules them. */
  async reloadPlans(): Promise<void> {
    await this.loadPlans();
    if (this.scheduling) this.schedule();
  }

  private async loadPlans(): Promise<void> {
    if (this.options.plans !== undefined) {
      this.currentPlans = this.options.plans.map((p) => ({ ...p, enabled: true }));
      return;
    }
    // New default plans reach a site once; a site's own changes to them stay.
    await this.store.plans.seed(
      DEFAULT_PLANS.map((p) => planToRow(p)),
      this.now(),
    );
    const rows = await this.store.plans.list();
    this.plansVersion = Math.max(0, ...rows.map((r) => r.updatedAt));
    const plans: StoredPlan[] = [];
    for (const row of rows) {
      const plan = planFromRow(row);
      if (typeof plan === 'string') this.log(`configuration: ${plan}`);
      else plans.push(plan);
    }
    this.currentPlans = plans;
  }

  private async reloadPlansIfChanged(): Promise<void> {
    if (this.options.plans !== undefined) return;
    const rows = await this.store.plans.list();
    const version = Math.max(0, ...rows.map((r) => r.updatedAt));
    if (version !== this.plansVersion) await this.reloadPlans();
  }

  private schedule(): void {
    this.scheduler?.stop();
    this.scheduler = new PlanScheduler(
      this.currentPlans.filter((p) => p.enabled),
      {
        timeZone: this.timeZone,
        ...(this.options.now === undefined ? {} : { now: this.options.now }),
        ...(this.options.clockRate === undefined ? {} : { rate: this.options.clockRate }),
        run: (plan) => this.runPlan(plan),
        onRecord: (record) => void this.recordSchedulerEvent(record),
      },
    );
    this.scheduler.start();
  }

  /** The observer's work runs beside collection; a failure is logged, never allowed to stop a run. */
  private observe(work: (observer: CollectionObserver) => Promise<void>): void {
    const observer = this.options.observer;
    if (observer === undefined) return;
    const tracked = work(observer)
      .catch((error: unknown) =>
        this.log(`observer: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => this.observerPending.delete(tracked));
    this.observerPending.add(tracked);
  }

  /** Resolves once the observer's work started so far is done (a run ends with what it saw followed up). */
  async observerSettled(): Promise<void> {
    while (this.observerPending.size > 0) await Promise.allSettled([...this.observerPending]);
  }

  /** A port whose link has been down for two checks in a row is down; one that is up again is not. */
  private checkLinks(): void {
    const headEnd = this.headEnd;
    if (headEnd === undefined) return;
    const now = this.now();
    const interval = this.options.linkCheckMs ?? 5000;
    const links = headEnd.portLinks().map((link) => {
      const port = `${link.terminalId}:${link.portNo}`;
      if (link.up) this.linkDownSince.delete(port);
      else if (!this.linkDownSince.has(port)) this.linkDownSince.set(port, now);
      const downSince = this.linkDownSince.get(port);
      return { ...link, up: downSince === undefined || now - downSince < 2 * interval };
    });
    this.observe((observer) => observer.linkStates(links));
  }

  async stop(): Promise<void> {
    clearInterval(this.planWatch);
    clearInterval(this.linkWatch);
    clearInterval(this.commandWatch);
    this.scheduler?.stop();
    await Promise.allSettled(this.commandsInFlight.values());
    await this.sink.flush();
    await this.observerSettled();
    await this.headEnd?.stop();
  }

  /** Follows every meter read by a read plan, once its readings are stored; returns the unsubscribe. */
  subscribeReads(listener: (outcome: MeterOutcome) => void): () => void {
    this.readListeners.add(listener);
    return () => this.readListeners.delete(listener);
  }

  /** Follows every run of this collector as it ends, finished or failed, once it is recorded. */
  subscribeRuns(listener: (run: CollectionRunRow) => void): () => void {
    this.runListeners.add(listener);
    return () => this.runListeners.delete(listener);
  }

  private runEnded(run: CollectionRunRow | undefined): void {
    if (run === undefined) return;
    for (const listener of this.runListeners) listener(run);
  }

  /** Whether each terminal port's link is up, by `terminal:port`. */
  linkStates(): Record<string, boolean> {
    return this.headEnd?.linkStates() ?? {};
  }

  /** Whether the store meter is on a bus this collector drives. */
  collects(meterId: number): boolean {
    return this.meters.has(meterId);
  }

  /** Runs one plan now; resolves with a one-line summary. The run is recorded in the store. */
  async runPlan(plan: ReadingPlan, request: RunRequest = {}): Promise<string> {
    return (await this.execute(plan, request)).summary;
  }

  /**
   * Runs a plan, recording the run before anything is read, each meter's outcome as it finishes (so a run
   * cut short keeps what it did), and the totals at the end.
   */
  async execute(plan: ReadingPlan, request: RunRequest = {}): Promise<RunResult> {
    const headEnd = this.headEnd;
    if (headEnd === undefined) throw new Error('the collector is not started');
    const actor = request.actor ?? SYSTEM;
    const meters = await this.targets(plan, request);
    const run = await this.store.collection.startRun({
      planId: plan.id,
      kind: plan.kind,
      trigger: request.trigger ?? 'schedule',
      requestedBy: actor.userId,
      areaId: request.areaId ?? null,
      startedAt: this.now(),
    });
    request.onStart?.(run);
    const recorder = new RunRecorder(
      this.store,
      run.id,
      plan.kind === 'time-sync' ? 0 : meters.length,
      request.onProgress,
    );
    try {
      const { text: summary, coded } = await this.perform(plan, headEnd, meters, recorder, request);
      await recorder.flush();
      const finished = await this.store.collection.finishRun(run.id, this.now(), 'finished', summary, coded);
      if (plan.kind === 'read' && this.options.observer !== undefined) {
        const rates = await this.store.collection.portRates(run.id);
        this.observe((observer) =>
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
      await this.observerSettled();
      this.runEnded(finished);
      return { run: finished ?? run, summary };
    } catch (error) {
      await recorder.flush().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      this.runEnded(
        await this.store.collection.finishRun(run.id, this.now(), 'failed', reason, reasonOfError(error)),
      );
      throw error;
    }
  }

  /** Reads `items` from one meter now, ahead of scheduled work on its bus; the reading is stored. */
  async readMeter(meterId: number, items: readonly number[], actor: Actor = SYSTEM): Promise<MeterOutcome> {
    if (!this.collects(meterId)) {
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

  private async perform(
    plan: ReadingPlan,
    headEnd: HeadEnd,
    meters: readonly MeterConfig[],
    recorder: RunRecorder,
    request: RunRequest,
  ): Promise<Summed> {
    const meterIds = meters.map((m) => m.id);
    switch (plan.kind) {
      case 'read': {
        const report = await headEnd.read(plan.items, {
          meterIds,
          priority: request.trigger === 'operator' ? 'operator' : 'scheduled',
          onOutcome: (outcome, stored) => {
            request.onOutcome?.(outcome);
            for (const listener of this.readListeners) listener(outcome);
            this.observe((observer) =>
              observer.meterRead(meterReadOf(outcome, outcome.collectedAt ?? this.now(), stored)),
            );
            recorder.add(this.outcomeRow(outcome));
          },
        });
        await this.sink.flush();
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
      case 'time-sync': {
        const buses = (await headEnd.timeSync()).length;
        return {
          text: `time broadcast on ${buses} bus(es)`,
          coded: { code: 'time-sync-summary', params: { buses } },
        };
      }
      case 'clock-check':
        return this.clockCheck(headEnd, meterIds, recorder);
      case 'daily-frozen':
        return this.dailyFrozen(headEnd, meterIds, recorder);
    }
  }

  private outcomeRow(outcome: MeterOutcome, clockOffsetMs: number | null = null): RunMeterRow {
    const meter = this.meters.get(outcome.meterId);
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

  /** The plan's targets (areas, meter types, meters), narrowed by the request. */
  private async targets(plan: ReadingPlan, request: RunRequest): Promise<MeterConfig[]> {
    const areaPaths = new Set<string>();
    for (const id of plan.targets.areas ?? []) {
      const [area] = await this.store.areas.getMany([Number(id)]);
      if (area !== undefined) areaPaths.add(area.path);
    }
    let requestPath: string | undefined;
    if (request.areaId !== undefined) {
      const [area] = await this.store.areas.getMany([request.areaId]);
      if (area === undefined) return [];
      requestPath = area.path;
    }
    const types = new Set(plan.targets.meterTypes ?? []);
    // A plan names its meters as the API writes them, in text.
    const named = new Set((plan.targets.meters ?? []).map(Number));
    const requested = request.meterIds === undefined ? undefined : new Set(request.meterIds);
    const byPlan = (m: MeterConfig) => {
      const any = (plan.targets.areas?.length ?? 0) + types.size + named.size > 0;
      if (!any) return true;
      return (
        named.has(m.id) ||
        types.has(m.meterType) ||
        [...areaPaths].some((path) => m.areaPath?.startsWith(path) === true)
      );
    };
    return [...this.meters.values()].filter(
      (m) =>
        byPlan(m) &&
        (requested === undefined || requested.has(m.id)) &&
        (requestPath === undefined || m.areaPath?.startsWith(requestPath) === true),
    );
  }

  private async clockCheck(
    headEnd: HeadEnd,
    meterIds: readonly number[],
    recorder: RunRecorder,
  ): Promise<Summed> {
    const threshold = this.options.clockThresholdMs ?? DEFAULT_CLOCK_THRESHOLD_MS;
    let flagged = 0;
    const report = await headEnd.read([DATE, TIME], {
      meterIds,
      onOutcome: (outcome) => {
        const date = outcome.readings.find((r) => r.di === DATE)?.value as MeterDateTime | undefined;
        const time = outcome.readings.find((r) => r.di === TIME)?.value as MeterDateTime | undefined;
        let deviation: number | null = null;
        if (date !== undefined && time !== undefined) {
          try {
            deviation = clockDeviationMs(date, time, this.now(), this.timeZone);
          } catch {
            deviation = null;
          }
        }
        if (deviation !== null && Math.abs(deviation) > threshold) {
          flagged++;
          this.log(
            `clock: meter ${outcome.meterId} is ${Math.round(Math.abs(deviation) / 1000)} s ${deviation > 0 ? 'fast' : 'slow'}`,
          );
        }
        recorder.add(this.outcomeRow(outcome, deviation));
        if (deviation !== null) {
          const offsetMs = deviation;
          this.observe((observer) => observer.clockChecked(outcome.meterId, offsetMs));
        }
      },
    });
    const params = { meters: report.outcomes.length, flagged, thresholdMinutes: threshold / 60_000 };
    return {
      text: `${params.meters} clocks checked, ${flagged} beyond ${params.thresholdMinutes} min`,
      coded: { code: 'clock-summary', params },
    };
  }

  private async dailyFrozen(
    headEnd: HeadEnd,
    meterIds: readonly number[],
    recorder: RunRecorder,
  ): Promise<Summed> {
    const today = localDate(this.now(), this.timeZone);
    const windowStart = addDays(today, -61);
    let stored = 0;
    let lost = 0;
    const results = await headEnd.perMeter(async (client, meter) => {
      const started = this.now();
      const meterId = meter.id;
      const row = await this.store.meters.get(meterId);
      const since =
        row === undefined ? windowStart : maxDate(windowStart, localDate(row.stockedInAt, this.timeZone));
      const have = new Set((await this.store.readings.dailyFrozen(meterId, since, today)).map((r) => r.day));
      const gaps = dailyFrozenGaps(have, since, today);
      const outcome = await collectDailyFreezes(
        client,
        { address: meter.address, edition: meter.edition },
        gaps,
      );
      const receivedAt = this.now();
      const rows = dailyFreezeRows(meterId, outcome.freezes, this.timeZone, receivedAt);
      if (rows.length > 0) await this.store.readings.insertDailyFrozen(rows);
      stored += rows.length;
      lost += outcome.missing.length;
      const why = outcome.failure?.why ?? missingDaysReason(outcome.missing);
      recorder.add({
        runId: 0,
        meterId,
        terminalId: meter.terminalId,
        portNo: meter.portNo,
        status: outcome.failure === undefined ? 'complete' : 'unreachable',
        reason:
          outcome.failure?.message ??
          (outcome.missing.length === 0
            ? null
            : `${outcome.missing.length} day(s) no longer held by the meter: ${outcome.missing.map((m) => m.date).join(', ')}`.slice(
                0,
                500,
              )),
        ...reasonColumns(why),
        attempts: 1,
        durationMs: this.now() - started,
        clockOffsetMs: null,
      });
      return outcome;
    }, meterIds);
    const failed = results.filter((r) => r.result.failure !== undefined).length;
    return {
      text: `${stored} daily freezes stored from ${results.length} meters, ${lost} day(s) not collectable, ${failed} meter(s) failed`,
      coded: { code: 'daily-frozen-summary', params: { stored, meters: results.length, lost, failed } },
    };
  }

  // Commands -------------------------------------------------------------------------------------------

  /**
   * A command to a meter: persisted and audited before anything is sent, sent by the meter's bus ahead of
   * scheduled work, confirmed by reading back, and finished as confirmed or failed with the reason (audited
   * too). The request id makes it idempotent: asking again returns the first command, finished or not.
   */
  async command(meterId: number, request: CommandRequest, actor: Actor = SYSTEM): Promise<MeterCommandRow> {
    if (!this.collects(meterId)) {
      throw new CommandRefused(
        'meter-not-collected',
        `meter ${meterId} is not on any bus this collector drives`,
      );
    }
    if (request.kind === 'top-up' && this.options.security === undefined) {
      throw new CommandRefused(
        'no-security-module',
        'no security module is configured (OPENAMI_ESAM_KEY), so the meter would refuse the top-up',
      );
    }
    if (request.kind !== 'top-up' && this.options.credentials === undefined) {
      throw new CommandRefused(
        'no-credentials',
        'no meter password is configured (OPENAMI_METER_PASSWORD), so the meter would refuse the command',
      );
    }
    const now = this.now();
    const { command: row, created } = await this.store.transaction((tx) =>
      recordCommandRequest(tx, meterId, request, actor, now),
    );
    if (!created) return this.commandsInFlight.get(row.id) ?? row;
    return this.send(row, false, actor);
  }

  /**
   * Commands a stopped process left unfinished. One that may have reached the meter (`sending`) is read
   * back before anything is sent again, so it is never applied twice.
   */
  async resumeCommands(): Promise<void> {
    const unfinished = await this.store.collection.unfinishedCommands();
    for (const row of unfinished) {
      if (!this.collects(row.meterId) || this.commandsInFlight.has(row.id)) continue;
      if (row.state === 'sending') {
        await this.store.collection.requeueCommand(row.id);
      }
      void this.send({ ...row, state: 'pending' }, row.state === 'sending', SYSTEM).catch((error: unknown) =>
        this.log(`command ${row.id}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  /**
   * Sends the pending commands of meters this collector drives that another process persisted. Only
   * `pending` ones: a `sending` one belongs to whoever claimed it (this process resumes its own at start).
   * Claiming is atomic, so a command is sent once however many processes look.
   */
  async pickUpCommands(): Promise<void> {
    if (this.headEnd === undefined) return;
    for (const row of await this.store.collection.pendingCommands()) {
      if (!this.collects(row.meterId) || this.commandsInFlight.has(row.id)) continue;
      const actor: Actor = { userId: row.requestedBy, name: SYSTEM.name, sourceIp: SYSTEM.sourceIp };
      void this.send(row, false, actor).catch((error: unknown) =>
        this.log(`command ${row.id}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  private send(row: MeterCommandRow, readBackFirst: boolean, actor: Actor): Promise<MeterCommandRow> {
    // Asked for here while the pick-up found it too: one send, which both wait for.
    const inFlight = this.commandsInFlight.get(row.id);
    if (inFlight !== undefined) return inFlight;
    const sending = this.sendNow(row, readBackFirst, actor).finally(() =>
      this.commandsInFlight.delete(row.id),
    );
    this.commandsInFlight.set(row.id, sending);
    return sending;
  }

  private async sendNow(
    row: MeterCommandRow,
    readBackFirst: boolean,
    actor: Actor,
  ): Promise<MeterCommandRow> {
    const headEnd = this.headEnd;
    // A top-up needs no password (the ESAM authenticates it); it still names the operator.
    const credentials = this.options.credentials ?? {
      passwordLevel: 0,
      password: '000000',
      operatorCode: this.options.operatorCode ?? '00000000',
    };
    if (headEnd === undefined) throw new Error('the collector is not started');
    if (!(await this.store.collection.claimCommand(row.id, this.now()))) {
      return (await this.store.collection.getCommand(row.id)) ?? row;
    }
    const command = parseCommand(row);
    const [result] = await headEnd.perMeter(
      (client, meter) =>
        executeCommand(
          {
            client,
            address: meter.address,
            credentials,
            meterNow: localParts(this.now(), this.timeZone),
            readBackFirst,
            ...(this.options.security === undefined ? {} : { security: this.options.security }),
          },
          command,
        ).catch(
          (error: unknown): CommandOutcome => ({
            status: 'failed',
            attempts: 0,
            reason: error instanceof Error ? error.message : String(error),
            why: reasonOfError(error),
          }),
        ),
      [row.meterId],
    );
    const outcome: CommandOutcome = result?.result ?? {
      status: 'failed',
      attempts: 0,
      reason: 'the meter is on no bus',
      why: plainReason('meter-on-no-bus'),
    };
    const now = this.now();
    return this.store.transaction(async (tx) => {
      const finished = await tx.collection.finishCommand(
        row.id,
        {
          state: outcome.status,
          reason: outcome.reason ?? null,
          ...reasonColumns(outcome.why ?? null),
          attempts: outcome.attempts,
        },
        now,
      );
      await tx.audit.append({
        at: now,
        actorUserId: actor.userId,
        actorName: actor.name,
        sourceIp: actor.sourceIp,
        action: outcome.status === 'confirmed' ? 'meter.command.confirmed' : 'meter.command.failed',
        entity: 'meter',
        entityId: String(row.meterId),
        details: {
          commandId: row.id,
          kind: row.kind,
          attempts: outcome.attempts,
          reason: outcome.reason ?? null,
          why: outcome.why ?? null,
        },
      });
      return finished ?? row;
    });
  }

  private async recordSchedulerEvent(record: PlanRunRecord): Promise<void> {
    this.log(describeRecord(record));
    // Runs that happened are recorded by `execute`; a skipped one never started, so record it here.
    if (record.status !== 'skipped') return;
    const plan = this.plan(record.planId);
    const run = await this.store.collection.startRun({
      planId: record.planId,
      kind: plan?.kind ?? 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId: null,
      startedAt: record.scheduledAt,
    });
    await this.store.collection.finishRun(
      run.id,
      record.finishedAt,
      'skipped',
      record.detail ?? 'the previous run had not finished',
      // The scheduler skips a run for one reason only: the plan's previous run is still going.
      plainReason('run-overlap'),
    );
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

function describeRecord(record: PlanRunRecord): string {
  const seconds = ((record.finishedAt - record.startedAt) / 1000).toFixed(1);
  return `plan ${record.planId}: ${record.status} in ${seconds} s${record.detail === undefined ? '' : ` — ${record.detail}`}`;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
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

function parseCommand(row: MeterCommandRow): MeterCommand {
  const params = JSON.parse(row.params) as Record<string, unknown>;
  if (row.kind === 'top-up') {
    return {
      kind: 'top-up',
      command: params.command === 'open-account' ? 'open-account' : 'recharge',
      amountFen: params.amountFen as number,
      purchaseCount: params.purchaseCount as number,
      customerNumber: params.customerNumber as string,
    };
  }
  if (row.kind === 'relay-trip' || row.kind === 'relay-close') {
    return {
      kind: 'relay',
      action: row.kind === 'relay-trip' ? 'trip' : 'close',
      ...(typeof params.validForMinutes === 'number' ? { validForMinutes: params.validForMinutes } : {}),
    };
  }
  return {
    kind: 'write',
    di: params.di as number,
    value: params.value as MeterCommand extends { value: infer V } ? V : never,
  };
}

/**
 * Collects a run's per-meter outcomes and writes them a few hundred at a time, so that a run cut short
 * keeps what it recorded; reports progress as each meter finishes.
 */
class RunRecorder {
  private readonly store: Repositories;
  private readonly runId: number;
  private readonly total: number;
  private readonly onProgress: ((progress: RunProgress) => void) | undefined;
  private pending: RunMeterRow[] = [];
  private writing: Promise<void> = Promise.resolve();
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
  }

  flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() =>
      rows.length === 0 ? undefined : this.store.collection.recordMeters(rows),
    );
    return this.writing;
  }
}

/**
 * The collector's settings from the environment, every bad one reported: OPENAMI_TIME_ZONE (the site's
 * zone, default Asia/Shanghai), OPENAMI_METER_PASSWORD (`level:password`, e.g. `02:123456`, the password
 * commands are sent with), OPENAMI_OPERATOR_CODE (eight hex digits recorded by the meter, default
 * 00000000), OPENAMI_DIAL_IN_PORT (where GPRS terminals connect), OPENAMI_ESAM_KEY (32 hex digits: the
 * master key of the soft security module that makes top-ups of local fee-control meters).
 */
export function collectorSettings(env: Readonly<Record<string, string | undefined>>): {
  options: Pick<CollectorOptions, 'timeZone' | 'credentials' | 'dialInPort' | 'operatorCode' | 'security'>;
  problems: string[];
} {
  const problems: string[] = [];
  const options: {
    timeZone?: string;
    credentials?: Credentials;
    dialInPort?: number;
    operatorCode?: string;
    security?: SecurityModule;
  } = {};
  const zone = env.OPENAMI_TIME_ZONE;
  if (zone !== undefined && zone !== '') {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      options.timeZone = zone;
    } catch {
      problems.push(`OPENAMI_TIME_ZONE=${zone}: not a time zone (for example Asia/Shanghai)`);
    }
  }
  const operatorCode = env.OPENAMI_OPERATOR_CODE ?? '00000000';
  if (!/^[0-9A-Fa-f]{8}$/.test(operatorCode))
    problems.push(`OPENAMI_OPERATOR_CODE=${operatorCode}: must be eight hex digits`);
  else options.operatorCode = operatorCode.toUpperCase();
  const esamKey = env.OPENAMI_ESAM_KEY;
  if (esamKey !== undefined && esamKey !== '') {
    if (/^[0-9A-Fa-f]{32}$/.test(esamKey)) options.security = new SoftSecurityModule(esamKey);
    else problems.push('OPENAMI_ESAM_KEY: must be 32 hex digits (the SM4 master key of the soft ESAM)');
  }
  const password = env.OPENAMI_METER_PASSWORD;
  if (password !== undefined && password !== '') {
    const match = /^([0-9]{2}):([0-9A-Fa-f]{6})$/.exec(password);
    if (match === null) {
      problems.push(
        'OPENAMI_METER_PASSWORD: must be level:password, two digits and six hex digits (02:123456)',
      );
    } else {
      options.credentials = {
        passwordLevel: Number(match[1]),
        password: (match[2] as string).toUpperCase(),
        operatorCode: operatorCode.toUpperCase(),
      };
    }
  }
  const dialIn = env.OPENAMI_DIAL_IN_PORT;
  if (dialIn !== undefined && dialIn !== '') {
    const port = Number(dialIn);
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      problems.push(`OPENAMI_DIAL_IN_PORT=${dialIn}: must be a whole number from 1 to 65535`);
    else options.dialInPort = port;
  }
  return { options, problems };
}
