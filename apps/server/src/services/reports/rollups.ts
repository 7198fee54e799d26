import { nextDate } from '@openami/domain';
import type { MeterPeriodEnergy, Repositories } from '@openami/storage';
import { lastDayOfMonth } from './period-spans.ts';
import { nextMonth } from './periods.ts';

/**
 * Each meter's energy per day, month or year of a range, register side, from the roll-ups: whole months from
 * the monthly roll-ups, and the days of a month the range cuts from the daily ones, so that a "month" of a
 * seven-day range holds those seven days, not the whole month. Keyed by the period (`YYYY-MM-DD`, `YYYY-MM`,
 * `YYYY`).
 */
export async function rollupsOver(
  repos: Pick<Repositories, 'readings'>,
  meterIds: readonly number[],
  granularity: 'day' | 'month' | 'year',
  from: string,
  to: string,
): Promise<MeterPeriodEnergy[]> {
  const keyOf = (dayOrMonth: string) =>
    granularity === 'year'
      ? dayOrMonth.slice(0, 4)
      : granularity === 'month'
        ? dayOrMonth.slice(0, 7)
        : dayOrMonth;
  const months = granularity === 'day' ? undefined : wholeMonths(from, to);
  const stretches =
    months === undefined
      ? [{ from, to }]
      : [
          { from, to: lastDayOfMonth(previousMonth(months.first)) },
          { from: nextDate(lastDayOfMonth(months.last)), to },
        ].filter((s) => s.from <= s.to);
  const [monthly, ...daily] = await Promise.all([
    months === undefined ? [] : repos.readings.monthlyOf(meterIds, months.first, months.last),
    ...stretches.map((s) => repos.readings.dailyOf(meterIds, s.from, s.to)),
  ]);
  return [...(monthly ?? []), ...daily.flat()].map((row) => ({ ...row, period: keyOf(row.period) }));
}

/** The months wholly inside a range of days, first and last; undefined when there is none. */
function wholeMonths(from: string, to: string): { first: string; last: string } | undefined {
  const first = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const last = to === lastDayOfMonth(to.slice(0, 7)) ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  return first <= last ? { first, last } : undefined;
}

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
