// Days as the site counts them: the reports, the sales of "today" and the runs of "today" are the site's days
// (OPENAMI_TIME_ZONE, Asia/Shanghai by default), not the browser's, which may sit in another zone. The
// arithmetic is the domain's, through the contract: the same the server counts days by.
import { addDays, fromLocal, localDate } from '@openami/contract';

/** The site's calendar day at `epochMs`, as the API names days (YYYY-MM-DD). */
export function siteDay(epochMs: number, timeZone: string): string {
  return localDate(epochMs, timeZone);
}

/** The site's day `days` before the day of `epochMs` (YYYY-MM-DD). */
export function siteDayBefore(epochMs: number, days: number, timeZone: string): string {
  return addDays(localDate(epochMs, timeZone), -days);
}

/** When the site's day of `epochMs` began, epoch ms (midnight at the site, across any zone offset change). */
export function startOfSiteDay(epochMs: number, timeZone: string): number {
  const [year, month, day] = localDate(epochMs, timeZone).split('-').map(Number) as [number, number, number];
  return fromLocal({ year, month, day }, timeZone);
}
