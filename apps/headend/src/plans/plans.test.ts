import { addDays, fromLocal, localDate, localParts } from '@openami/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { broadcastTime, clockDeviationMs } from './clock.ts';
import { dailyFreezeItems, dailyFrozenGaps } from './daily-frozen-gaps.ts';
import { DEFAULT_PLANS } from './default-plans.ts';
import { itemInfo, resolveItems } from './item-groups.ts';
import { planFromRow, planProblem, planProblemReason, planRowProblem, planToRow } from './plan-records.ts';
import { minuteOfDay, nextRun } from './schedule.ts';

const SHANGHAI = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('site time', () => {
  it('converts between UTC and Shanghai wall-clock time', () => {
    expect(localParts(at('2026-11-21T16:30:00Z'), SHANGHAI)).toMatchObject({
      year: 2026,
      month: 11,
      day: 22,
      hour: 0,
      minute: 30,
      weekday: 0,
    });
    expect(fromLocal({ year: 2026, month: 11, day: 22, hour: 0, minute: 30 }, SHANGHAI)).toBe(
      at('2026-11-21T16:30:00Z'),
    );
    expect(localDate(at('2026-11-21T15:59:59Z'), SHANGHAI)).toBe('2026-11-21');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('round-trips wall-clock time in a zone with daylight saving', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }), (ms) => {
        const whole = Math.floor(ms / 1000) * 1000;
        const parts = localParts(whole, 'Europe/Berlin');
        const back = fromLocal(parts, 'Europe/Berlin');
        // The repeated hour of a fall-back maps to its first occurrence.
        expect([whole, whole - 3_600_000]).toContain(back);
      }),
    );
  });
});

describe('schedules', () => {
  it('run every N minutes from local midnight, with an offset', () => {
    const schedule = { kind: 'interval' as const, everyMinutes: 15, offsetMinutes: 7 };
    expect(nextRun(schedule, at('2026-11-22T00:00:00Z'), SHANGHAI)).toBe(at('2026-11-22T00:07:00Z'));
    expect(nextRun(schedule, at('2026-11-22T00:07:00Z'), SHANGHAI)).toBe(at('2026-11-22T00:22:00Z'));
    // Local 23:52 is the last run of the day; the next is 00:07 local the day after.
    expect(nextRun(schedule, at('2026-11-22T15:52:00Z'), SHANGHAI)).toBe(at('2026-11-22T16:07:00Z'));
  });

  it('run daily and monthly at a local time', () => {
    expect(nextRun({ kind: 'daily', at: '00:15' }, at('2026-11-22T10:00:00Z'), SHANGHAI)).toBe(
      at('2026-11-22T16:15:00Z'),
    );
    expect(nextRun({ kind: 'daily', at: '00:15' }, at('2026-11-22T16:15:00Z'), SHANGHAI)).toBe(
      at('2026-11-23T16:15:00Z'),
    );
    // The 31st in a 30-day month runs on the 30th.
    expect(nextRun({ kind: 'monthly', day: 31, at: '01:00' }, at('2026-11-01T00:00:00Z'), SHANGHAI)).toBe(
      at('2026-11-29T17:00:00Z'),
    );
  });

  it('always move forward', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') }), (ms) => {
        for (const plan of DEFAULT_PLANS) {
          const next = nextRun(plan.schedule, ms, SHANGHAI);
          expect(next).toBeGreaterThan(ms);
          expect(next - ms).toBeLessThanOrEqual(86_400_000);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuse nonsense', () => {
    expect(() => nextRun({ kind: 'interval', everyMinutes: 7 }, 0, SHANGHAI)).toThrow(/whole runs/);
    expect(() => minuteOfDay('25:00')).toThrow(/HH:MM/);
  });
});

describe('the default plans', () => {
  it('cover what a site needs out of the box', () => {
    expect(DEFAULT_PLANS.map((p) => p.id)).toEqual([
      'hourly-energy',
      'daily-frozen',
      'events-and-status',
      'clock-check',
      'time-sync',
    ]);
    expect(DEFAULT_PLANS.find((p) => p.id === 'hourly-energy')?.items).toContain(0x00010000);
  });
});

