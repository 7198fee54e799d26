// The plans a collector runs: the store's (new default plans seeded once; a site's own changes stay), or
// those it was given; scheduled in the site's time zone, re-read when another process (the API) changes
// them, and a scheduled run skipped for overlap recorded as skipped.
import { DEFAULT_PLANS, type ReadingPlan } from '../plans/default-plans.ts';
import { planFromRow, planToRow, type StoredPlan } from '../plans/plan-records.ts';
import { type PlanRunRecord, PlanScheduler } from '../plans/plan-scheduler.ts';
import { plainReason } from '../reasons.ts';
import type { CollectorCore } from './core.ts';

export class PlanWatch {
  private readonly core: CollectorCore;
  /** Runs a scheduled plan; resolves with its summary once its run is recorded. */
  private readonly run: (plan: ReadingPlan) => Promise<string>;
  private scheduler: PlanScheduler | undefined;
  private scheduling = false;
  private timer: NodeJS.Timeout | undefined;
  private current: StoredPlan[] = [];
  private version = 0;

  constructor(core: CollectorCore, run: (plan: ReadingPlan) => Promise<string>) {
    this.core = core;
    this.run = run;
  }

  /** The plans this collector runs, switched-off ones included. */
  get plans(): readonly StoredPlan[] {
    return this.current;
  }

  plan(id: string): StoredPlan | undefined {
    return this.current.find((p) => p.id === id);
  }

  /** Loads the plans; with `schedule`, runs them on time and picks up changes within a minute. */
  async start(schedule: boolean): Promise<void> {
    await this.load();
    this.scheduling = schedule;
    if (!schedule) return;
    this.schedule();
    // Another process (the API) may change the plans: pick the change up within a minute.
    this.timer = setInterval(() => {
      this.reloadIfChanged().catch((error: unknown) =>
        this.core.log(`plans: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, 60_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.scheduler?.stop();
  }

  /** Re-reads the plans from the store and reschedules them. */
  async reload(): Promise<void> {
    await this.load();
    if (this.scheduling) this.schedule();
  }

  private async load(): Promise<void> {
    const given = this.core.options.plans;
    if (given !== undefined) {
      this.current = given.map((p) => ({ ...p, enabled: true }));
      return;
    }
    const store = this.core.store;
    // New default plans reach a site once; a site's own changes to them stay.
    await store.plans.seed(
      DEFAULT_PLANS.map((p) => planToRow(p)),
      this.core.now(),
    );
    const rows = await store.plans.list();
    this.version = Math.max(0, ...rows.map((r) => r.updatedAt));
    const plans: StoredPlan[] = [];
    for (const row of rows) {
      const plan = planFromRow(row);
      if (typeof plan === 'string') this.core.log(`configuration: ${plan}`);
      else plans.push(plan);
    }
    this.current = plans;
  }

  private async reloadIfChanged(): Promise<void> {
    if (this.core.options.plans !== undefined) return;
    const rows = await this.core.store.plans.list();
    const version = Math.max(0, ...rows.map((r) => r.updatedAt));
    if (version !== this.version) await this.reload();
  }

  private schedule(): void {
    const { now, clockRate } = this.core.options;
    this.scheduler?.stop();
    this.scheduler = new PlanScheduler(
      this.current.filter((p) => p.enabled),
      {
        timeZone: this.core.timeZone,
        ...(now === undefined ? {} : { now }),
        ...(clockRate === undefined ? {} : { rate: clockRate }),
        run: (plan) => this.run(plan),
        onRecord: (record) =>
          void this.recordSchedulerEvent(record).catch((error: unknown) =>
            this.core.log(`plan ${record.planId}: ${error instanceof Error ? error.message : String(error)}`),
          ),
      },
    );
    this.scheduler.start();
  }

  private async recordSchedulerEvent(record: PlanRunRecord): Promise<void> {
    this.core.log(describeRecord(record));
    // Runs that happened are recorded by `execute`; a skipped one never started, so record it here.
    if (record.status !== 'skipped') return;
    const plan = this.plan(record.planId);
    const collection = this.core.store.collection;
    const run = await collection.startRun({
      planId: record.planId,
      kind: plan?.kind ?? 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId: null,
      startedAt: record.scheduledAt,
    });
    await collection.finishRun(
      run.id,
      record.finishedAt,
      'skipped',
      record.detail ?? 'the previous run had not finished',
      // The scheduler skips a run for one reason only: the plan's previous run is still going.
      plainReason('run-overlap'),
    );
  }
}

function describeRecord(record: PlanRunRecord): string {
  const seconds = ((record.finishedAt - record.startedAt) / 1000).toFixed(1);
  return `plan ${record.planId}: ${record.status} in ${seconds} s${record.detail === undefined ? '' : ` — ${record.detail}`}`;
}
