import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  digestPeriod,
  gate,
  defaultNotificationPolicy as policy,
  quietUntil,
  windowFrees,
} from './notification-policy.ts';

// Asia/Shanghai is UTC+8 all year: 22:00 local is 14:00 UTC.
const shanghai = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 8, minute);
const MINUTE = 60_000;
const resident = { audience: 'resident' as const, alarmKind: 'low-balance' };
const none = { toRecipient: [], aboutAlarm: [] };

describe('quiet hours', () => {
  it('span midnight and end at 07:00 local', () => {
    expect(quietUntil(shanghai(3, 21, 59), policy.quietHours, policy.timeZone)).toBeUndefined();
    expect(quietUntil(shanghai(3, 22, 0), policy.quietHours, policy.timeZone)).toBe(shanghai(4, 7));
    expect(quietUntil(shanghai(4, 3, 30), policy.quietHours, policy.timeZone)).toBe(shanghai(4, 7));
    expect(quietUntil(shanghai(4, 7, 0), policy.quietHours, policy.timeZone)).toBeUndefined();
    expect(quietUntil(shanghai(4, 3), undefined, policy.timeZone)).toBeUndefined();
  });

  it('within one day, and in a zone with daylight saving', () => {
    const lunch = { fromMinute: 12 * 60, toMinute: 13 * 60 + 30 };
    expect(quietUntil(shanghai(3, 12, 10), lunch, 'Asia/Shanghai')).toBe(shanghai(3, 13, 30));
    expect(quietUntil(shanghai(3, 13, 30), lunch, 'Asia/Shanghai')).toBeUndefined();
    // Berlin, the night the clocks go forward (29 March 2026): 07:00 CEST is 05:00 UTC.
    const night = { fromMinute: 22 * 60, toMinute: 7 * 60 };
    expect(quietUntil(Date.UTC(2026, 2, 28, 22), night, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 5));
  });

  it('hold residents, not staff nor the kinds that bypass them', () => {
    const night = shanghai(3, 23);
    expect(gate(resident, none, night, policy)).toEqual({
      kind: 'hold',
      reason: 'quiet-hours',
      untilMs: shanghai(4, 7),
    });
    expect(gate({ audience: 'staff', alarmKind: 'low-balance' }, none, night, policy)).toEqual({
      kind: 'send',
    });
    expect(gate({ audience: 'resident', alarmKind: 'balance-exhausted' }, none, night, policy)).toEqual({
      kind: 'send',
    });
    // A summary has no kind of its own: it waits for the morning.
    expect(gate({ audience: 'resident', alarmKind: undefined }, none, night, policy).kind).toBe('hold');
    // A summary goes only if all it folds may.
    const urgent = { audience: 'resident' as const, alarmKind: undefined };
    expect(
      gate({ ...urgent, foldedKinds: ['balance-exhausted', 'relay-tripped'] }, none, night, policy).kind,
    ).toBe('send');
    expect(
      gate({ ...urgent, foldedKinds: ['balance-exhausted', 'low-balance'] }, none, night, policy).kind,
    ).toBe('hold');
  });
});

describe('rate limits', () => {
  const noon = shanghai(3, 12);

  it('let five a recipient through in an hour, then hold until the oldest leaves the window', () => {
    const four = [0, 10, 20, 30].map((m) => noon - 50 * MINUTE + m * MINUTE);
    expect(gate(resident, { toRecipient: four, aboutAlarm: [] }, noon, policy)).toEqual({ kind: 'send' });
    const five = [...four, noon - MINUTE];
    expect(gate(resident, { toRecipient: five, aboutAlarm: [] }, noon, policy)).toEqual({
      kind: 'hold',
      reason: 'rate-limit',
      untilMs: noon + 10 * MINUTE,
    });
  });

  it('let one message about the same alarm through an hour', () => {
    expect(
      gate(resident, { toRecipient: [noon - 5 * MINUTE], aboutAlarm: [noon - 5 * MINUTE] }, noon, policy),
    ).toEqual({ kind: 'hold', reason: 'repeat', untilMs: noon + 55 * MINUTE });
    expect(
      gate(resident, { toRecipient: [noon - 61 * MINUTE], aboutAlarm: [noon - 61 * MINUTE] }, noon, policy),
    ).toEqual({
      kind: 'send',
    });
  });

  it('never promise a slot sooner than the window allows, and always one later than now', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 7_200_000 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 6 }),
        (offsets, count) => {
          const now = 10_000_000;
          const admitted = offsets.map((o) => now - o).sort((a, b) => a - b);
          const limit = { count, windowMs: 3_600_000 };
          const frees = windowFrees(admitted, limit, now);
          const within = (t: number) => admitted.filter((a) => a > t - limit.windowMs && a <= t).length;
          if (frees === undefined) return within(now) < count;
          return frees > now && within(frees) < count && within(frees - 1) >= count;
        },
      ),
    );
  });
});

describe('digest period', () => {
  it('is due from the digest hour and covers the 24 hours before it', () => {
    expect(digestPeriod(shanghai(3, 7, 59), policy)).toBeUndefined();
    expect(digestPeriod(shanghai(3, 8), policy)).toEqual({
      day: '2026-12-03',
      fromMs: shanghai(2, 8),
      toMs: shanghai(3, 8),
    });
    expect(digestPeriod(shanghai(3, 23), policy)?.day).toBe('2026-12-03');
  });
});