describe('daily frozen gaps', () => {
  it('are re-read while the meter keeps them and reported lost after', () => {
    const stored = new Set(['2026-11-19', '2026-11-21']);
    const report = dailyFrozenGaps(stored, '2026-11-18', '2026-11-22');
    // Today's freeze (taken at local midnight) is the 1st last.
    expect(report.fillable).toEqual([
      { date: '2026-11-18', nthLast: 5 },
      { date: '2026-11-20', nthLast: 3 },
      { date: '2026-11-22', nthLast: 1 },
    ]);
    expect(report.lost).toEqual([]);
    const old = dailyFrozenGaps(new Set(), '2026-09-01', '2026-11-22');
    expect(old.lost[0]).toBe('2026-09-01');
    expect(old.lost.at(-1)).toBe('2026-09-21');
    expect(old.fillable[0]).toEqual({ date: '2026-09-22', nthLast: 62 });
    expect(old.fillable).toHaveLength(62);
  });

  it('name the identifiers of the n-th last freeze', () => {
    expect(dailyFreezeItems(1)).toEqual({ time: 0x05060001, forward: 0x05060101, reverse: 0x05060201 });
    expect(dailyFreezeItems(62).forward).toBe(0x0506013e);
    expect(() => dailyFreezeItems(63)).toThrow();
  });
});

describe('meter clocks', () => {
  it('measure deviation against the station clock in the site’s zone', () => {
    const readAt = at('2026-11-22T02:00:00Z'); // 10:00:00 in Shanghai
    const date = { year: 2026, month: 11, day: 22, weekday: 0 };
    expect(clockDeviationMs(date, { hour: 10, minute: 6, second: 0 }, readAt, SHANGHAI)).toBe(360_000);
    expect(clockDeviationMs(date, { hour: 9, minute: 59, second: 30 }, readAt, SHANGHAI)).toBe(-30_000);
  });

  it('broadcast the site’s wall clock', () => {
    expect(broadcastTime(at('2026-11-22T02:00:05Z'), SHANGHAI)).toEqual({
      year: 2026,
      month: 11,
      day: 22,
      hour: 10,
      minute: 0,
      second: 5,
    });
  });
});

describe('item groups', () => {
  it('resolve groups and identifiers, and name the first unknown one', () => {
    expect(resolveItems(['prepaid', '00010000', '00900100'])).toEqual([0x00900100, 0x00900200, 0x00010000]);
    expect(() => resolveItems(['energy', 'FFFFFFFF'])).toThrow(new RangeError('FFFFFFFF'));
    expect(() => resolveItems(['everything'])).toThrow(RangeError);
    expect(itemInfo(0x00010000)).toMatchObject({ di: '00010000', unit: 'kWh' });
  });
});

describe('stored plans', () => {
  it('round-trip every default plan through the store row', () => {
    for (const plan of DEFAULT_PLANS) {
      const row = { ...planToRow(plan), createdAt: 0, updatedAt: 0 };
      expect(planFromRow(row)).toEqual({ ...plan, items: [...plan.items], enabled: true });
    }
  });

  it('refuse in words what cannot run', () => {
    const base = { kind: 'read', items: ['energy'], targets: {}, schedule: { kind: 'daily', at: '01:00' } };
    expect(planProblem(base)).toBeUndefined();
    expect(planProblem({ ...base, kind: 'weekly' })).toMatch(/kind must be one of/);
    expect(planProblem({ ...base, items: ['nothing'] })).toBe('unknown data item nothing');
    expect(planProblem({ ...base, items: [] })).toMatch(/at least one item/);
    expect(planProblem({ ...base, targets: { areas: ['x'] } })).toMatch(/record ids/);
    expect(planProblem({ ...base, schedule: { kind: 'interval', everyMinutes: 7 } })).toMatch(/whole runs/);
    expect(planProblem({ ...base, schedule: { kind: 'daily', at: '25:00' } })).toMatch(/HH:MM/);
    expect(planProblem({ ...base, schedule: { kind: 'monthly', day: 0, at: '01:00' } })).toMatch(
      /day from 1/,
    );
  });

  it('say why as a code with its parameters, for the API to word (issue 22, item 15)', () => {
    const base = { kind: 'read', items: ['energy'], targets: {}, schedule: { kind: 'daily', at: '01:00' } };
    expect(planProblemReason({ ...base, items: ['instant'] })).toMatchObject({
      code: 'unknown-item',
      params: { item: 'instant' },
    });
    expect(planProblemReason({ ...base, schedule: { kind: 'interval', everyMinutes: 7 } })).toMatchObject({
      code: 'bad-interval',
      params: { minutes: '7' },
    });
    expect(planProblemReason({ ...base, schedule: { kind: 'daily', at: '25:00' } })).toMatchObject({
      code: 'bad-time-of-day',
      params: { at: '25:00' },
    });
    expect(planProblemReason({ ...base, targets: { rooms: ['1'] } })).toMatchObject({
      code: 'unknown-target',
    });
    const row = {
      ...planToRow(DEFAULT_PLANS[0] as (typeof DEFAULT_PLANS)[number]),
      createdAt: 0,
      updatedAt: 0,
    };
    expect(planRowProblem(row)).toBeUndefined();
    expect(planRowProblem({ ...row, items: '[' })).toMatchObject({ code: 'unreadable' });
  });
});
