// Meter clocks: how far a meter's clock is from the master station's, and the broadcast that sets them.
// Meters keep local time without a zone; the site's zone says what their wall clock means.
import { fromLocal, localParts } from '@openami/domain';
import type { MeterDateTime } from '@openami/protocol';

/** Flag a meter whose clock is further off than this (five minutes, the usual acceptance limit). */
export const DEFAULT_CLOCK_THRESHOLD_MS = 5 * 60_000;

/**
 * Meter clock minus station clock, in milliseconds, from the date (04000101) and time (04000102) read at
 * `readAtMs`. Positive: the meter is fast.
 */
export function clockDeviationMs(
  date: MeterDateTime,
  time: MeterDateTime,
  readAtMs: number,
  timeZone: string,
): number {
  if (
    date.year === undefined ||
    date.month === undefined ||
    date.day === undefined ||
    time.hour === undefined
  ) {
    throw new Error('the date and time items are incomplete');
  }
  const meterMs = fromLocal(
    {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: time.hour,
      minute: time.minute ?? 0,
      second: time.second ?? 0,
    },
    timeZone,
  );
  return meterMs - readAtMs;
}

/** The time to broadcast (§7.6): the station's wall clock in the site's zone, to the second. */
export function broadcastTime(nowMs: number, timeZone: string): MeterDateTime {
  const { year, month, day, hour, minute, second } = localParts(nowMs, timeZone);
  return { year, month, day, hour, minute, second };
}
