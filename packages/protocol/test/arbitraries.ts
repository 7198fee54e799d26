// fast-check generators for the protocol's values and messages, shared by the property and fuzz tests.
import fc from 'fast-check';
import { maxBcdMagnitude } from '../src/bcd.ts';
import { daysInMonth } from '../src/dlt645/calendar.ts';
import {
  DATE_TIME_FIELDS,
  type DataFormat,
  type DataValue,
  datetime,
  formatSize,
  type MeterDateTime,
} from '../src/dlt645/formats.ts';
import { LOAD_RECORD_SECTIONS, type LoadRecord } from '../src/dlt645/load-records.ts';
import { toHex } from '../src/hex.ts';

const hexDigits = (count: number) =>
  fc
    .array(fc.constantFrom(...'0123456789ABCDEF'), { minLength: count, maxLength: count })
    .map((d) => d.join(''));
const decimalDigits = (count: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: count, maxLength: count }).map((d) => d.join(''));

export const concreteAddress = decimalDigits(12);
/** Addresses with wildcard nibbles too. */
export const anyAddress = fc
  .array(fc.constantFrom(...'0123456789A'), { minLength: 12, maxLength: 12 })
  .map((d) => d.join(''));
export const password = hexDigits(6);
export const operatorCode = hexDigits(8);
export const di4 = fc.integer({ min: 0, max: 0xffffffff });
export const di2 = fc.integer({ min: 0, max: 0xffff });
export const byteValue = fc.integer({ min: 0, max: 255 });
export const bytes = (maxLength: number) => fc.uint8Array({ maxLength });

/** A date and time a clock can hold, 2000–2099 (fields as the 12-digit time formats carry them). */
export const validDateTime = fc.record({
  year: fc.integer({ min: 2000, max: 2099 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
});

/** Any date and time a meter clock can hold, every field set: the day exists in its month (29 February in leap years). */
export const calendarDateTime = fc
  .record({ year: fc.integer({ min: 2000, max: 2099 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc.record({
      year: fc.constant(year),
      month: fc.constant(month),
      day: fc.integer({ min: 1, max: daysInMonth(month, year) }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      weekday: fc.integer({ min: 0, max: 6 }),
    }),
  );

/** Any value a format can carry, including "not available" where the format has it. */
export function arbitraryValue(format: DataFormat): fc.Arbitrary<DataValue> {
  const size = formatSize(format) ?? 0;
  switch (format.type) {
    case 'decimal': {
      const max = maxBcdMagnitude(format.bytes, format.signed);
      const scaled = fc.integer({ min: format.signed ? -max : 0, max });
      return fc.oneof(
        { weight: 9, arbitrary: scaled.map((n) => (n === 0 ? 0 : n / 10 ** format.decimals)) },
        { weight: 1, arbitrary: fc.constant(null) },
      );
    }
    case 'datetime': {
      const fields = DATE_TIME_FIELDS[format.pattern];
      const inPattern = calendarDateTime.map((full) => {
        const value: Record<string, number> = {};
        for (const field of fields) value[field] = full[field];
        return value as MeterDateTime;
      });
      return fc.oneof({ weight: 9, arbitrary: inPattern }, { weight: 1, arbitrary: fc.constant(null) });
    }
    case 'digits':
      return fc.oneof(
        { weight: 9, arbitrary: decimalDigits(size * 2) },
        { weight: 1, arbitrary: fc.constant(null) },
      );
    case 'hex':
      return hexDigits(size * 2);
    case 'ascii':
      return fc
        .array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: size })
        .map((codes) => String.fromCharCode(...codes));
    case 'bits':
      return fc.integer({ min: 0, max: 2 ** (8 * size) - 1 }).map((raw) => ({ raw, flags: {} }));
    case 'list':
      return fc.array(arbitraryValue(format.item), {
        minLength: format.min,
        maxLength: Math.max(format.min, Math.min(format.max, 8)),
      });
    case 'record': {
      const record: Record<string, fc.Arbitrary<DataValue>> = {};
      for (const field of format.fields) record[field.name] = arbitraryValue(field.format);
      return fc.record(record);
    }
    case 'load-records':
      return fc.array(loadRecord, { maxLength: 3 }) as unknown as fc.Arbitrary<DataValue>;
    case 'raw':
      return fc.uint8Array({ maxLength: 40 }).map((b) => toHex(b));
  }
}

/** A load-record block (Table A.7): any time the format carries, each class recorded or not. */
export const loadRecord: fc.Arbitrary<LoadRecord> = fc.record({
  time: arbitraryValue(datetime('YYMMDDhhmm')).filter((time) => time !== null) as fc.Arbitrary<MeterDateTime>,
  ...(Object.fromEntries(
    LOAD_RECORD_SECTIONS.map((section) => [
      section.name,
      fc.option(arbitraryValue(section.format), { nil: null }),
    ]),
  ) as Record<Exclude<keyof LoadRecord, 'time'>, fc.Arbitrary<never>>),
});
