// 数据格式 of Appendix A used by the functions we carry. Numbers are BCD, low byte first; signed ones keep
// their sign in the top bit of the last byte (S). A field filled with EEH means the terminal has no value
// for it: it reads as null and null writes EEH back.
//
// Every quantity is an integer in the unit of the format's last digit, named in the field: energies in 0.1 Wh
// ("DeciWh": format 14 XXXXXX.XXXX kWh and format 13 XXXX.XXXX kWh count 0.0001 kWh; format 11 XXXXXX.XX
// kWh is a multiple of 100 of them), powers in 0.1 W (format 09 ±XX.XXXX kW), voltages in 0.1 V (format 07
// XXX.X V), currents in mA (format 25 ±XXX.XXX A) and power factors in ‰ (format 05 ±XXX.X %). Nothing is
// rounded either way; a value the format cannot hold exactly is a ProtocolError when encoding.
import { decodeBcd, decodeSignedBcd, writeBcd } from '../bcd.ts';
import { dateTimeProblem, daysInMonth } from '../dlt645/calendar.ts';
import { ProtocolError } from '../errors.ts';
import { NO_DATA } from './constants.ts';
import type { ByteReader, ByteWriter } from './cursor.ts';

/** Format 01 (A.1): 秒 分 时 日 星期-月 年, the terminal's calendar clock. */
export interface ClockTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 1 = Monday … 7 = Sunday; 0: not given. */
  readonly weekday: number;
}

/** Format 15 (A.15): 分 时 日 月 年, when a terminal read a meter or an event happened. */
export interface MinuteTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** Format 20 (A.20): 日 月 年, the day of a daily freeze (Td_d). */
export interface DayDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Format 21 (A.21): 月 年, the month of a monthly freeze (Td_m). */
export interface MonthDate {
  readonly year: number;
  readonly month: number;
}

const CENTURY = 2000;

function isNoData(reader: ByteReader, at: number, length: number): boolean {
  for (let i = at; i < at + length; i++) if (reader.bytes[i] !== NO_DATA) return false;
  return true;
}

function fillNoData(writer: ByteWriter, length: number): void {
  const at = writer.claim(length);
  writer.target.fill(NO_DATA, at, at + length);
}

interface CalendarFields {
  readonly year: number;
  readonly month: number;
  readonly day?: number;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
}

/**
 * The date must exist. A hot path (every reading carries its time), so the plain ranges are checked inline and
 * only a failure asks the calendar for its words. The weekday of format 01 is checked on its own (1–7 here,
 * not DL/T 645's 0–6).
 */
function checkCalendar(value: CalendarFields, what: string): void {
  const { year, month, day, hour, minute, second } = value;
  if (
    Number.isInteger(year) &&
    year >= 2000 &&
    year <= 2099 &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    (day === undefined || (Number.isInteger(day) && day >= 1 && day <= daysInMonth(month, year))) &&
    (hour === undefined || (Number.isInteger(hour) && hour >= 0 && hour <= 23)) &&
    (minute === undefined || (Number.isInteger(minute) && minute >= 0 && minute <= 59)) &&
    (second === undefined || (Number.isInteger(second) && second >= 0 && second <= 59))
  ) {
    return;
  }
  const { weekday: _weekday, ...calendar } = value as CalendarFields & { readonly weekday?: number };
  throw new ProtocolError(
    'bad-date-time',
    `${what} is not a date and time (${dateTimeProblem(calendar) ?? 'out of range'})`,
  );
}

function bcdByte(reader: ByteReader, at: number): number {
  return decodeBcd(reader.bytes, at, 1);
}

/** An unsigned BCD number of `length` bytes, as the integer its digits spell; null for EEH. */
export function readUnsigned(reader: ByteReader, length: number, what: string): number | null {
  const at = reader.take(length, what);
  if (isNoData(reader, at, length)) return null;
  return decodeBcd(reader.bytes, at, length);
}

/** A sign-magnitude BCD number of `length` bytes; null for EEH. */
export function readSigned(reader: ByteReader, length: number, what: string): number | null {
  const at = reader.take(length, what);
  if (isNoData(reader, at, length)) return null;
  return decodeSignedBcd(reader.bytes, at, length);
}

