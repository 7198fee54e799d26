// Data formats of the data-identifier tables (DL/T 645-2007 Annex A, "数据格式" column; 1997 Appendix A).
// Each describes how one item's bytes read: numbers in BCD with a fixed number of decimals (XXXXXX.XX),
// date and time forms (YYMMDDhhmm), digit strings (NNNNNNNNNNNN), ASCII, bit words, blocks and records.

export type DateTimeField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'weekday';

/** Written most significant field first, as the standard writes them; sent low byte (last field) first. */
export type DateTimePattern =
  | 'YYMMDDhhmmss'
  | 'YYMMDDhhmm'
  | 'YYMMDDWW'
  | 'YYMMDD'
  | 'MMDDhhmm'
  | 'hhmmss'
  | 'DDhh'
  | 'hhmm';

export const DATE_TIME_FIELDS: Readonly<Record<DateTimePattern, readonly DateTimeField[]>> = {
  YYMMDDhhmmss: ['year', 'month', 'day', 'hour', 'minute', 'second'],
  YYMMDDhhmm: ['year', 'month', 'day', 'hour', 'minute'],
  YYMMDDWW: ['year', 'month', 'day', 'weekday'],
  YYMMDD: ['year', 'month', 'day'],
  MMDDhhmm: ['month', 'day', 'hour', 'minute'],
  hhmmss: ['hour', 'minute', 'second'],
  DDhh: ['day', 'hour'],
  hhmm: ['hour', 'minute'],
};

/** One flag (or a small multi-bit field) of a status word. */
export interface BitField {
  readonly name: string;
  readonly bit: number;
  /** Bits the field spans; 1 (a boolean flag) unless stated. */
  readonly width?: number;
  readonly zh: string;
  readonly en: string;
}

export type DataFormat =
  /** BCD number with `decimals` digits after the point; signed ones are sign-magnitude. */
  | { readonly type: 'decimal'; readonly bytes: number; readonly decimals: number; readonly signed: boolean }
  | { readonly type: 'datetime'; readonly pattern: DateTimePattern }
  /** BCD digits kept as text (addresses, meter numbers). */
  | { readonly type: 'digits'; readonly bytes: number }
  /** Opaque bytes shown as hex, most significant first (operator codes, identifiers). */
  | { readonly type: 'hex'; readonly bytes: number }
  /** ASCII text; the standard sends it low byte first like every other multi-byte item. */
  | { readonly type: 'ascii'; readonly bytes: number }
  /** A status word: raw integer plus named flags. */
  | { readonly type: 'bits'; readonly bytes: number; readonly fields: readonly BitField[] }
  /** A data block (DI with FFH): `min` to `max` repetitions of one format, as many as the meter sent. */
  | { readonly type: 'list'; readonly item: DataFormat; readonly min: number; readonly max: number }
  /** Several fields in a fixed order (event records, demand with its time). */
  | { readonly type: 'record'; readonly fields: readonly RecordField[] }
  /** 负荷记录 blocks (Table A.7): A0H A0H … E5H, as many as the meter sent; see load-records.ts. */
  | { readonly type: 'load-records' }
  /** Uninterpreted bytes: anything the catalog does not know. */
  | { readonly type: 'raw' };

export interface RecordField {
  readonly name: string;
  readonly format: DataFormat;
}

export interface MeterDateTime {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday?: number;
}

export interface StatusWord {
  readonly raw: number;
  readonly flags: Readonly<Record<string, boolean | number>>;
}

/**
 * A decoded item value: a number in the item's unit (229.7 V, 12345.67 kWh), `null` when the meter sent
 * all FFH ("no such value"), text, a date/time, a status word, a list (blocks) or a record.
 */
export type DataValue =
  | number
  | string
  | null
  | MeterDateTime
  | StatusWord
  | readonly DataValue[]
  | { readonly [field: string]: DataValue };

/** The fixed byte size of a format, or undefined for variable blocks and raw data, whose size the data decides. */
export function formatSize(format: DataFormat): number | undefined {
  switch (format.type) {
    case 'decimal':
    case 'digits':
    case 'hex':
    case 'ascii':
    case 'bits':
      return format.bytes;
    case 'datetime':
      return DATE_TIME_FIELDS[format.pattern].length;
    case 'record': {
      let total = 0;
      for (const field of format.fields) {
        const size = formatSize(field.format);
        if (size === undefined) return undefined;
        total += size;
      }
      return total;
    }
    case 'list': {
      // A block of a fixed count (the ten identifiers of a programming record) has a fixed size.
      const itemSize = formatSize(format.item);
      return format.min === format.max && itemSize !== undefined ? format.min * itemSize : undefined;
    }
    case 'load-records':
    case 'raw':
      return undefined;
  }
}

// Constructors that read like the standard's format column.
export const decimal = (bytes: number, decimals: number, signed = false): DataFormat => ({
  type: 'decimal',
  bytes,
  decimals,
  signed,
});
export const datetime = (pattern: DateTimePattern): DataFormat => ({ type: 'datetime', pattern });
export const digits = (bytes: number): DataFormat => ({ type: 'digits', bytes });
export const hex = (bytes: number): DataFormat => ({ type: 'hex', bytes });
export const ascii = (bytes: number): DataFormat => ({ type: 'ascii', bytes });
export const bits = (bytes: number, fields: readonly BitField[] = []): DataFormat => ({
  type: 'bits',
  bytes,
  fields,
});
export const list = (item: DataFormat, min: number, max: number): DataFormat => ({
  type: 'list',
  item,
  min,
  max,
});
export const record = (fields: readonly RecordField[]): DataFormat => ({ type: 'record', fields });
export const loadRecords: DataFormat = { type: 'load-records' };
export const raw: DataFormat = { type: 'raw' };

/**
 * A format as the standard's tables write it in their "数据格式" column (DL/T 645-2007 Annex A): XXXXXX.XX for
 * a number with two decimals, YYMMDDhhmm for a date and time, NN…N for digits, XX per byte otherwise.
 */
export function describeFormat(format: DataFormat): string {
  switch (format.type) {
    case 'decimal': {
      const digits = format.bytes * 2;
      const whole = 'X'.repeat(digits - format.decimals);
      return format.decimals === 0 ? whole : `${whole}.${'X'.repeat(format.decimals)}`;
    }
    case 'datetime':
      return format.pattern;
    case 'digits':
      return 'N'.repeat(format.bytes * 2);
    case 'hex':
    case 'bits':
      return 'XX'.repeat(format.bytes);
    case 'ascii':
      return `ASCII ×${format.bytes}`;
    case 'list':
      return `(${describeFormat(format.item)})×${format.min}…${format.max}`;
    case 'record':
      return format.fields.map((field) => describeFormat(field.format)).join(' ');
    case 'load-records':
    case 'raw':
      return format.type;
  }
}
