// Wall-clock time in a site's time zone (default Asia/Shanghai) from UTC epoch milliseconds and back, with
// the platform's time-zone database; correct across daylight-saving changes for sites that have them.

export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

const DAY = 86_400_000;
const QUARTER_HOUR = 900_000;
const MAX_CACHED_QUARTERS = 100_000;
const offsets = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function localParts(epochMs: number, timeZone: string): LocalParts {
  const wall = new Date(epochMs + offsetMs(epochMs, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
  };
}

/** The zone's wall clock at `epochMs` as the time-zone database gives it (slow: Intl). */
function formattedParts(epochMs: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** The UTC instant of a wall-clock time in `timeZone` (the earlier one when a fall-back repeats it). */
export function fromLocal(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
  );
  // The offsets a day either side cover any transition in between; try the earlier instant first.
  const candidates = [asUtc - offsetMs(asUtc - DAY, timeZone), asUtc - offsetMs(asUtc + DAY, timeZone)].sort(
    (a, b) => a - b,
  );
  for (const candidate of candidates) {
    if (candidate + offsetMs(candidate, timeZone) === asUtc) return candidate;
  }
  // A wall time skipped by a spring-forward does not exist; take the instant the clock jumped over it.
  return candidates[1] as number;
}

/** How far the zone's wall clock is ahead of UTC at `epochMs`. */
export function offsetMs(epochMs: number, timeZone: string): number {
  // Offsets change at most on quarter hours (every zone's transitions in the database fall on them), so
  // one look-up per quarter hour serves every instant in it: reading many hours back stays cheap.
  const quarter = Math.floor(epochMs / QUARTER_HOUR);
  let zone = offsets.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR;
    const p = formattedParts(start, timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
    if (zone.size >= MAX_CACHED_QUARTERS) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

/** `YYYY-MM-DD` of the local date. */
export function localDate(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The local date `days` after (or before, if negative) a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return shifted.toISOString().slice(0, 10);
}
