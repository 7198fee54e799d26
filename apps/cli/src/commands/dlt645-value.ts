// The value of a write (14H / 04H) typed as a person reads it in the catalog: 20.00 (yuan), 12:30:00, a
// date, a 12-digit number, ASCII text, a status word. The catalog says the item's format; the value is
// checked against it (range, decimals, digits, calendar) before any byte is built.
import {
  type DataFormat,
  type Edition,
  encodeItem,
  formatDi,
  fromHex,
  isValidDateTime,
  lookupItem,
  type MeterDateTime,
} from '@openami/protocol';
import { InputError } from './dlt645-inputs.ts';

/** The data bytes (transmission order, before +33H) for writing `text` to `di`. */
export function writeValueBytes(
  edition: Edition,
  di: number,
  text: string | undefined,
  rawHex: string | undefined,
): Uint8Array {
  const id = formatDi(edition, di);
  if (rawHex !== undefined) {
    if (text !== undefined) throw new InputError('give the value or --raw, not both');
    try {
      return fromHex(rawHex);
    } catch {
      throw new InputError(
        `--raw takes the data bytes in hex, low byte first as sent; got ${JSON.stringify(rawHex)}`,
      );
    }
  }
  const item = lookupItem(edition, di);
  if (item === undefined) {
    throw new InputError(
      `unknown data item ${id}: it is not in the DL/T 645-${edition} catalog; if you know its bytes, give them with --raw HEX`,
    );
  }
  if (item.access === 'read') throw new InputError(`${id} (${item.zh} / ${item.en}) is read-only`);
  if (text === undefined)
    throw new InputError(`write ${id} (${item.en}) needs a value, e.g. ${example(item.format)}`);
  const unit = item.unit === undefined ? '' : ` ${item.unit}`;
  const value = parseValue(item.format, text.trim(), `${id} (${item.en}${unit})`);
  try {
    return encodeItem(edition, di, value);
  } catch (error) {
    throw new InputError(`${id} (${item.en}): ${text} is out of range: ${(error as Error).message}`);
  }
}

type Value =
  | number
  | string
  | MeterDateTime
  | { readonly raw: number; readonly flags: Record<string, never> };

function parseValue(format: DataFormat, text: string, what: string): Value {
  switch (format.type) {
    case 'decimal': {
      const pattern = format.signed ? /^-?\d+(\.\d+)?$/ : /^\d+(\.\d+)?$/;
      if (!pattern.test(text))
        throw new InputError(`${what} takes a number, e.g. ${example(format)}; got ${JSON.stringify(text)}`);
      const decimals = text.split('.')[1]?.length ?? 0;
      if (decimals > format.decimals)
        throw new InputError(`${what} has at most ${format.decimals} decimal place(s); got ${text}`);
      return Number(text);
    }
    case 'datetime':
      return parseDateTimeValue(format.pattern, text, what);
    case 'digits': {
      const width = format.bytes * 2;
      if (!/^\d+$/.test(text) || text.length > width)
        throw new InputError(`${what} takes up to ${width} decimal digits; got ${JSON.stringify(text)}`);
      return text.padStart(width, '0');
    }
    case 'hex': {
      const width = format.bytes * 2;
      if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(text))
        throw new InputError(`${what} takes ${width} hex digits; got ${JSON.stringify(text)}`);
      return text.toUpperCase();
    }
    case 'ascii':
      return text;
    case 'bits': {
      const raw = /^0x[0-9A-Fa-f]+$/i.test(text) ? Number.parseInt(text.slice(2), 16) : Number(text);
      if (!Number.isInteger(raw) || raw < 0 || raw >= 2 ** (8 * format.bytes))
        throw new InputError(
          `${what} takes the word as a number (e.g. 0x0004), up to ${format.bytes} byte(s); got ${JSON.stringify(text)}`,
        );
      return { raw, flags: {} };
    }
    default:
      throw new InputError(`${what} is a block or record: give its bytes with --raw HEX`);
  }
}

/** Field order of each pattern, as the catalog writes it; a weekday is worked out from the date. */
const PATTERN_FIELDS: Readonly<Record<string, readonly (keyof MeterDateTime)[]>> = {
  YYMMDDhhmmss: ['year', 'month', 'day', 'hour', 'minute', 'second'],
  YYMMDDhhmm: ['year', 'month', 'day', 'hour', 'minute'],
  YYMMDDWW: ['year', 'month', 'day'],
  YYMMDD: ['year', 'month', 'day'],
  MMDDhhmm: ['month', 'day', 'hour', 'minute'],
  hhmmss: ['hour', 'minute', 'second'],
  DDhh: ['day', 'hour'],
  hhmm: ['hour', 'minute'],
};

function parseDateTimeValue(pattern: string, text: string, what: string): MeterDateTime {
  const fields = PATTERN_FIELDS[pattern] ?? [];
  // Any separators: "2026-03-02 12:30", "12:30:00", "15 00" all split into their numbers.
  const parts = text.split(/[-: T/]+/).filter((part) => part !== '');
  if (parts.length !== fields.length || parts.some((part) => !/^\d+$/.test(part))) {
    throw new InputError(`${what} is written ${written(pattern)}; got ${JSON.stringify(text)}`);
  }
  const value: Record<string, number> = {};
  fields.forEach((field, index) => {
    const number = Number(parts[index]);
    value[field] = field === 'year' && number < 100 ? 2000 + number : number;
  });
  if (pattern === 'YYMMDDWW') {
    value.weekday = new Date(
      Date.UTC(value.year as number, (value.month as number) - 1, value.day),
    ).getUTCDay();
  }
  if (!isValidDateTime(value) || (value.year !== undefined && value.year > 2099)) {
    throw new InputError(`${what}: ${text} is not a valid ${written(pattern)}`);
  }
  return value;
}

function written(pattern: string): string {
  const forms: Record<string, string> = {
    YYMMDDhhmmss: 'YYYY-MM-DD hh:mm:ss',
    YYMMDDhhmm: 'YYYY-MM-DD hh:mm',
    YYMMDDWW: 'YYYY-MM-DD (the weekday is worked out)',
    YYMMDD: 'YYYY-MM-DD',
    MMDDhhmm: 'MM-DD hh:mm',
    hhmmss: 'hh:mm:ss',
    DDhh: 'DD hh (day of the month and hour)',
    hhmm: 'hh:mm',
  };
  return forms[pattern] ?? pattern;
}

function example(format: DataFormat): string {
  switch (format.type) {
    case 'decimal':
      return format.decimals === 0 ? '15' : `20.${'0'.repeat(format.decimals)}`;
    case 'datetime':
      return written(format.pattern);
    case 'digits':
      return '0'.repeat(format.bytes * 2 - 1).concat('1');
    default:
      return 'see openami 645 help';
  }
}
