// The calendar a meter clock can hold (DL/T 645-2007 Annex A, the date and time formats YYMMDDWW, hhmmss,
// YYMMDDhhmm, YYMMDDhhmmss, MMDDhhmm, DDhh, hhmm: two BCD digits a field, year 2000–2099, WW 0 = Sunday …
// 6 = Saturday). The codec refuses anything else both ways: a meter would reject such a time, and one read
// from a meter is a broken clock, not a time to roll over into the next month.
import { ProtocolError } from '../errors.ts';
import type { MeterDateTime } from './formats.ts';

const RANGES: Readonly<Record<keyof MeterDateTime, readonly [number, number]>> = {
  year: [2000, 2099],
  month: [1, 12],
  day: [1, 31],
  hour: [0, 23],
  minute: [0, 59],
  second: [0, 59],
  weekday: [0, 6],
};

const FIELD_ORDER = ['year', 'month', 'day', 'hour', 'minute', 'second', 'weekday'] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`; without a year (MMDD formats) February may have its 29th. */
export function daysInMonth(month: number, year?: number): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * What makes a date and time impossible, in English for logs ("month 13 is not 1–12", "day 29 does not
 * exist in 2025-02"), or undefined when every field present is in its range and the day exists in its month.
 */
export function dateTimeProblem(value: MeterDateTime): string | undefined {
  for (const field of FIELD_ORDER) {
    const fieldValue = value[field];
    if (fieldValue === undefined) continue;
    const [min, max] = RANGES[field];
    if (!Number.isInteger(fieldValue) || fieldValue < min || fieldValue > max) {
      return `${field} ${fieldValue} is not ${min}–${max}`;
    }
  }
  if (value.month !== undefined && value.day !== undefined) {
    const last = daysInMonth(value.month, value.year);
    if (value.day > last) {
      const month = String(value.month).padStart(2, '0');
      return `day ${value.day} does not exist in ${value.year === undefined ? `month ${month}` : `${value.year}-${month}`} (it has ${last} days)`;
    }
  }
  return undefined;
}

/** Whether every field present is in its calendar range and the day exists in its month. */
export function isValidDateTime(value: MeterDateTime): boolean {
  return dateTimeProblem(value) === undefined;
}

/** Refuses to send a time no clock has: a meter would reject it or, worse, take it. */
export function assertValidDateTime(value: MeterDateTime, what: string): void {
  const problem = dateTimeProblem(value);
  if (problem !== undefined) {
    throw new ProtocolError(
      'bad-date-time',
      `${what} is not a valid date and time (${problem}): ${JSON.stringify(value)}`,
    );
  }
}
