import { localTimeOf } from '@openami/domain';

/** One meter's register values in time order. */
export interface Register {
  readonly readAt: number;
  readonly wh: number;
}

const hourMs = 3_600_000;

/** The site-local hour an instant falls in, `YYYY-MM-DD HH`. */
export function hourOf(epochMs: number, timeZone: string): string {
  const local = localTimeOf(epochMs, timeZone);
  return `${local.date} ${String(Math.floor(local.minuteOfDay / 60)).padStart(2, '0')}`;
}

/** The next site-local hour boundary after an instant (zones' offsets keep their minutes within the day). */
function nextHourBoundary(epochMs: number, timeZone: string): number {
  const local = localTimeOf(epochMs, timeZone);
  const minuteStart = epochMs - (((epochMs % 60_000) + 60_000) % 60_000);
  const intoHourMs = (local.minuteOfDay % 60) * 60_000;
  return minuteStart - intoHourMs + hourMs;
}

/**
 * Energy per site-local hour from successive register values: the energy between two readings is shared
 * between the hours the interval spans in proportion to time, in integers, the remainder to the last hour,
 * so the hours sum to the register's advance exactly. A register that went backwards (a replaced meter)
 * gives nothing for that interval. An hour holds the energy up to its end: a reading at 10:00:00 closes
 * the 09 hour.
 */
export function energyByHour(registers: readonly Register[], timeZone: string): Map<string, number> {
  const hours = new Map<string, number>();
  const add = (hour: string, wh: number) => hours.set(hour, (hours.get(hour) ?? 0) + wh);
  for (let i = 1; i < registers.length; i++) {
    const previous = registers[i - 1] as Register;
    const current = registers[i] as Register;
    const span = current.readAt - previous.readAt;
    if (span <= 0) continue;
    const deltaWh = Math.max(0, current.wh - previous.wh);
    let given = 0;
    let start = previous.readAt;
    for (let boundary = nextHourBoundary(start, timeZone); boundary < current.readAt; ) {
      const wh = Math.floor(deltaWh * ((boundary - previous.readAt) / span)) - given;
      add(hourOf(start, timeZone), wh);
      given += wh;
      start = boundary;
      boundary = nextHourBoundary(start, timeZone);
    }
    add(hourOf(start, timeZone), deltaWh - given);
  }
  return hours;
}
