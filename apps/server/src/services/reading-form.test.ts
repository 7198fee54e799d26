import { describe, expect, it } from 'vitest';
import { readingForm } from './reading-form.ts';

const zone = 'Asia/Shanghai';

describe('a value read, in a form a page words', () => {
  it('gives a status word as the names of its set flags and its fields of several bits', () => {
    expect(
      readingForm(
        {
          raw: 0x0214,
          flags: { relayOpen: true, programmingAllowed: false, supply: 2, meterType: 1, preTripAlarm: true },
        },
        zone,
      ),
    ).toEqual({
      kind: 'flags',
      raw: 0x0214,
      set: ['relayOpen', 'preTripAlarm'],
      fields: [
        { name: 'supply', value: 2 },
        { name: 'meterType', value: 1 },
      ],
    });
    expect(readingForm({ raw: 0, flags: { demandBlockMode: false, clockBatteryLow: false } }, zone)).toEqual({
      kind: 'flags',
      raw: 0,
      set: [],
      fields: [],
    });
    expect(
      readingForm(
        [
          { raw: 1, flags: {} },
          { raw: 0, flags: { coverOpen: false } },
        ],
        zone,
      ),
    ).toEqual({
      kind: 'words',
      words: [
        { kind: 'flags', raw: 1, set: [], fields: [] },
        { kind: 'flags', raw: 0, set: [], fields: [] },
      ],
    });
  });

  it('gives the meter’s clock as an instant in the site’s time zone, or a date, or a time of day', () => {
    expect(readingForm({ year: 2026, month: 12, day: 1, hour: 8, minute: 5, second: 9 }, zone)).toEqual({
      kind: 'dateTime',
      epochMs: Date.UTC(2026, 11, 1, 0, 5, 9),
      local: '2026-12-01 08:05:09',
    });
    expect(readingForm({ year: 2026, month: 12, day: 1, hour: 8, minute: 5 }, 'UTC')).toEqual({
      kind: 'dateTime',
      epochMs: Date.UTC(2026, 11, 1, 8, 5),
      local: '2026-12-01 08:05',
    });
    expect(readingForm({ year: 2026, month: 12, day: 7, weekday: 1 }, zone)).toEqual({
      kind: 'date',
      date: '2026-12-07',
      weekday: 1,
    });
    expect(readingForm({ hour: 21, minute: 3, second: 0 }, zone)).toEqual({
      kind: 'timeOfDay',
      time: '21:03:00',
    });
  });

  it('has no form for numbers, texts, and records it does not know', () => {
    expect(readingForm(1234.56, zone)).toBeNull();
    expect(readingForm('000000000001', zone)).toBeNull();
    expect(readingForm(null, zone)).toBeNull();
    expect(readingForm({ month: 3, day: 1, hour: 0, minute: 0 }, zone)).toBeNull();
    expect(readingForm({ count: 3, at: { hour: 1 } }, zone)).toBeNull();
  });
});