export function writeUnsigned(writer: ByteWriter, length: number, value: number | null): void {
  if (value === null) {
    fillNoData(writer, length);
    return;
  }
  const at = writer.claim(length);
  writeBcd(writer.target, at, length, value, false);
}

export function writeSigned(writer: ByteWriter, length: number, value: number | null): void {
  if (value === null) {
    fillNoData(writer, length);
    return;
  }
  const at = writer.claim(length);
  writeBcd(writer.target, at, length, value, true);
}

/** Format 14 (XXXXXX.XXXX kWh, 5 bytes): an energy reading in 0.1 Wh. */
export const readFormat14 = (r: ByteReader, what: string) => readUnsigned(r, 5, what);
export const writeFormat14 = (w: ByteWriter, deciWh: number | null) => writeUnsigned(w, 5, deciWh);

/** Format 13 (XXXX.XXXX kWh, 4 bytes): an energy amount in 0.1 Wh. */
export const readFormat13 = (r: ByteReader, what: string) => readUnsigned(r, 4, what);
export const writeFormat13 = (w: ByteWriter, deciWh: number | null) => writeUnsigned(w, 4, deciWh);

/** Format 11 (XXXXXX.XX kWh or kvarh, 4 bytes), in 0.1 Wh (0.1 varh): 100 times the digits. */
export function readFormat11(reader: ByteReader, what: string): number | null {
  const hundredths = readUnsigned(reader, 4, what);
  return hundredths === null ? null : hundredths * 100;
}

export function writeFormat11(writer: ByteWriter, deci: number | null): void {
  if (deci !== null && deci % 100 !== 0) {
    throw new ProtocolError('bad-value', `${deci} × 0.1 Wh is not a whole 0.01 kWh (format 11)`);
  }
  writeUnsigned(writer, 4, deci === null ? null : deci / 100);
}

/** Format 09 (±XX.XXXX kW, 3 bytes): a power in 0.1 W (or var, VA). */
export const readFormat09 = (r: ByteReader, what: string) => readSigned(r, 3, what);
export const writeFormat09 = (w: ByteWriter, deciW: number | null) => writeSigned(w, 3, deciW);

/** Format 05 (±XXX.X, 2 bytes): a power factor in ‰. */
export const readFormat05 = (r: ByteReader, what: string) => readSigned(r, 2, what);
export const writeFormat05 = (w: ByteWriter, permille: number | null) => writeSigned(w, 2, permille);

/** Format 07 (XXX.X V, 2 bytes): a voltage in 0.1 V. */
export const readFormat07 = (r: ByteReader, what: string) => readUnsigned(r, 2, what);
export const writeFormat07 = (w: ByteWriter, deciV: number | null) => writeUnsigned(w, 2, deciV);

/** Format 25 (±XXX.XXX A, 3 bytes): a current in mA. */
export const readFormat25 = (r: ByteReader, what: string) => readSigned(r, 3, what);
export const writeFormat25 = (w: ByteWriter, milliA: number | null) => writeSigned(w, 3, milliA);

/** Format 01: the terminal's clock. */
export function readFormat01(reader: ByteReader, what: string): ClockTime | null {
  const at = reader.take(6, what);
  if (isNoData(reader, at, 6)) return null;
  const weekMonth = reader.bytes[at + 4] as number;
  const time: ClockTime = {
    second: bcdByte(reader, at),
    minute: bcdByte(reader, at + 1),
    hour: bcdByte(reader, at + 2),
    day: bcdByte(reader, at + 3),
    month: decodeBcd(Uint8Array.of(weekMonth & 0x1f), 0, 1),
    year: CENTURY + bcdByte(reader, at + 5),
    weekday: weekMonth >> 5,
  };
  checkCalendar(time, what);
  return time;
}

