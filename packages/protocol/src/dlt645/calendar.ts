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

/** Whether every field present is in its calendar range and the day exists in its month. */
export function isValidDateTime(value: MeterDateTime): boolean {
  for (const [field, [min, max]] of Object.entries(RANGES)) {
    const fieldValue = value[field as keyof MeterDateTime];
    if (fieldValue !== undefined && (!Number.isInteger(fieldValue) || fieldValue < min || fieldValue > max))
      return false;
  }
  if (value.year !== undefined && value.month !== undefined && value.day !== undefined) {
    return value.day <= new Date(Date.UTC(value.year, value.month, 0)).getUTCDate();
  }
  return true;
}

/** Refuses to send a time no clock has: a meter would reject it or, worse, take it. */
export function assertValidDateTime(value: MeterDateTime, what: string): void {
  if (!isValidDateTime(value)) {
    throw new ProtocolError('bad-value', `${what} is not a valid date and time: ${JSON.stringify(value)}`);
  }
}
