// Readings another process stored, followed from this one: how an API process without a collector of its
// own charges remote fee-control accounts when a collector process (`openami collector`) reads their meters.
// A cursor on the readings' `received_at` is polled; on PostgreSQL the collector's commit also notifies
// (LISTEN/NOTIFY), which wakes the poll at once, so the poll interval only bounds a missed notification.
import { readingsChannel, type Store } from '@openami/storage';

export interface StoredReadingsOptions {
  /** How often the cursor is polled (default 1 s; with NOTIFY on PostgreSQL, 5 s). */
  readonly pollMs?: number;
  /**
   * How far back each poll looks again (default 10 s): a batch that commits after a later one, or a
   * collector whose clock is a little behind, still has its readings seen.
   */
  readonly overlapMs?: number;
  readonly log?: (line: string) => void;
}

const pageSize = 1000;

export class StoredReadingsFollower {
  private readonly store: Store;
  private readonly onMeter: (meterId: number) => Promise<void>;
  private readonly options: StoredReadingsOptions;
  /** The latest `received_at` seen; readings stored after it (less the overlap) are looked at. */
  private cursor = 0;
  /** Per meter, the latest `received_at` already acted on, within the overlap. */
  private readonly handled = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopListening: (() => Promise<void>) | undefined;
  private polling: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    store: Store,
    onMeter: (meterId: number) => Promise<void>,
    options: StoredReadingsOptions = {},
  ) {
    this.store = store;
    this.onMeter = onMeter;
    this.options = options;
  }

  /** Starts from the readings stored so far: what came before is the business of whoever was running then. */
  async start(): Promise<void> {
    this.cursor = await this.store.readings.latestReceivedAt();
    const listen = this.store.listen;
    if (listen !== undefined) this.stopListening = await listen(readingsChannel, () => this.wake());
    const pollMs = this.options.pollMs ?? (listen === undefined ? 1000 : 5000);
    this.timer = setInterval(() => this.wake(), pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.stopListening?.();
    await this.polling;
  }

  /** Polls now, or once more after the poll under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.polling !== undefined) {
      this.again = true;
      return;
    }
    this.polling = this.poll()
      .catch((error: unknown) =>
        this.options.log?.(`stored readings: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        this.polling = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves once the poll under way (if any) and any it called for are done. */
  async settled(): Promise<void> {
    while (this.polling !== undefined) await this.polling;
  }

  private async poll(): Promise<void> {
    const overlapMs = this.options.overlapMs ?? 10_000;
    let from = this.cursor - overlapMs;
    for (;;) {
      const page = await this.store.readings.storedSince(from, pageSize);
      for (const { meterId, receivedAt } of page) {
        this.cursor = Math.max(this.cursor, receivedAt);
        if (receivedAt <= (this.handled.get(meterId) ?? Number.NEGATIVE_INFINITY)) continue;
        this.handled.set(meterId, receivedAt);
        await this.onMeter(meterId).catch((error: unknown) =>
          this.options.log?.(
            `stored readings: meter ${meterId}: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
      const last = page.at(-1);
      // A full page: more meters follow; the next page starts at the last one's time (seen ones are skipped).
      if (page.length < pageSize || last === undefined || last.receivedAt - 1 <= from) break;
      from = last.receivedAt - 1;
    }
    for (const [meterId, receivedAt] of this.handled) {
      if (receivedAt <= this.cursor - overlapMs) this.handled.delete(meterId);
    }
  }
}
