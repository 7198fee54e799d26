// The head-end as a service: its field from the store, readings into the store, plans run on schedule.
// `openami collector` runs one; tests drive `runPlan` directly.
import type { MeterDateTime } from '@openami/protocol';
import type { Repositories } from '@openami/storage';
import { collectDailyFreezes } from './collect/daily-frozen.ts';
import { HeadEnd, type HeadEndOptions } from './head-end.ts';
import { kWhToWh } from './ingest/reading-rows.ts';
import { StoreSink } from './ingest/store-sink.ts';
import { clockDeviationMs, DEFAULT_CLOCK_THRESHOLD_MS } from './plans/clock.ts';
import { dailyFrozenGaps } from './plans/daily-frozen-gaps.ts';
import { DEFAULT_PLANS, type ReadingPlan } from './plans/default-plans.ts';
import { type PlanRunRecord, PlanScheduler } from './plans/plan-scheduler.ts';
import { addDays, fromLocal, localDate } from './plans/zoned-time.ts';
import { type ConfigProblem, loadFieldConfig } from './store-config.ts';

export interface CollectorOptions {
  readonly timeZone?: string;
  readonly plans?: readonly ReadingPlan[];
  readonly now?: () => number;
  readonly bus?: HeadEndOptions['bus'];
  readonly dialInPort?: number;
  /** One line per event worth a log entry (run records, flagged clocks, configuration problems). */
  readonly log?: (line: string) => void;
}

const DATE = 0x04000101;
const TIME = 0x04000102;

export class Collector {
  private readonly store: Repositories;
  private readonly options: CollectorOptions;
  private readonly sink: StoreSink;
  private headEnd: HeadEnd | undefined;
  private scheduler: PlanScheduler | undefined;

  constructor(store: Repositories, options: CollectorOptions = {}) {
    this.store = store;
    this.options = options;
    this.sink = new StoreSink(store.readings, {
      meterIdOf: Number,
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
    this.headEnd = new HeadEnd(config, {
      sink: this.sink,
      ...(this.options.bus === undefined ? {} : { bus: this.options.bus }),
      ...(this.options.now === undefined ? {} : { now: this.options.now }),
    });
    await this.headEnd.start();
    if (schedule) {
      this.scheduler = new PlanScheduler(this.options.plans ?? DEFAULT_PLANS, {
        timeZone: this.timeZone,
        ...(this.options.now === undefined ? {} : { now: this.options.now }),
        run: (plan) => this.runPlan(plan),
        onRecord: (record) => this.log(describeRecord(record)),
      });
      this.scheduler.start();
    }
    return problems;
  }

  async stop(): Promise<void> {
    this.scheduler?.stop();
    await this.sink.flush();
    await this.headEnd?.stop();
  }

  /** Runs one plan now; resolves with a one-line summary. */
  async runPlan(plan: ReadingPlan): Promise<string> {
    const headEnd = this.headEnd;
    if (headEnd === undefined) throw new Error('the collector is not started');
    switch (plan.kind) {
      case 'read': {
        const report = await headEnd.read(plan.items);
        await this.sink.flush();
        const count = (status: string) => report.outcomes.filter((o) => o.status === status).length;
        // Partial: the meter answered but refused some items (a money item on an energy-type meter).
        return `${report.outcomes.length} meters: ${count('complete')} complete, ${count('partial')} partial, ${count('unreachable')} unreachable`;
      }
      case 'time-sync':
        return `time broadcast on ${(await headEnd.timeSync()).length} bus(es)`;
      case 'clock-check':
        return this.clockCheck(headEnd);
      case 'daily-frozen':
        return this.dailyFrozen(headEnd);
    }
  }

  private async clockCheck(headEnd: HeadEnd): Promise<string> {
    const now = this.now();
    const report = await headEnd.read([DATE, TIME]);
    let flagged = 0;
    for (const outcome of report.outcomes) {
      const date = outcome.readings.find((r) => r.di === DATE)?.value as MeterDateTime | undefined;
      const time = outcome.readings.find((r) => r.di === TIME)?.value as MeterDateTime | undefined;
      if (date === undefined || time === undefined) continue;
      const deviation = clockDeviationMs(date, time, now, this.timeZone);
      if (Math.abs(deviation) > DEFAULT_CLOCK_THRESHOLD_MS) {
        flagged++;
        this.log(
          `clock: meter ${outcome.meterId} is ${Math.round(deviation / 1000)} s ${deviation > 0 ? 'fast' : 'slow'}`,
        );
      }
    }
    return `${report.outcomes.length} clocks checked, ${flagged} beyond ${DEFAULT_CLOCK_THRESHOLD_MS / 60_000} min`;
  }

  private async dailyFrozen(headEnd: HeadEnd): Promise<string> {
    const today = localDate(this.now(), this.timeZone);
    const windowStart = addDays(today, -61);
    let stored = 0;
    let lost = 0;
    const results = await headEnd.perMeter(async (client, meter) => {
      const meterId = Number(meter.id);
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
      const rows = outcome.freezes.flatMap((freeze) => {
        const [total, ...tariffs] = freeze.forwardActive;
        if (typeof total !== 'number' || freeze.frozenAt.year === undefined) return [];
        const tariffWh = (i: number) =>
          typeof tariffs[i] === 'number' ? kWhToWh(tariffs[i] as number) : null;
        return [
          {
            meterId,
            day: freeze.date,
            frozenAt: fromLocal(
              {
                year: freeze.frozenAt.year,
                month: freeze.frozenAt.month ?? 1,
                day: freeze.frozenAt.day ?? 1,
                hour: freeze.frozenAt.hour ?? 0,
                minute: freeze.frozenAt.minute ?? 0,
              },
              this.timeZone,
            ),
            activeImportWh: kWhToWh(total),
            tariff1Wh: tariffWh(0),
            tariff2Wh: tariffWh(1),
            tariff3Wh: tariffWh(2),
            tariff4Wh: tariffWh(3),
            receivedAt,
          },
        ];
      });
      if (rows.length > 0) await this.store.readings.insertDailyFrozen(rows);
      stored += rows.length;
      lost += outcome.missing.length;
      return outcome;
    });
    const failed = results.filter((r) => r.result.failure !== undefined).length;
    return `${stored} daily freezes stored from ${results.length} meters, ${lost} day(s) not collectable, ${failed} meter(s) failed`;
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
