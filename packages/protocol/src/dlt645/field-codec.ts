// Reads and writes the values of fixed layout in the formats of formats.ts: everything but load records,
// whose blocks (load-records.ts) are built of these fields and are put together with them in value-codec.ts.
// Decoding is faithful to the bytes, except that a date or time no calendar has (month 13, 30 February,
// hour 25, weekday 7) is refused with `bad-date-time` rather than rolled over into another day: it is a
// broken meter clock. Encoding refuses what the format cannot hold, impossible dates and times included.

import { decodeBcd, decodeSignedBcd, fromBcdByte, isNotAvailable, toBcdByte, writeBcd } from '../bcd.ts';
import { concatBytes, reversedBytes } from '../bytes.ts';
import { ProtocolError } from '../errors.ts';
import { fromHex, toHex } from '../hex.ts';
import { assertValidDateTime } from './calendar.ts';
import {
  DATE_TIME_FIELDS,
  type DataFormat,
  type DataValue,
  formatSize,
  type MeterDateTime,
  type StatusWord,
} from './formats.ts';

const POWERS_OF_TEN = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
const CENTURY = 2000;

/** Decodes `length` bytes at `offset` (transmission order, after −33H) as `format`. */
export function decodeField(
  format: DataFormat,
  bytes: Uint8Array,
  offset: number,
  length: number,
): DataValue {
  const size = formatSize(format);
  if (size !== undefined && size !== length) {
    throw new ProtocolError('bad-length', `expected ${size} data bytes, got ${length}`);
  }
  switch (format.type) {
    case 'decimal': {
      if (isNotAvailable(bytes, offset, length)) return null;
      const scaled = format.signed
        ? decodeSignedBcd(bytes, offset, length)
        : decodeBcd(bytes, offset, length);
      return format.decimals === 0 ? scaled : scaled / (POWERS_OF_TEN[format.decimals] as number);
    }
    case 'datetime':
      if (isNotAvailable(bytes, offset, length) || isUnsetDate(format.pattern, bytes, offset, length))
        return null;
      return decodeDateTime(format.pattern, bytes, offset);
    case 'digits':
      return isNotAvailable(bytes, offset, length) ? null : readDigits(bytes, offset, length);
    case 'hex':
      return toHex(reversedBytes(bytes, offset, length));
    case 'ascii':
      return readAscii(bytes, offset, length);
    case 'bits':
      return decodeBits(format, bytes, offset, length);
    case 'list':
      return decodeList(format, bytes, offset, length);
    case 'record': {
      const result: Record<string, DataValue> = {};
      let at = offset;
      for (const field of format.fields) {
        const fieldSize = formatSize(field.format) as number;
        result[field.name] = decodeField(field.format, bytes, at, fieldSize);
        at += fieldSize;
      }
      return result;
    }
    case 'load-records':
      throw notAField();
    case 'raw':
      return toHex(bytes.subarray(offset, offset + length));
  }
}

