// What a technician types for `openami 645 encode`, read into the protocol library's values: passwords with
// their level, operator codes, dates and times, amounts. Each refusal names the option and shows a good
// example, so the next attempt is right.
import { isValidDateTime, type MeterDateTime } from '@openami/protocol';

/** A mistake in what was typed (exit code 2), as opposed to a value the protocol cannot send. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export interface Password {
  /** PA: the password's level, 0–9 in DL/T 645-2007 (02 and 04 are the usual ones). */
  readonly level: number;
  /** P0P1P2 as written, most significant first: six hex digits. */
  readonly password: string;
}

/** `02:123456` or `02123456`: the level, then the six-digit password (PA P2P1P0 as written). */
export function parsePassword(text: string | undefined, option: string): Password {
  if (text === undefined) {
    throw new InputError(`${option} is required: the password level and password, e.g. ${option} 02:123456`);
  }
  const match = /^([0-9]{1,2}):?([0-9A-Fa-f]{6})$/.exec(text.trim());
  if (match === null || (text.includes(':') === false && text.trim().length !== 8)) {
    throw new InputError(
      `${option} takes the level and a six-digit password, e.g. ${option} 02:123456 (level 02, password 123456); got ${JSON.stringify(text)}`,
    );
  }
  const level = Number(match[1]);
  if (level > 9) throw new InputError(`${option}: the password level is 0 to 9, got ${level}`);
  return { level, password: (match[2] as string).toUpperCase() };
}

/** C0…C3: who does it, recorded by the meter; eight hex digits. */
export function parseOperatorCode(text: string | undefined): string {
  const code = (text ?? '00000000').trim();
  if (!/^[0-9A-Fa-f]{8}$/.test(code)) {
    throw new InputError(
      `--operator takes eight hex digits, e.g. --operator 12345678; got ${JSON.stringify(text)}`,
    );
  }
  return code.toUpperCase();
}

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * `2026-03-02 12:30:00` (seconds and the time may be left out): a date and time on the meter's clock,
 * checked against the calendar.
 */
export function parseDateTime(text: string, what: string): Required<Omit<MeterDateTime, 'weekday'>> {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) {
    throw new InputError(
      `${what} is written YYYY-MM-DD hh:mm:ss, e.g. "2026-03-02 12:30:00"; got ${JSON.stringify(text)}`,
    );
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const value = { year, month, day, hour, minute, second };
  if (!isValidDateTime(value) || year < 2000 || year > 2099) {
    throw new InputError(`${what}: ${text} is not a date and time a meter's clock can hold (2000–2099)`);
  }
  return value;
}

/** The machine's local time now, to the second: what a technician means by "now". */
export function localNow(nowMs: number): Required<Omit<MeterDateTime, 'weekday'>> {
  const now = new Date(nowMs);
  return {
    year: now.getFullYear(),
    month: now.getMonth() + 1,
    day: now.getDate(),
    hour: now.getHours(),
    minute: now.getMinutes(),
    second: now.getSeconds(),
  };
}

/** A local date and time `minutes` after `nowMs`. */
export function localAfter(nowMs: number, minutes: number): Required<Omit<MeterDateTime, 'weekday'>> {
  return localNow(nowMs + minutes * 60_000);
}

/** A whole number within [min, max], or a refusal naming the option. */
export function parseWhole(text: string | undefined, option: string, min: number, max: number): number {
  const value = text === undefined ? Number.NaN : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${option} takes a whole number from ${min} to ${max}; got ${JSON.stringify(text)}`);
  }
  return value;
}

/** Yuan with at most two decimals, as integer fen. */
export function parseYuanAsFen(text: string | undefined, option: string): number {
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec((text ?? '').trim());
  if (match === null) {
    throw new InputError(
      `${option} takes yuan with at most two decimals, e.g. ${option} 100.00; got ${JSON.stringify(text)}`,
    );
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A fixed number of hex digits (MACs, random numbers, ciphertexts). */
export function parseHexCode(text: string | undefined, option: string, digits: number): string {
  const code = (text ?? '').trim();
  if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(code)) {
    throw new InputError(`${option} takes ${digits} hex digits; got ${JSON.stringify(text)}`);
  }
  return code.toUpperCase();
}
