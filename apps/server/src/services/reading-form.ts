// A value read from a meter in a form a page words without knowing DL/T 645 (issue 22 item 15): a status
// word as the names of its set flags (the locales word each), the meter's clock as an instant read in the
// site's time zone, or as a date or a time of day when the meter sent only one of them.

import type { ReadingForm } from '@openami/contract';
import { statusFieldValues, statusFlags } from '@openami/contract';
import { fromLocal } from '@openami/domain';

type StatusWordForm = Extract<NonNullable<ReadingForm>, { kind: 'flags' }>;

const flagNames: ReadonlySet<string> = new Set(statusFlags);
const fieldNames: ReadonlySet<string> = new Set(Object.keys(statusFieldValues));
const clockFields: ReadonlySet<string> = new Set([
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'weekday',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function statusWord(value: unknown): StatusWordForm | undefined {
  if (!isRecord(value) || typeof value.raw !== 'number' || !isRecord(value.flags)) return undefined;
  const set: StatusWordForm['set'][number][] = [];
  const fields: { name: StatusWordForm['fields'][number]['name']; value: number }[] = [];
  for (const [name, flag] of Object.entries(value.flags)) {
    if (flag === true && flagNames.has(name)) set.push(name as StatusWordForm['set'][number]);
    if (typeof flag === 'number' && fieldNames.has(name)) {
      fields.push({ name: name as StatusWordForm['fields'][number]['name'], value: flag });
    }
  }
  return { kind: 'flags', raw: value.raw, set, fields };
}

const two = (n: number) => String(n).padStart(2, '0');

function clock(value: unknown, timeZone: string): ReadingForm | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length === 0 || !entries.every(([k, v]) => clockFields.has(k) && typeof v === 'number')) {
    return undefined;
  }
  const { year, month, day, hour, minute, second, weekday } = value as Record<string, number | undefined>;
  const time =
    hour === undefined || minute === undefined
      ? undefined
      : `${two(hour)}:${two(minute)}${second === undefined ? '' : `:${two(second)}`}`;
  if (year !== undefined && month !== undefined && day !== undefined) {
    const date = `${year}-${two(month)}-${two(day)}`;
    if (time === undefined) return { kind: 'date', date, weekday: weekday ?? null };
    const local = { year, month, day, hour: hour as number, minute: minute as number, second: second ?? 0 };
    return { kind: 'dateTime', epochMs: fromLocal(local, timeZone), local: `${date} ${time}` };
  }
  if (time !== undefined && day === undefined && month === undefined) return { kind: 'timeOfDay', time };
  return undefined;
}

/** The form of a value read, or null for numbers, texts and what has no form of its own. */
export function readingForm(value: unknown, timeZone: string): ReadingForm {
  const word = statusWord(value);
  if (word !== undefined) return word;
  if (Array.isArray(value) && value.length > 0) {
    const words = value.map(statusWord);
    if (words.every((w) => w !== undefined)) return { kind: 'words', words: words as StatusWordForm[] };
  }
  return clock(value, timeZone) ?? null;
}
