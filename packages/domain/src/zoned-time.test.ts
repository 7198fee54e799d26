import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localParts } from './zoned-time.ts';

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];

function intlParts(epochMs: number, timeZone: string) {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  for (const part of format.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map(Number);
}

describe('localParts', () => {
  it('gives the wall clock the time-zone database gives, across daylight-saving changes (offsets cached)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...ZONES),
        (epochMs, zone) => {
          const p = localParts(epochMs, zone);
          expect([p.year, p.month, p.day, p.hour, p.minute, p.second]).toEqual(intlParts(epochMs, zone));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('is right either side of a transition', () => {
    // Berlin went to summer time at 01:00 UTC on 29 March 2026.
    const change = Date.UTC(2026, 2, 29, 1);
    expect(localParts(change - 1, 'Europe/Berlin')).toMatchObject({ hour: 1, minute: 59, second: 59 });
    expect(localParts(change, 'Europe/Berlin')).toMatchObject({ hour: 3, minute: 0, second: 0 });
  });
});
