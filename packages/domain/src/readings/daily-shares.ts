// How the energy between two register readings falls into the site's calendar days, for the daily and
// monthly roll-ups. An interval that spans midnight is shared between its days in proportion to time (the
// load is assumed even over the interval: with hourly reads at most one hour is apportioned), so a day's
// energy does not depend on when after midnight the first reading of the day happened to be taken.
import { addDays, fromLocal, localDate } from '../zoned-time.ts';

/**
 * A reading's contribution to a meter's day: the energy that fell in the day (an interval that spans
 * midnight is shared between its days) and, for the day the reading was taken in, the reading itself.
 */
export interface DailyShare {
  readonly meterId: number;
  /** Site-local `YYYY-MM-DD`. */
  readonly day: string;
  readonly energyWh: number;
  readonly readingWh: number;
  /** Null for a share of an interval with no reading of its own in the day. */
  readonly readAt: number | null;
}

export interface RegisterReading {
  readonly readAt: number;
  readonly wh: number;
}

/**
 * The shares of `deltaWh`, the energy passed between `previous` and `current` (already corrected for a
 * rollover, 0 for a register that went backwards). Integers throughout: the remainder of the division
 * goes to the current reading's day, so the shares always sum to `deltaWh` exactly. Without a previous
 * reading the current one only opens its day.
 */
export function dailyShares(
  meterId: number,
  previous: RegisterReading | undefined,
  current: RegisterReading,
  deltaWh: number,
  timeZone: string,
): DailyShare[] {
  const lastDay = localDate(current.readAt, timeZone);
  const own = (energyWh: number): DailyShare => ({
    meterId,
    day: lastDay,
    energyWh,
    readingWh: current.wh,
    readAt: current.readAt,
  });
  if (previous === undefined || current.readAt <= previous.readAt) return [own(0)];
  const firstDay = localDate(previous.readAt, timeZone);
  if (firstDay === lastDay) return [own(deltaWh)];
  const span = current.readAt - previous.readAt;
  const shares: DailyShare[] = [];
  let given = 0;
  for (let day = firstDay; day < lastDay; day = addDays(day, 1)) {
    const next = addDays(day, 1);
    const [y, m, d] = next.split('-').map(Number) as [number, number, number];
    const midnight = fromLocal({ year: y, month: m, day: d }, timeZone);
    // The fraction first: Wh × ms could pass 2^53 over a long outage.
    const energyWh = Math.floor(deltaWh * ((midnight - previous.readAt) / span)) - given;
    given += energyWh;
    // A day with no reading of its own gets the interpolated register value at its end.
    shares.push({ meterId, day, energyWh, readingWh: previous.wh + given, readAt: null });
  }
  shares.push(own(deltaWh - given));
  return shares;
}
