import type { Granularity, PeriodStatus } from '@openami/contract';
import { localTimeOf, nextDate } from '@openami/domain';
import { nextMonth } from './periods.ts';

/**
 * One period of a report as the report covers it: the site-local days it spans inside the range (a month the
 * range cuts covers only some of its days), and whether it is over when the report is made. A period not over
 * (today, this month) has figures that will still grow: a report marks it, and states no loss as final for it.
 */
export interface PeriodSpan {
  /** The period's key, as in the report's `periods`: `YYYY-MM-DD HH`, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  readonly period: string;
  readonly from: string;
  readonly to: string;
  /** True when the range covers only part of the calendar period: label it by `from`–`to`. */
  readonly partial: boolean;
  readonly status: PeriodStatus;
}

/** Where the site's calendar stands: its day, its hour (`YYYY-MM-DD HH`) and its minute (`… HH:MM`). */
export interface SiteNow {
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
}

export function siteNow(epochMs: number, timeZone: string): SiteNow {
  const local = localTimeOf(epochMs, timeZone);
  const hour = String(Math.floor(local.minuteOfDay / 60)).padStart(2, '0');
  const minute = String(local.minuteOfDay % 60).padStart(2, '0');
  return { day: local.date, hour: `${local.date} ${hour}`, minute: `${local.date} ${hour}:${minute}` };
}

/** The spans of a range's periods, in order (the range's site-local days, inclusive). */
export function periodSpans(granularity: Granularity, from: string, to: string, now: SiteNow): PeriodSpan[] {
  if (granularity === 'hour') {
    const spans: PeriodSpan[] = [];
    for (let day = from; day <= to; day = nextDate(day)) {
      for (let h = 0; h < 24; h++) {
        const period = `${day} ${String(h).padStart(2, '0')}`;
        spans.push({ period, from: day, to: day, partial: false, status: compare(period, now.hour) });
      }
    }
    return spans;
  }
  if (granularity === 'day') {
    const spans: PeriodSpan[] = [];
    for (let day = from; day <= to; day = nextDate(day)) {
      spans.push({ period: day, from: day, to: day, partial: false, status: compare(day, now.day) });
    }
    return spans;
  }
  const calendar: { period: string; first: string; last: string }[] = [];
  if (granularity === 'month') {
    for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) {
      calendar.push({ period: month, first: `${month}-01`, last: lastDayOfMonth(month) });
    }
  } else {
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      calendar.push({ period: String(year), first: `${year}-01-01`, last: `${year}-12-31` });
    }
  }
  return calendar.map(({ period, first, last }) => {
    const spanFrom = from > first ? from : first;
    const spanTo = to < last ? to : last;
    const status: PeriodStatus = spanTo < now.day ? 'over' : spanFrom > now.day ? 'ahead' : 'running';
    return { period, from: spanFrom, to: spanTo, partial: spanFrom !== first || spanTo !== last, status };
  });
}

/** `YYYY-MM` → its last day, `YYYY-MM-DD`. */
export function lastDayOfMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  // Day 0 of the next month is this month's last day.
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

function compare(period: string, current: string): PeriodStatus {
  return period < current ? 'over' : period === current ? 'running' : 'ahead';
}
