// What the collector's parts share: the store and the batched sink its readings go to, the clock, the log,
// and, once started, the field it drives (the head-end and the meters on its buses). The observer's work is
// tracked here too, so that a run can end once what it saw has been followed up.
import { StoreSink } from '@openami/storage';
import type { MeterConfig } from '../config.ts';
import type { HeadEnd } from '../head-end.ts';
import type { CollectionObserver } from './observer.ts';
import type { CollectorOptions, CollectorStore } from './options.ts';

export class CollectorCore {
  readonly store: CollectorStore;
  readonly options: CollectorOptions;
  readonly sink: StoreSink;
  private field: { readonly headEnd: HeadEnd; readonly meters: ReadonlyMap<number, MeterConfig> } | undefined;
  private readonly observerPending = new Set<Promise<void>>();

  constructor(store: CollectorStore, options: CollectorOptions) {
    this.store = store;
    // Times are whole milliseconds in the store; a simulated clock may run between them.
    const given = options.now;
    this.options = given === undefined ? options : { ...options, now: () => Math.floor(given()) };
    const now = this.options.now;
    this.sink = new StoreSink(store.readings, {
      timeZone: this.timeZone,
      // Short batches: an alarm waits for the reading that shows it to be stored (issue: ≤ 1 s to the browser).
      maxDelayMs: 200,
      capacityW: (meterId) => this.meter(meterId)?.maxPowerW,
      ...(now === undefined ? {} : { now }),
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

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  log(line: string): void {
    this.options.log?.(line);
  }
}
