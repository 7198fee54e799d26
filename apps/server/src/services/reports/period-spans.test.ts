import { describe, expect, it } from 'vitest';
import { periodSpans, siteNow } from './period-spans.ts';

// 2026-12-20 16:30 in Shanghai.
const now = siteNow(Date.UTC(2026, 11, 20, 8, 30), 'Asia/Shanghai');

describe('the periods of a report', () => {
  it('knows where the site is: its day and hour', () => {
    expect(now).toEqual({ day: '2026-12-20', hour: '2026-12-20 16', minute: '2026-12-20 16:30' });
  });

  it('labels a month the range cuts by the days it covers, and a month still running as running', () => {
    expect(periodSpans('month', '2026-12-01', '2026-12-07', now)).toEqual([
      { period: '2026-12', from: '2026-12-01', to: '2026-12-07', partial: true, status: 'over' },
    ]);
    expect(periodSpans('month', '2026-11-15', '2026-12-31', now)).toEqual([
      { period: '2026-11', from: '2026-11-15', to: '2026-11-30', partial: true, status: 'over' },
      { period: '2026-12', from: '2026-12-01', to: '2026-12-31', partial: false, status: 'running' },
    ]);
    expect(periodSpans('month', '2027-02-01', '2027-02-28', now)).toEqual([
      { period: '2027-02', from: '2027-02-01', to: '2027-02-28', partial: false, status: 'ahead' },
    ]);
  });

  it('marks today and this hour as running, what is past as over, what is to come as ahead', () => {
    expect(periodSpans('day', '2026-12-19', '2026-12-21', now).map((s) => [s.period, s.status])).toEqual([
      ['2026-12-19', 'over'],
      ['2026-12-20', 'running'],
      ['2026-12-21', 'ahead'],
    ]);
    const hours = periodSpans('hour', '2026-12-20', '2026-12-20', now);
    expect(hours).toHaveLength(24);
    expect([hours[15]?.status, hours[16]?.status, hours[17]?.status]).toEqual(['over', 'running', 'ahead']);
    expect(hours[16]).toEqual({
      period: '2026-12-20 16',
      from: '2026-12-20',
      to: '2026-12-20',
      partial: false,
      status: 'running',
    });
  });

  it('cuts years the same way, and knows February of a leap year', () => {
    expect(periodSpans('year', '2025-03-01', '2026-12-31', now)).toEqual([
      { period: '2025', from: '2025-03-01', to: '2025-12-31', partial: true, status: 'over' },
      { period: '2026', from: '2026-01-01', to: '2026-12-31', partial: false, status: 'running' },
    ]);
    expect(periodSpans('month', '2028-02-01', '2028-02-29', now)[0]?.partial).toBe(false);
  });
});
