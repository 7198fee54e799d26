// The field's notion of now. Simulated time runs `timeFactor` times faster than real time from a chosen
// start, so a test can watch a day of load in a minute. Real time comes from a monotonic source.
import { performance } from 'node:perf_hooks';

export interface SimClock {
  /** Simulated epoch milliseconds now, whole. */
  now(): number;
  /** Simulated epoch milliseconds at a real instant given as `performance.now()` milliseconds. */
  at(realMs: number): number;
  /** Simulated milliseconds that pass in `realMs` real milliseconds. */
  readonly timeFactor: number;
}

export function realTimeClock(startEpochMs: number, timeFactor: number): SimClock {
  const realStart = performance.now();
  return {
    timeFactor,
    now: () => Math.floor(startEpochMs + (performance.now() - realStart) * timeFactor),
    at: (realMs) => Math.floor(startEpochMs + (realMs - realStart) * timeFactor),
  };
}

/**
 * Real time × `timeFactor`, whose simulated now can be moved forward in one jump: a field fast-forwarded
 * through a history (each meter brought up to the jump by itself) then goes on live from there.
 */
export class JumpClock implements SimClock {
  readonly timeFactor: number;
  private startEpochMs: number;
  private realStart = performance.now();

  constructor(startEpochMs: number, timeFactor: number) {
    this.startEpochMs = startEpochMs;
    this.timeFactor = timeFactor;
  }

  now(): number {
    return this.at(performance.now());
  }

  at(realMs: number): number {
    // Whole milliseconds: every time the platform stores or answers is an integer (epoch ms).
    return Math.floor(this.startEpochMs + (realMs - this.realStart) * this.timeFactor);
  }

  /** Simulated time jumps to `epochMs` and runs on from there; a time already passed leaves it be. */
  jumpTo(epochMs: number): void {
    const now = performance.now();
    if (epochMs <= this.at(now)) return;
    this.startEpochMs = epochMs;
    this.realStart = now;
  }
}

/** A clock a test moves by hand. */
export class ManualClock implements SimClock {
  readonly timeFactor = 1;
  private current: number;

  constructor(startEpochMs: number) {
    this.current = startEpochMs;
  }

  now(): number {
    return this.current;
  }

  at(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(epochMs: number): void {
    this.current = epochMs;
  }
}
