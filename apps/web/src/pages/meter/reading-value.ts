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
