import type { Granularity } from '@openami/contract';
import { nextDate, startOfLocalDay } from '@openami/domain';
import { AppError } from '../../errors.ts';

export type { Granularity };

/** The longest range each granularity may ask for: hours come from raw readings, the rest from roll-ups. */
const maxDays: Readonly<Record<Granularity, number>> = { hour: 31, day: 366, month: 3660, year: 3660 };

export interface ReportRange {
  readonly from: string;
  readonly to: string;
  /** The range's site-local start and end (exclusive), epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The periods of the report in order: `YYYY-MM-DD HH`, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  readonly periods: readonly string[];
}

/** Checks a range of site-local dates (inclusive) for a granularity and lists its periods. */
export function reportRange(
  granularity: Granularity,
  from: string,
  to: string,
  timeZone: string,
): ReportRange {
  const fromMs = startOfLocalDay(from, timeZone);
  const toMs = startOfLocalDay(nextDate(to), timeZone);
  const days = Math.round((toMs - fromMs) / 86_400_000);
  if (to < from || days > maxDays[granularity]) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [
        { field: 'to', problem: `must be on or after from, at most ${maxDays[granularity]} days later` },
      ],
    });
  }
  return { from, to, fromMs, toMs, periods: periodsOf(granularity, from, to) };
}

function periodsOf(granularity: Granularity, from: string, to: string): string[] {
  const periods: string[] = [];
  if (granularity === 'hour' || granularity === 'day') {
    for (let day = from; day <= to; day = nextDate(day)) {
      if (granularity === 'day') periods.push(day);
      else for (let hour = 0; hour < 24; hour++) periods.push(`${day} ${String(hour).padStart(2, '0')}`);
    }
    return periods;
  }
  if (granularity === 'month') {
    for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) periods.push(month);
    return periods;
  }
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    periods.push(String(year));
  return periods;
}

export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
