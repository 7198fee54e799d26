import type { DaySchedule, PeriodName, TierCycle, TouCalendar } from './tariff.ts';

/** Site-local calendar date, `YYYY-MM-DD`, and minute of the day (0–1439). */
export interface LocalTime {
  readonly date: string;
  readonly minuteOfDay: number;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "07:30" → 450; undefined for anything that is not a time of day. */
export function minuteOf(hhmm: string): number | undefined {
  const match = timePattern.exec(hhmm);
  if (match === null) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The day schedule in force on a site-local date (see `CalendarRule`). */
export function scheduleOn(calendar: TouCalendar, date: string): DaySchedule {
  const match = datePattern.exec(date);
  if (match === null) throw new RangeError(`not a date: ${date}`);
  const month = Number(match[2]);
  const monthDay = `${match[2]}-${match[3]}`;
  const name =
    calendar.rules.find((rule) => rule.dates?.includes(monthDay))?.schedule ??
    calendar.rules.find((rule) => rule.months?.includes(month))?.schedule ??
    calendar.defaultSchedule;
  const schedule = calendar.schedules.find((s) => s.name === name);
  // validateTariff refuses calendars that name a missing schedule; this guards hand-built ones.
  if (schedule === undefined) throw new RangeError(`the calendar names no schedule "${name}"`);
  return schedule;
}

/** The period (尖/峰/平/谷) a site-local moment falls in. */
export function periodAt(calendar: TouCalendar, at: LocalTime): PeriodName {
  const segments = scheduleOn(calendar, at.date).segments;
  let period = segments[0]?.period;
  for (const segment of segments) {
    if ((minuteOf(segment.from) ?? 0) <= at.minuteOfDay) period = segment.period;
  }
  if (period === undefined) throw new RangeError('a day schedule has no segments');
  return period;
}

/** Minutes of a day spent in each period under a schedule; they add up to 1440. */
export function minutesByPeriod(schedule: DaySchedule): Readonly<Partial<Record<PeriodName, number>>> {
  const minutes: Partial<Record<PeriodName, number>> = {};
  schedule.segments.forEach((segment, i) => {
    const start = minuteOf(segment.from) ?? 0;
    const next = schedule.segments[i + 1];
    const end = next === undefined ? 24 * 60 : (minuteOf(next.from) ?? 24 * 60);
    minutes[segment.period] = (minutes[segment.period] ?? 0) + end - start;
  });
  return minutes;
}

/** The tier cycle a site-local date belongs to: `YYYY` for yearly tiers, `YYYY-MM` for monthly ones. */
export function tierCycleKey(cycle: TierCycle, date: string): string {
  if (!datePattern.test(date)) throw new RangeError(`not a date: ${date}`);
  return cycle === 'yearly' ? date.slice(0, 4) : date.slice(0, 7);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An epoch-millisecond instant as a site-local date and minute (Intl; no Node built-in needed). */
export function localTimeOf(epochMs: number, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(epochMs).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/**
 * The instant a site-local date begins (its 00:00), epoch ms. Found from the zone's offset near that
 * instant, checked once more for a zone whose offset changed that day.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const match = datePattern.exec(date);
  if (match === null) throw new RangeError(`not a date: ${date}`);
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  let guess = utcMidnight;
  for (let i = 0; i < 2; i += 1) {
    const local = localTimeOf(guess, timeZone);
    const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
    const localAsUtc = Date.UTC(y, m - 1, d) + local.minuteOfDay * 60_000;
    guess -= localAsUtc - utcMidnight;
  }
  return guess;
}

/** The date after a site-local date, `YYYY-MM-DD`. */
export function nextDate(date: string): string {
  const match = datePattern.exec(date);
  if (match === null) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1))
    .toISOString()
    .slice(0, 10);
}
