import { describe, expect, it } from 'vitest';
import { siteDay, siteDayBefore, startOfSiteDay } from './site-time.ts';

describe("the site's days", () => {
  // 2026-12-07 17:30 UTC is already 2026-12-08 01:30 in Shanghai, still 12:30 on the 7th in New York.
  const at = Date.UTC(2026, 11, 7, 17, 30);

  it("names the site's day, whatever the browser's zone", () => {
    expect(siteDay(at, 'Asia/Shanghai')).toBe('2026-12-08');
    expect(siteDay(at, 'America/New_York')).toBe('2026-12-07');
    expect(siteDay(at, 'UTC')).toBe('2026-12-07');
  });

  it('counts days back across months and years', () => {
    expect(siteDayBefore(at, 13, 'Asia/Shanghai')).toBe('2026-11-25');
    expect(siteDayBefore(Date.UTC(2027, 0, 1, 3), 1, 'Asia/Shanghai')).toBe('2026-12-31');
  });

  it("finds the site's midnight, on a daylight-saving day too", () => {
    expect(startOfSiteDay(at, 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 7, 16));
    expect(startOfSiteDay(at, 'America/New_York')).toBe(Date.UTC(2026, 11, 7, 5));
    // 2026-03-08 in New York: midnight is still EST (UTC-5); the clocks go forward at 02:00.
    expect(startOfSiteDay(Date.UTC(2026, 2, 8, 20), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5));
    // 2026-11-01: midnight is still EDT (UTC-4).
    expect(startOfSiteDay(Date.UTC(2026, 10, 1, 20), 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 4));
  });
});
