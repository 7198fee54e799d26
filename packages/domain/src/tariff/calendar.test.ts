import { describe, expect, it } from 'vitest';
import { residentialTieredTimeOfUse, residentialTiers, summerCalendar } from '../../test/tariffs.ts';
import {
  localTimeOf,
  minutesByPeriod,
  nextDate,
  periodAt,
  scheduleOn,
  startOfLocalDay,
  tierCycleKey,
} from './calendar.ts';
import { validateTariff } from './validate.ts';
import { tariffInForce } from './versions.ts';

describe('the time-of-use day calendar', () => {
  it('finds the period of a moment, with 尖 only in the summer schedule', () => {
    expect(periodAt(summerCalendar, { date: '2026-07-15', minuteOfDay: 11 * 60 + 30 })).toBe('sharp');
    expect(periodAt(summerCalendar, { date: '2026-11-15', minuteOfDay: 11 * 60 + 30 })).toBe('peak');
    expect(periodAt(summerCalendar, { date: '2026-11-15', minuteOfDay: 23 * 60 + 59 })).toBe('valley');
    expect(periodAt(summerCalendar, { date: '2026-11-15', minuteOfDay: 0 })).toBe('valley');
  });

  it('lets a date rule win over a month rule', () => {
    expect(scheduleOn(summerCalendar, '2026-10-01').name).toBe('holiday');
    expect(scheduleOn(summerCalendar, '2026-08-01').name).toBe('summer');
    expect(scheduleOn(summerCalendar, '2026-10-02').name).toBe('ordinary');
  });

  it('covers every minute of the day', () => {
    for (const schedule of summerCalendar.schedules) {
      const minutes = Object.values(minutesByPeriod(schedule)).reduce((a, b) => a + (b ?? 0), 0);
      expect(minutes, schedule.name).toBe(1440);
    }
  });

  it('reads instants in the site time zone', () => {
    // 2026-12-31 16:30 UTC is 2027-01-01 00:30 in Shanghai: a new yearly tier cycle.
    const local = localTimeOf(Date.UTC(2026, 11, 31, 16, 30), 'Asia/Shanghai');
    expect(local).toEqual({ date: '2027-01-01', minuteOfDay: 30 });
    expect(tierCycleKey('yearly', local.date)).toBe('2027');
    expect(tierCycleKey('monthly', local.date)).toBe('2027-01');
  });

  it('finds where a site-local day begins, across zones and a daylight-saving change', () => {
    expect(startOfLocalDay('2026-11-22', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 21, 16));
    expect(startOfLocalDay('2026-11-22', 'UTC')).toBe(Date.UTC(2026, 10, 22));
    // Berlin moves to summer time at 02:00 on 2026-03-29; the day still begins at 00:00 CET.
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 22));
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
  });
});

describe('validateTariff', () => {
  it('accepts the example tariffs', () => {
    expect(validateTariff(residentialTiers).ok).toBe(true);
    expect(validateTariff(residentialTieredTimeOfUse).ok).toBe(true);
  });

  it('lists every problem at once', () => {
    const check = validateTariff({
      kind: 'tiered',
      cycle: 'weekly',
      tiers: [
        { upToKwh: 100, priceE4FenPerKwh: 1.5 },
        { upToKwh: 50, priceE4FenPerKwh: 1 },
        { upToKwh: 10, priceE4FenPerKwh: 1 },
      ],
    });
    expect(check).toEqual({
      ok: false,
      problems: [
        'cycle must be one of yearly, monthly',
        'tiers[0].priceE4FenPerKwh must be a price',
        'tiers[1].upToKwh must be a whole number of kWh above 100',
        'tiers[2].upToKwh must be null: the last tier is open',
      ],
    });
    const tou = validateTariff({
      ...residentialTieredTimeOfUse,
      prices: { peak: 1, flat: 1 },
      advanceSalePeriod: 'valley',
    });
    expect(tou.ok === false && tou.problems).toContain('advanceSalePeriod must name a priced period');
    expect(tou.ok === false && tou.problems).toContain('schedule ordinary: period valley has no price');
  });
});

describe('tariffInForce', () => {
  it('picks the latest version that has taken effect', () => {
    const flat = (price: number) => ({ kind: 'flat' as const, priceE4FenPerKwh: price });
    const versions = [
      { id: 1, effectiveFrom: 0, tariff: flat(1) },
      { id: 2, effectiveFrom: 1000, tariff: flat(2) },
      { id: 3, effectiveFrom: 5000, tariff: flat(3) },
    ];
    expect(tariffInForce(versions, 999)?.id).toBe(1);
    expect(tariffInForce(versions, 1000)?.id).toBe(2);
    expect(tariffInForce(versions, 4999)?.id).toBe(2);
    expect(tariffInForce(versions, -1)).toBeUndefined();
  });
});
