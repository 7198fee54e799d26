// What the collector's parts share: the store and the batched sink its readings go to, the clock, the log,
// and, once started, the field it drives (the head-end and the meters on its buses). The observer's work is
// tracked here too, so that a run can end once what it saw has been followed up.
import { databaseUnavailable, ReadingSpool, StoreSink } from '@openami/storage';
import type { MeterConfig } from '../config.ts';
import type { HeadEnd } from '../head-end.ts';
import type { CollectionObserver } from './observer.ts';
import type { CollectorOptions, CollectorStore } from './options.ts';

export class CollectorCore {
  readonly store: CollectorStore;
  readonly options: CollectorOptions;
  readonly sink: StoreSink;
  /** Readings waiting for the database while it is down. */
  readonly spool: ReadingSpool;
  private field: { readonly headEnd: HeadEnd; readonly meters: ReadonlyMap<number, MeterConfig> } | undefined;
  private readonly observerPending = new Set<Promise<void>>();
  /** Readings lost since the observer was last told (it is told once the database answers again). */
  private lost: { rows: number; since: number; reasons: string[] } | undefined;

  constructor(store: CollectorStore, options: CollectorOptions) {
    this.store = store;
    // Times are whole milliseconds in the store; a simulated clock may run between them.
    const given = options.now;
    this.options = given === undefined ? options : { ...options, now: () => Math.floor(given()) };
    const now = this.options.now;
    this.spool = new ReadingSpool({
      ...options.spool,
      onFull: (rows, reason) => {
        // Loud: these readings are lost. The alarm engine is told once the database is back (it writes there).
        this.log(`ALARM readings lost: ${rows} row(s) refused because ${reason}`);
        this.readingsLost(rows, reason);
      },
    });
    this.sink = new StoreSink(store.readings, {
      spool: this.spool,
      log: (line) => this.log(line),
      timeZone: this.timeZone,
      // Short batches: an alarm waits for the reading that shows it to be stored (issue: ≤ 1 s to the browser).
      maxDelayMs: 200,
      capacityW: (meterId) => this.meter(meterId)?.maxPowerW,
      onDropped: (rows, reason) => this.readingsLost(rows, reason),
      onDrained: () => this.tellLosses(),
      ...(now === undefined ? {} : { now }),
    });
  }

  private readingsLost(rows: number, reason: string): void {
    this.options.onReadingsDropped?.(rows, reason);
    const lost = this.lost ?? { rows: 0, since: this.options.now?.() ?? Date.now(), reasons: [] };
    lost.rows += rows;
    if (lost.reasons.length < 5 && !lost.reasons.includes(reason)) lost.reasons.push(reason);
    this.lost = lost;
  }

  /** Raises the loss with the observer (the alarm engine), now that the database answers; kept if it fails. */
  private tellLosses(): void {
    const lost = this.lost;
    if (lost === undefined) return;
    this.lost = undefined;
    this.observe(async (observer) => {
      try {
        await observer.readingsLost({ rows: lost.rows, since: lost.since, reasons: [...lost.reasons] });
      } catch (error) {
        // Not told: keep it for the next time the spool drains.
        const later = this.lost;
        this.lost =
          later === undefined
            ? lost
            : {
                rows: later.rows + lost.rows,
                since: Math.min(later.since, lost.since),
                reasons: [...lost.reasons, ...later.reasons].slice(0, 5),
              };
        throw error;
      }
    });
  }

  get timeZone(): string {
    return this.options.timeZone ?? 'Asia/Shanghai';
  }

  /** The field as loaded at start: the head-end driving it and its meters by store id. */
  attach(headEnd: HeadEnd, meters: readonly MeterConfig[]): void {
    this.field = { headEnd, meters: new Map(meters.map((m) => [m.id, m])) };
  }

  /** The head-end, once started. */
  get headEnd(): HeadEnd | undefined {
    return this.field?.headEnd;
  }

  /** The head-end, or the error of a collector used before it started. */
  started(): HeadEnd {
    if (this.field === undefined) throw new Error('the collector is not started');
    return this.field.headEnd;
  }

  meter(meterId: number): MeterConfig | undefined {
    return this.field?.meters.get(meterId);
  }

  /** Every meter on a bus this collector drives. */
  meters(): Iterable<MeterConfig> {
    return this.field?.meters.values() ?? [];
  }

  /** Whether the store meter is on a bus this collector drives. */
  collects(meterId: number): boolean {
    return this.field?.meters.has(meterId) ?? false;
  }

  /** The observer's work runs beside collection; a failure is logged, never allowed to stop a run. */
  observe(work: (observer: CollectionObserver) => Promise<void>): void {
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

  /**
   * Retries `work` in the background while the database is unavailable (every 2 s, then up to 30 s), so a
   * run's record written while it is down lands once it returns; any other failure is logged and dropped.
   */
  untilStored(what: string, work: () => Promise<unknown>): void {
    let delayMs = 2000;
    const attempt = (): void => {
      work().then(
        () => undefined,
        (error: unknown) => {
          if (!databaseUnavailable(error)) {
            this.log(`${what}: ${error instanceof Error ? error.message : String(error)}`);
            return;
          }
          setTimeout(attempt, delayMs).unref();
          delayMs = Math.min(delayMs * 2, 30_000);
        },
      );
    };
    attempt();
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  log(line: string): void {
    this.options.log?.(line);
  }
}
