import type { ReadingForm } from '@openami/contract';
import type { TFunction } from 'i18next';

/**
 * A value the meter sent, as the office reads it: numbers as the meter's exact decimals with their unit,
 * texts as they are, and composite values (a status word's bits, a date and time) as `name: value` pairs.
 */
export function readingText(value: unknown, unit: string | undefined): string {
  const suffix = unit === undefined || unit === '' ? '' : ` ${unit}`;
  if (typeof value === 'number' || typeof value === 'string') return `${value}${suffix}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => readingText(v, undefined)).join(', ') + suffix;
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, v]) => `${key}: ${readingText(v, undefined)}`)
      .join(', ');
  }
  return '';
}

type StatusWordForm = Extract<NonNullable<ReadingForm>, { kind: 'flags' }>;

/** A status word in words: its set flags and its fields, then the word itself in hex. */
function statusWordText(word: StatusWordForm, t: TFunction): string {
  const hex = `0x${word.raw.toString(16).toUpperCase().padStart(4, '0')}`;
  const words = [
    ...word.set.map((flag) => t(`meter.statusFlags.${flag}`)),
    ...word.fields.map((field) => t(`meter.statusFields.${field.name}.${field.value}`)),
  ];
  if (words.length === 0) return t('meter.statusNoneSet', { hex });
  return t('meter.statusSet', { words: words.join(t('meter.listSeparator')), hex });
}

/**
 * A reading as the meter page shows it: a status word by its set flags, the meter's clock as the site's date
 * and time, in the reader's language (the server gives the form, issue 22 item 15); anything else as
 * `readingText` gives it.
 */
export function readingWords(
  reading: { readonly value: unknown; readonly unit?: string | undefined; readonly form: ReadingForm },
  t: TFunction,
): string {
  const form = reading.form;
  if (form === null) return readingText(reading.value, reading.unit);
  switch (form.kind) {
    case 'flags':
      return statusWordText(form, t);
    case 'words':
      return form.words
        .map((word, i) => t('meter.statusWord', { n: i + 1, text: statusWordText(word, t) }))
        .join('; ');
    case 'dateTime':
      return form.local;
    case 'date':
      return form.weekday === null ? form.date : `${form.date} ${t(`meter.weekdays.${form.weekday}`)}`;
    case 'timeOfDay':
      return form.time;
  }
}
