// Dates and times in the DL/T 645-2007 Annex A formats (YYMMDDWW, hhmmss, YYMMDDhhmm, YYMMDDhhmmss, MMDDhhmm,
// DDhh, hhmm): every one a clock can hold reads back as sent; one no calendar has (month 13, day 32, weekday
// 9, hour 25, minute 61, 29 February of a common year) is refused, never rolled over into another day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateTime } from '../../test/arbitraries.ts';
import { toBcdByte } from '../bcd.ts';
import { ProtocolError } from '../errors.ts';
import { daysInMonth, isValidDateTime } from './calendar.ts';
import { DATE_TIME_FIELDS, type DateTimePattern, datetime, type MeterDateTime } from './formats.ts';
import { decodeValue, encodeValue } from './value-codec.ts';

const patterns = Object.keys(DATE_TIME_FIELDS) as DateTimePattern[];

/** The bytes (transmission order, after −33H) of two-digit fields written most significant first. */
function wire(pattern: DateTimePattern, digits: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(digits.length);
  digits.forEach((d, i) => {
    bytes[digits.length - 1 - i] = toBcdByte(d);
  });
  expect(bytes.length).toBe(DATE_TIME_FIELDS[pattern].length);
  return bytes;
}

function decode(pattern: DateTimePattern, bytes: Uint8Array): unknown {
  return decodeValue(datetime(pattern), bytes, 0, bytes.length);
}

function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof ProtocolError ? error.code : String(error);
  }
}

describe('DL/T 645 dates and times', () => {
  it('reads every date and time a clock can hold back as sent, in every format', () => {
    fc.assert(
      fc.property(fc.constantFrom(...patterns), calendarDateTime, (pattern, full) => {
        const value: Record<string, number> = {};
        for (const field of DATE_TIME_FIELDS[pattern]) value[field] = full[field];
        const bytes = encodeValue(datetime(pattern), value);
        expect(decode(pattern, bytes)).toEqual(value);
      }),
    );
  });

  it('refuses every impossible date or time both ways, with bad-date-time', () => {
    const twoDigits = fc.integer({ min: 0, max: 99 });
    fc.assert(
      fc.property(
        fc.constantFrom(...patterns).chain((pattern) =>
          fc.tuple(
            fc.constant(pattern),
            fc.array(twoDigits, {
              minLength: DATE_TIME_FIELDS[pattern].length,
              maxLength: DATE_TIME_FIELDS[pattern].length,
            }),
          ),
        ),
        ([pattern, digits]) => {
          const fields = DATE_TIME_FIELDS[pattern];
          const value: Record<string, number> = {};
          fields.forEach((field, i) => {
            value[field] = field === 'year' ? 2000 + (digits[i] as number) : (digits[i] as number);
          });
          const allZero = digits.every((d) => d === 0);
          fc.pre(!isValidDateTime(value) && !allZero);
          expect(refusal(() => decode(pattern, wire(pattern, digits)))).toBe('bad-date-time');
          expect(refusal(() => encodeValue(datetime(pattern), value))).toBe('bad-date-time');
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['YYMMDDWW', [26, 13, 1, 2], 'month 13 is not 1–12'],
    ['YYMMDDWW', [26, 1, 32, 4], 'day 32 is not 1–31'],
    ['YYMMDDWW', [26, 1, 15, 9], 'weekday 9 is not 0–6'],
    ['YYMMDDWW', [26, 0, 15, 4], 'month 0 is not 1–12'],
    ['hhmmss', [25, 0, 0], 'hour 25 is not 0–23'],
    ['hhmmss', [12, 61, 0], 'minute 61 is not 0–59'],
    ['hhmmss', [12, 0, 60], 'second 60 is not 0–59'],
    ['YYMMDDhhmm', [25, 2, 29, 10, 0], 'day 29 does not exist in 2025-02 (it has 28 days)'],
    ['YYMMDDhhmm', [26, 4, 31, 10, 0], 'day 31 does not exist in 2026-04 (it has 30 days)'],
    ['YYMMDDhhmmss', [26, 11, 31, 0, 0, 0], 'day 31 does not exist in 2026-11 (it has 30 days)'],
    ['MMDDhhmm', [2, 30, 0, 0], 'day 30 does not exist in month 02 (it has 29 days)'],
    ['DDhh', [0, 5], 'day 0 is not 1–31'],
    ['hhmm', [24, 0], 'hour 24 is not 0–23'],
  ] as const)('refuses %s %j: %s', (pattern, digits, problem) => {
    const run = () => decode(pattern, wire(pattern, digits));
    expect(refusal(run)).toBe('bad-date-time');
    expect(run).toThrow(problem);
  });

  it('takes 29 February in a leap year (and without a year), and the last day of every month', () => {
    expect(decode('YYMMDDhhmm', wire('YYMMDDhhmm', [24, 2, 29, 23, 59]))).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      hour: 23,
      minute: 59,
    });
    expect(decode('MMDDhhmm', wire('MMDDhhmm', [2, 29, 0, 0]))).toEqual({
      month: 2,
      day: 29,
      hour: 0,
      minute: 0,
    });
    expect(refusal(() => decode('YYMMDD', wire('YYMMDD', [0, 2, 29])))).toBeUndefined(); // 2000 was leap
    for (let month = 1; month <= 12; month++) {
      const last = daysInMonth(month, 2026);
      expect(decode('YYMMDD', wire('YYMMDD', [26, month, last]))).toEqual({ year: 2026, month, day: last });
      expect(refusal(() => decode('YYMMDD', wire('YYMMDD', [26, month, last + 1])))).toBe('bad-date-time');
    }
  });

  it('reads an unfilled record (all zeros with a month or a day) as no value, and 00:00:00 as midnight', () => {
    expect(decode('YYMMDDhhmm', new Uint8Array(5))).toBeNull();
    expect(decode('YYMMDDWW', new Uint8Array(4))).toBeNull();
    expect(decode('hhmmss', new Uint8Array(3))).toEqual({ hour: 0, minute: 0, second: 0 });
  });

  it('still refuses a nibble above 9 as bad BCD before it looks at the calendar', () => {
    expect(refusal(() => decode('hhmmss', Uint8Array.of(0x00, 0x1a, 0x12)))).toBe('bad-bcd');
  });

  it('refuses to encode a date that would roll over', () => {
    const value: MeterDateTime = { year: 2026, month: 2, day: 30, hour: 0, minute: 0, second: 0 };
    expect(refusal(() => encodeValue(datetime('YYMMDDhhmmss'), value))).toBe('bad-date-time');
  });
});