export function writeFormat01(writer: ByteWriter, time: ClockTime | null, what: string): void {
  if (time === null) {
    fillNoData(writer, 6);
    return;
  }
  checkCalendar(time, what);
  if (!Number.isInteger(time.weekday) || time.weekday < 0 || time.weekday > 7) {
    throw new ProtocolError('bad-date-time', `${what}: weekday ${time.weekday} is not 0–7`);
  }
  const at = writer.claim(6);
  const target = writer.target;
  writeBcd(target, at, 1, time.second, false);
  writeBcd(target, at + 1, 1, time.minute, false);
  writeBcd(target, at + 2, 1, time.hour, false);
  writeBcd(target, at + 3, 1, time.day, false);
  writeBcd(target, at + 4, 1, time.month, false);
  target[at + 4] = (target[at + 4] as number) | (time.weekday << 5);
  writeBcd(target, at + 5, 1, time.year - CENTURY, false);
}

/** Format 15: minute, hour, day, month, year. */
export function readFormat15(reader: ByteReader, what: string): MinuteTime | null {
  const at = reader.take(5, what);
  if (isNoData(reader, at, 5)) return null;
  const time: MinuteTime = {
    minute: bcdByte(reader, at),
    hour: bcdByte(reader, at + 1),
    day: bcdByte(reader, at + 2),
    month: bcdByte(reader, at + 3),
    year: CENTURY + bcdByte(reader, at + 4),
  };
  checkCalendar(time, what);
  return time;
}

export function writeFormat15(writer: ByteWriter, time: MinuteTime | null, what: string): void {
  if (time === null) {
    fillNoData(writer, 5);
    return;
  }
  checkCalendar(time, what);
  const at = writer.claim(5);
  const fields = [time.minute, time.hour, time.day, time.month, time.year - CENTURY];
  for (let i = 0; i < 5; i++) writeBcd(writer.target, at + i, 1, fields[i] as number, false);
}

/** Format 20 (Td_d): day, month, year. */
export function readFormat20(reader: ByteReader, what: string): DayDate {
  const at = reader.take(3, what);
  const date: DayDate = {
    day: bcdByte(reader, at),
    month: bcdByte(reader, at + 1),
    year: CENTURY + bcdByte(reader, at + 2),
  };
  checkCalendar(date, what);
  return date;
}

export function writeFormat20(writer: ByteWriter, date: DayDate, what: string): void {
  checkCalendar(date, what);
  const at = writer.claim(3);
  writeBcd(writer.target, at, 1, date.day, false);
  writeBcd(writer.target, at + 1, 1, date.month, false);
  writeBcd(writer.target, at + 2, 1, date.year - CENTURY, false);
}

/** Format 21 (Td_m): month, year. */
export function readFormat21(reader: ByteReader, what: string): MonthDate {
  const at = reader.take(2, what);
  const date: MonthDate = { month: bcdByte(reader, at), year: CENTURY + bcdByte(reader, at + 1) };
  checkCalendar(date, what);
  return date;
}

export function writeFormat21(writer: ByteWriter, date: MonthDate, what: string): void {
  checkCalendar(date, what);
  const at = writer.claim(2);
  writeBcd(writer.target, at, 1, date.month, false);
  writeBcd(writer.target, at + 1, 1, date.year - CENTURY, false);
}

/** Format 12: a meter or collector address, 12 BCD digits, most significant first as printed. */
export function readFormat12(reader: ByteReader, what: string): string {
  const at = reader.take(6, what);
  let text = '';
  for (let i = at + 5; i >= at; i--) {
    const byte = reader.bytes[i] as number;
    if (byte >> 4 > 9 || (byte & 0x0f) > 9)
      throw new ProtocolError('bad-bcd', `${what}: byte ${byte.toString(16)} is not BCD`);
    text += (byte >> 4).toString() + (byte & 0x0f).toString();
  }
  return text;
}

export function writeFormat12(writer: ByteWriter, digits: string, what: string): void {
  if (!/^[0-9]{12}$/.test(digits)) {
    throw new ProtocolError('bad-address', `${what} ${JSON.stringify(digits)} is not 12 digits`);
  }
  const at = writer.claim(6);
  for (let i = 0; i < 6; i++) {
    const from = 10 - i * 2;
    writer.target[at + i] = Number.parseInt(digits.slice(from, from + 2), 16);
  }
}
