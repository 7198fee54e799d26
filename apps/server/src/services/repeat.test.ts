import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repeat } from './repeat.ts';

describe('repeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs first after its delay, then each period after the last run ended; a failure is told and the next run still comes', async () => {
    const started: number[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const stop = repeat(
      async () => {
        started.push(Date.now());
        // A run that takes 5 s: the next one counts from its end, never overlapping it.
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        if (fail) {
          fail = false;
          throw new Error('the database is down');
        }
      },
      { everyMs: 60_000, firstAfterMs: 1_000, error: (error) => errors.push(error) },
    );
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([t0 + 1_000]);
    await vi.advanceTimersByTimeAsync(5_000 + 60_000);
    expect(started).toEqual([t0 + 1_000, t0 + 66_000]);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(65_000);
    expect(started).toHaveLength(3);
    stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(started).toHaveLength(3);
  });
});
