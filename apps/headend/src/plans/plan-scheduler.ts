// Runs reading plans when their schedules say: one timer for the earliest next run, the plan's job when it
// fires, then the next. A plan still running when its next time comes is not started twice; the missed run
// is recorded as skipped, so the run history shows it rather than hiding it.
import type { ReadingPlan } from './default-plans.ts';
import { nextRun } from './schedule.ts';

export interface PlanRunRecord {
  readonly planId: string;
  readonly scheduledAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly status: 'done' | 'failed' | 'skipped';
  readonly detail?: string;
}

export interface SchedulerOptions {
  readonly timeZone: string;
  readonly now?: () => number;
  /** How fast `now` runs against real time (a simulated field at 60× runs an hour a minute); default 1. */
  readonly rate?: number;
  /** Does the plan's work; resolves when the run is over. */
  readonly run: (plan: ReadingPlan, scheduledAt: number) => Promise<string | undefined>;
  readonly onRecord?: (record: PlanRunRecord) => void;
}

export class PlanScheduler {
  private readonly plans: readonly ReadingPlan[];
  private readonly options: SchedulerOptions;
  private readonly due = new Map<string, number>();
  private readonly running = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(plans: readonly ReadingPlan[], options: SchedulerOptions) {
    this.plans = plans;
    this.options = options;
  }

  /** When each plan runs next (epoch ms). */
  get schedule(): ReadonlyMap<string, number> {
    return this.due;
  }

  start(): void {
    this.stopped = false;
    const now = this.now();
    for (const plan of this.plans) this.due.set(plan.id, nextRun(plan.schedule, now, this.options.timeZone));
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private arm(): void {
    clearTimeout(this.timer);
    if (this.stopped || this.due.size === 0) return;
    const earliest = Math.min(...this.due.values());
    // Timers are capped near 24.8 days; plans run at least monthly, so wake up and look again if needed.
    const delay = Math.min(Math.max(0, (earliest - this.now()) / (this.options.rate ?? 1)), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    const now = this.now();
    for (const plan of this.plans) {
      const scheduledAt = this.due.get(plan.id);
      if (scheduledAt === undefined || scheduledAt > now) continue;
      this.due.set(plan.id, nextRun(plan.schedule, Math.max(now, scheduledAt), this.options.timeZone));
      if (this.running.has(plan.id)) {
        this.options.onRecord?.({
          planId: plan.id,
          scheduledAt,
          startedAt: now,
          finishedAt: now,
          status: 'skipped',
          detail: 'the previous run was still going',
        });
        continue;
      }
      void this.execute(plan, scheduledAt);
    }
    this.arm();
  }

  private async execute(plan: ReadingPlan, scheduledAt: number): Promise<void> {
    this.running.add(plan.id);
    const startedAt = this.now();
    try {
      const detail = await this.options.run(plan, scheduledAt);
      this.options.onRecord?.({
        planId: plan.id,
        scheduledAt,
        startedAt,
        finishedAt: this.now(),
        status: 'done',
        ...(detail === undefined ? {} : { detail }),
      });
    } catch (error) {
      this.options.onRecord?.({
        planId: plan.id,
        scheduledAt,
        startedAt,
        finishedAt: this.now(),
        status: 'failed',
        detail: String(error),
      });
    } finally {
      this.running.delete(plan.id);
    }
  }
}