/** Encodes a value as `format` (transmission order, before +33H). */
export function encodeField(format: DataFormat, value: DataValue): Uint8Array {
  const size = formatSize(format);
  if (value === null && size !== undefined) return new Uint8Array(size).fill(0xff);
  switch (format.type) {
    case 'decimal':
      return encodeDecimal(format.bytes, format.decimals, format.signed, expectNumber(value));
    case 'datetime':
      return encodeDateTime(format.pattern, expectObject(value) as MeterDateTime);
    case 'digits':
      return reversedBytes(fromDigitText(expectString(value), format.bytes * 2, /^[0-9]*$/), 0, format.bytes);
    case 'hex':
      return reversedBytes(
        fromDigitText(expectString(value), format.bytes * 2, /^[0-9A-Fa-f]*$/),
        0,
        format.bytes,
      );
    case 'ascii':
      return encodeAscii(expectString(value), format.bytes);
    case 'bits': {
      const raw = (expectObject(value) as StatusWord).raw;
      const bytes = new Uint8Array(format.bytes);
      if (!Number.isInteger(raw) || raw < 0 || raw >= 2 ** (8 * format.bytes)) {
        throw new ProtocolError('bad-value', `status word ${raw} does not fit in ${format.bytes} byte(s)`);
      }
      for (let i = 0; i < format.bytes; i++) bytes[i] = Math.floor(raw / 2 ** (8 * i)) & 0xff;
      return bytes;
    }
    case 'list': {
      if (!Array.isArray(value)) throw new ProtocolError('bad-value', 'a data block needs a list of values');
      const items = value as readonly DataValue[];
      if (items.length < format.min || items.length > format.max) {
        throw new ProtocolError(
          'bad-value',
          `a block holds ${format.min} to ${format.max} items, got ${items.length}`,
        );
      }
      return concatBytes(items.map((item) => encodeField(format.item, item)));
    }
    case 'record': {
      const fields = expectObject(value) as Readonly<Record<string, DataValue>>;
      return concatBytes(
        format.fields.map((field) => {
          const fieldValue = fields[field.name];
          if (fieldValue === undefined)
            throw new ProtocolError('bad-value', `record field ${field.name} is missing`);
          return encodeField(field.format, fieldValue);
        }),
      );
    }
    case 'load-records':
      throw notAField();
    case 'raw':
      return fromHex(expectString(value));
  }
}

function encodeDecimal(size: number, decimals: number, signed: boolean, value: number): Uint8Array {
  const factor = POWERS_OF_TEN[decimals] as number;
  const scaled = Math.round(value * factor);
  if (scaled / factor !== value) {
    throw new ProtocolError('bad-value', `${value} has more than ${decimals} decimal place(s)`);
  }
  const bytes = new Uint8Array(size);
  writeBcd(bytes, 0, size, scaled, signed);
  return bytes;
}

function decodeDateTime(
  pattern: keyof typeof DATE_TIME_FIELDS,
  bytes: Uint8Array,
  offset: number,
): MeterDateTime {
  const fields = DATE_TIME_FIELDS[pattern];
  const result: Record<string, number> = {};
  for (let i = 0; i < fields.length; i++) {
    // Fields are written most significant first and sent least significant first.
    const at = offset + fields.length - 1 - i;
    const field = fields[i] as string;
    const value = fromBcdByteAt(bytes, at);
    result[field] = field === 'year' ? CENTURY + value : value;
  }
  assertValidDateTime(result, `the ${pattern} date/time at offset ${offset}`);
  return result;
}

/**
 * All zeros in a format with a month or a day: a record the meter never filled (no event yet, demand since
 * cleared), as meters send it. Month 0 and day 0 exist in no calendar, so it cannot be a time; it reads as
 * "no such value", like all FFH. (00:00:00 in hhmmss is midnight and reads as such.)
 */
