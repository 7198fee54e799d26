// Days as the site counts them: the reports, the sales of "today" and the runs of "today" are the site's days
// (OPENAMI_TIME_ZONE, Asia/Shanghai by default), not the browser's, which may sit in another zone.

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The site's wall clock at `epochMs`, read as if it were UTC (so Date's UTC getters give its fields). */
function wallClock(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of format(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((epochMs % 1000) + 1000) % 1000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The site's calendar day at `epochMs`, as the API names days (YYYY-MM-DD). */
export function siteDay(epochMs: number, timeZone: string): string {
  const wall = new Date(wallClock(epochMs, timeZone));
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/** The site's day `days` before the day of `epochMs` (YYYY-MM-DD). */
export function siteDayBefore(epochMs: number, days: number, timeZone: string): string {
  const [year, month, day] = siteDay(epochMs, timeZone).split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day - days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** When the site's day of `epochMs` began, epoch ms (midnight at the site, across any zone offset change). */
export function startOfSiteDay(epochMs: number, timeZone: string): number {
  const wall = wallClock(epochMs, timeZone);
  const midnightWall = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
  // The offset at midnight may differ from now's (a daylight-saving change that day): settle it twice.
  let guess = midnightWall - (wall - epochMs);
  for (let i = 0; i < 2; i++) guess = midnightWall - (wallClock(guess, timeZone) - guess);
  return guess;
}
