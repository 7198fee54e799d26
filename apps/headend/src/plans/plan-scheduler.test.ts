import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReadingPlan } from './default-plans.ts';
import { type PlanRunRecord, PlanScheduler } from './plan-scheduler.ts';

const plan = (id: string, everyMinutes: number): ReadingPlan => ({
  id,
  name: { zh: id, en: id },
  kind: 'read',
  items: [0x00010000],
  targets: {},
  schedule: { kind: 'interval', everyMinutes },
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the plan scheduler', () => {
  it('runs each plan at its times and records every run', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-22T00:00:30Z') });
    const runs: string[] = [];
    const records: PlanRunRecord[] = [];
    const scheduler = new PlanScheduler([plan('every-15', 15), plan('hourly', 60)], {
      timeZone: 'Asia/Shanghai',
      run: async (p, at) => {
        runs.push(`${p.id}@${new Date(at).toISOString().slice(11, 16)}`);
        return 'ok';
      },
      onRecord: (record) => records.push(record),
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    scheduler.stop();
    expect(runs).toEqual([
      'every-15@00:15',
      'every-15@00:30',
      'every-15@00:45',
      'every-15@01:00',
      'hourly@01:00',
    ]);
    expect(records.every((r) => r.status === 'done' && r.detail === 'ok')).toBe(true);
  });

  it('does not start a plan twice and records the skipped run', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-22T00:00:00Z') });
    const records: PlanRunRecord[] = [];
    let started = 0;
    const scheduler = new PlanScheduler([plan('slow', 15)], {
      timeZone: 'Asia/Shanghai',
      run: () => {
        started++;
        return new Promise((resolve) => setTimeout(() => resolve(undefined), 20 * 60_000));
      },
      onRecord: (record) => records.push(record),
    });
    scheduler.start();
    // Runs at 00:15 (until 00:35); 00:30 finds it running; 00:45 starts again.
    await vi.advanceTimersByTimeAsync(46 * 60_000);
    scheduler.stop();
    expect(started).toBe(2);
    expect(records.map((r) => r.status)).toEqual(['skipped', 'done']);
  });

  it('records a failed run with its reason and carries on', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-22T00:00:00Z') });
    const records: PlanRunRecord[] = [];
    const scheduler = new PlanScheduler([plan('broken', 15)], {
      timeZone: 'Asia/Shanghai',
      run: async () => {
        throw new Error('terminal T1 is down');
      },
      onRecord: (record) => records.push(record),
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(31 * 60_000);
    scheduler.stop();
    expect(records.map((r) => [r.status, r.detail])).toEqual([
      ['failed', 'Error: terminal T1 is down'],
      ['failed', 'Error: terminal T1 is down'],
    ]);
  });
});
