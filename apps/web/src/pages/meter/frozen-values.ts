/** A daily freeze as `GET /api/meters/:id/energy/daily` returns it in `frozen` (meter registers, Wh). */
export interface DailyFreeze {
  readonly meterId: number;
  /** Site-local day, YYYY-MM-DD. */
  readonly day: string;
  readonly frozenAt: number;
  readonly activeImportWh: number;
  readonly tariff1Wh: number | null;
  readonly tariff2Wh: number | null;
  readonly tariff3Wh: number | null;
  readonly tariff4Wh: number | null;
}

export interface FreezeRow extends DailyFreeze {
  /** Forward active total less the previous day's freeze; null when that day was not frozen. */
  readonly deltaWh: number | null;
}

/** The calendar day before a `YYYY-MM-DD` day. */
export function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** Freezes newest first, each with what the total register advanced since the day before. */
export function freezeRows(frozen: readonly DailyFreeze[]): FreezeRow[] {
  const byDay = new Map(frozen.map((f) => [f.day, f]));
  return [...frozen]
    .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0))
    .map((f) => {
      const before = byDay.get(previousDay(f.day));
      return { ...f, deltaWh: before === undefined ? null : f.activeImportWh - before.activeImportWh };
    });
}

/** Rows as CSV (RFC 4180): fields with a comma, quote or line break quoted, lines ended by CRLF. */
export function csvText(rows: readonly (readonly string[])[]): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
