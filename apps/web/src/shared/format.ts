/** Times as the office reads them: local date and time, to the minute or second. */
export function formatTime(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(epochMs);
}

/** Nameplate currents are stored in mA and read in A: `10(40)A`. */
export function amperes(milliamperes: number): string {
  return String(milliamperes / 1000);
}
