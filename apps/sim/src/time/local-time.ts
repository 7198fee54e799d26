// Meters keep local wall-clock time (the site's zone; China has no daylight saving), so a fixed offset from
// UTC is exact. Times inside the simulator are epoch milliseconds.
import type { MeterDateTime } from '@openami/protocol';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Asia/Shanghai. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/** The wall-clock fields of an instant in a zone `utcOffsetMinutes` east of UTC. */
export function toMeterDateTime(epochMs: number, utcOffsetMinutes: number): Required<MeterDateTime> {
  const local = new Date(epochMs + utcOffsetMinutes * MINUTE_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/** The instant a wall-clock time names; missing fields count as their lowest value. */
export function fromMeterDateTime(value: MeterDateTime, utcOffsetMinutes: number): number {
  return (
    Date.UTC(
      value.year ?? 2000,
      (value.month ?? 1) - 1,
      value.day ?? 1,
      value.hour ?? 0,
      value.minute ?? 0,
      value.second ?? 0,
    ) -
    utcOffsetMinutes * MINUTE_MS
  );
}

/** Days since the epoch in local time: changes at local midnight. */
export function localDayNumber(epochMs: number, utcOffsetMinutes: number): number {
  return Math.floor((epochMs + utcOffsetMinutes * MINUTE_MS) / DAY_MS);
}

/** The local hour of day, 0-23. */
export function localHour(epochMs: number, utcOffsetMinutes: number): number {
  const localMs = epochMs + utcOffsetMinutes * MINUTE_MS;
  return Math.floor((((localMs % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}