function isUnsetDate(
  pattern: keyof typeof DATE_TIME_FIELDS,
  bytes: Uint8Array,
  offset: number,
  length: number,
): boolean {
  const fields = DATE_TIME_FIELDS[pattern];
  if (!fields.includes('month') && !fields.includes('day')) return false;
  for (let i = offset; i < offset + length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function fromBcdByteAt(bytes: Uint8Array, at: number): number {
  try {
    return fromBcdByte(bytes[at] as number);
  } catch {
    throw new ProtocolError('bad-bcd', `date/time byte at offset ${at} is not BCD`);
  }
}

function encodeDateTime(pattern: keyof typeof DATE_TIME_FIELDS, value: MeterDateTime): Uint8Array {
  const fields = DATE_TIME_FIELDS[pattern];
  const bytes = new Uint8Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as keyof MeterDateTime;
    const fieldValue = value[field];
    if (fieldValue === undefined) throw new ProtocolError('bad-value', `date/time field ${field} is missing`);
    const twoDigits = field === 'year' ? fieldValue - CENTURY : fieldValue;
    if (!Number.isInteger(twoDigits) || twoDigits < 0 || twoDigits > 99) {
      throw new ProtocolError('bad-value', `${field} ${fieldValue} cannot be sent as two BCD digits`);
    }
    bytes[fields.length - 1 - i] = toBcdByte(twoDigits);
  }
  // All zeros is how a meter sends a record it never filled (reads back as null, isUnsetDate): allowed.
  if (isUnsetDate(pattern, bytes, 0, bytes.length)) return bytes;
  assertValidDateTime(value, `the ${pattern} date/time`);
  return bytes;
}

function readDigits(bytes: Uint8Array, offset: number, length: number): string {
  const text = toHex(reversedBytes(bytes, offset, length));
  if (!/^[0-9]*$/.test(text)) throw new ProtocolError('bad-bcd', `${text} is not a string of BCD digits`);
  return text;
}

function readAscii(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  // Sent low byte first, so the last byte on the wire is the first character.
  for (let i = offset + length - 1; i >= offset; i--) {
    const code = bytes[i] as number;
    if (code !== 0) text += String.fromCharCode(code);
  }
  return text;
}

function encodeAscii(text: string, size: number): Uint8Array {
  if (text.length > size || !/^[\x20-\x7e]*$/.test(text)) {
    throw new ProtocolError('bad-value', `expected at most ${size} printable ASCII characters`);
  }
  const bytes = new Uint8Array(size);
  for (let i = 0; i < text.length; i++) bytes[size - 1 - i] = text.charCodeAt(i);
  return bytes;
}

function decodeBits(
  format: Extract<DataFormat, { type: 'bits' }>,
  bytes: Uint8Array,
  offset: number,
  length: number,
): StatusWord {
  let raw = 0;
  for (let i = length - 1; i >= 0; i--) raw = raw * 256 + (bytes[offset + i] as number);
  const flags: Record<string, boolean | number> = {};
  for (const field of format.fields) {
    const width = field.width ?? 1;
    const fieldValue = Math.floor(raw / 2 ** field.bit) % 2 ** width;
    flags[field.name] = width === 1 ? fieldValue === 1 : fieldValue;
  }
  return { raw, flags };
}

function decodeList(
  format: Extract<DataFormat, { type: 'list' }>,
  bytes: Uint8Array,
  offset: number,
  length: number,
): DataValue[] {
  const itemSize = formatSize(format.item);
  if (itemSize === undefined || itemSize === 0)
    throw new ProtocolError('bad-data', 'a block item needs a fixed size');
  const count = length / itemSize;
  if (!Number.isInteger(count) || count < format.min || count > format.max) {
    throw new ProtocolError(
      'bad-length',
      `a block of ${itemSize}-byte items holds ${format.min} to ${format.max} of them; got ${length} bytes`,
    );
  }
  const items: DataValue[] = [];
  for (let i = 0; i < count; i++)
    items.push(decodeField(format.item, bytes, offset + i * itemSize, itemSize));
  return items;
}

function fromDigitText(text: string, digitCount: number, allowed: RegExp): Uint8Array {
  if (text.length !== digitCount || !allowed.test(text)) {
    throw new ProtocolError('bad-value', `expected ${digitCount} digits, got ${JSON.stringify(text)}`);
  }
  return fromHex(text);
}

function expectNumber(value: DataValue): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ProtocolError('bad-value', 'expected a number');
  return value;
}

function expectString(value: DataValue): string {
  if (typeof value !== 'string') throw new ProtocolError('bad-value', 'expected text');
  return value;
}

function expectObject(value: DataValue): object {
  if (value === null || typeof value !== 'object') throw new ProtocolError('bad-value', 'expected an object');
  return value;
}

/** Load records are a whole data field (blocks of no fixed size, value-codec.ts), never a part of one. */
function notAField(): ProtocolError {
  return new ProtocolError('bad-data', 'load records are a whole data field, not a field within one');
}
