// When a reading plan runs: every N minutes from local midnight (with an offset), daily at a local time, or
// monthly on a day at a local time. Pure: the instant to start from and the time zone are passed in.
import { addDays, fromLocal, localDate, localParts } from '@openami/domain';

export type Schedule =
  | { readonly kind: 'interval'; readonly everyMinutes: number; readonly offsetMinutes?: number }
  | { readonly kind: 'daily'; readonly at: string }
  | { readonly kind: 'monthly'; readonly day: number; readonly at: string };

/** The first run strictly after `afterMs`, in UTC epoch milliseconds. */
export function nextRun(schedule: Schedule, afterMs: number, timeZone: string): number {
  const today = localDate(afterMs, timeZone);
  switch (schedule.kind) {
    case 'interval': {
      if (
        !Number.isInteger(schedule.everyMinutes) ||
        schedule.everyMinutes <= 0 ||
        1440 % schedule.everyMinutes !== 0
      ) {
        throw new Error(
          `an interval must divide the day into whole runs, got ${schedule.everyMinutes} minutes`,
        );
      }
      const offset = schedule.offsetMinutes ?? 0;
      for (let dayOffset = 0; dayOffset <= 1; dayOffset++) {
        const date = addDays(today, dayOffset);
        for (let minute = offset; minute < 1440; minute += schedule.everyMinutes) {
          const at = atLocal(date, minute, timeZone);
          if (at > afterMs) return at;
        }
      }
      return atLocal(addDays(today, 2), offset, timeZone);
    }
    case 'daily': {
      const minute = minuteOfDay(schedule.at);
      const todayRun = atLocal(today, minute, timeZone);
      return todayRun > afterMs ? todayRun : atLocal(addDays(today, 1), minute, timeZone);
    }
    case 'monthly': {
      const minute = minuteOfDay(schedule.at);
      const { year, month } = localParts(afterMs, timeZone);
      for (let i = 0; i < 14; i++) {
        const y = year + Math.floor((month - 1 + i) / 12);
        const m = ((month - 1 + i) % 12) + 1;
        // A month without that day (the 31st in April) runs on its last day.
        const day = Math.min(schedule.day, new Date(Date.UTC(y, m, 0)).getUTCDate());
        const at = atLocal(
          `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          minute,
          timeZone,
        );
        if (at > afterMs) return at;
      }
      throw new Error('no monthly run within a year');
    }
  }
}

/** `HH:MM` to minutes after midnight. */
export function minuteOfDay(at: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(at);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (match === null || hour > 23 || minute > 59)
    throw new Error(`a time of day is HH:MM, got ${JSON.stringify(at)}`);
  return hour * 60 + minute;
}

function atLocal(date: string, minuteOfTheDay: number, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return fromLocal(
    { year, month, day, hour: Math.floor(minuteOfTheDay / 60), minute: minuteOfTheDay % 60 },
    timeZone,
  );
}
