import { describe, expect, it } from 'vitest';
import { JumpClock, realTimeClock } from './sim-clock.ts';

describe('JumpClock', () => {
  it('runs at its factor, jumps forward and runs on from there, and never goes back', async () => {
    const clock = new JumpClock(1_000_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = clock.now();
    expect(before).toBeGreaterThanOrEqual(1_000_000 + 1_500);
    clock.jumpTo(5_000_000);
    expect(clock.now()).toBeGreaterThanOrEqual(5_000_000);
    expect(clock.now()).toBeLessThan(5_000_000 + 1_000);
    const after = clock.now();
    clock.jumpTo(1_000_000);
    expect(clock.now()).toBeGreaterThanOrEqual(after);
  });
});

describe('the simulated clocks', () => {
  it('tell whole milliseconds at any time factor, as the platform stores and answers them', async () => {
    const clocks = [new JumpClock(1_000_000, 37.3), realTimeClock(1_000_000, 60.7)];
    await new Promise((resolve) => setTimeout(resolve, 3));
    for (const clock of clocks) {
      expect(Number.isInteger(clock.now())).toBe(true);
      expect(Number.isInteger(clock.at(12.345))).toBe(true);
    }
  });
});
