// DOMAIN.md §4 and the examples of seed document 001 (appendix 2 FAQ, appendix 3 glossary).
import { describe, expect, it } from 'vitest';
import { fromMeterDateTime, HOUR_MS, MINUTE_MS } from '../time/local-time.ts';
import { SimMeter } from './meter.ts';
import { meterConfig, type PrepaidConfig } from './meter-config.ts';
import { setLoad } from './scenarios.ts';

const START = fromMeterDateTime({ year: 2026, month: 3, day: 2, hour: 8 }, 480);
const NUMBER = '000000000007';

function prepaidMeter(prepaid: Partial<PrepaidConfig>, extra: { ctRatio?: number } = {}): SimMeter {
  return new SimMeter(meterConfig({ address: NUMBER, prepaid, ...extra }), START);
}

const buy = (m: SimMeter, at: number, purchaseCount: number, energyWh: number) =>
  m.purchase(at, { meterNumber: NUMBER, purchaseCount, energyWh });

describe('prepaid local fee control', () => {
  it('counts remaining energy down with consumption, warns at the alarm level, trips when credit is gone', () => {
    // 001 FAQ 5: alarm energy is 10 % of the purchase.
    const m = prepaidMeter({ alarmEnergyWh: 3_000, creditLimitWh: 2_000 });
    expect(buy(m, START, 1, 30_000)).toMatchObject({ accepted: true });
    setLoad(m, START, 2_000);
    m.advanceTo(START + 10 * HOUR_MS);
    expect(m.prepaid?.remainingWh).toBe(10_000);
    expect(m.prepaid?.belowAlarm).toBe(false);
    m.advanceTo(START + 13.5 * HOUR_MS);
    expect(m.prepaid?.remainingWh).toBe(3_000);
    expect(m.prepaid?.belowAlarm).toBe(true);
    expect(m.relayOpen).toBe(false);
    // Credit lets it run below zero until -2000 Wh: at 2 kW that is 16 h after the purchase.
    m.advanceTo(START + 15 * HOUR_MS + 59 * MINUTE_MS);
    expect(m.relayOpen).toBe(false);
    expect(m.prepaid?.remainingWh).toBeLessThan(0);
    m.advanceTo(START + 16 * HOUR_MS + MINUTE_MS);
    expect(m.relayOpen).toBe(true);
    expect(m.prepaid?.remainingWh).toBe(-2_000);
    expect(m.prepaid?.overdraftWh).toBe(2_000);
    expect(m.electrical.totalActiveW).toBe(0);
    expect(m.records.relayTrips.count).toBe(1);
    // A purchase restores supply.
    expect(buy(m, START + 17 * HOUR_MS, 2, 10_000)).toMatchObject({ accepted: true });
    expect(m.relayOpen).toBe(false);
    expect(m.prepaid?.remainingWh).toBe(8_000);
  });

  it('001 FAQ 5: a meter that cuts power at the alarm level runs again after the card is inserted', () => {
    const m = prepaidMeter({ alarmEnergyWh: 30_000, alarmCutsPower: true });
    buy(m, START, 1, 300_000);
    setLoad(m, START, 10_000);
    m.advanceTo(START + 27 * HOUR_MS + MINUTE_MS);
    expect(m.prepaid?.remainingWh).toBe(30_000);
    expect(m.relayOpen).toBe(true);
    m.insertCard(START + 28 * HOUR_MS);
    expect(m.relayOpen).toBe(false);
    m.advanceTo(START + 31 * HOUR_MS + MINUTE_MS);
    expect(m.prepaid?.remainingWh).toBe(0);
    expect(m.relayOpen).toBe(true);
  });

  it('takes a purchase only with the next purchase count (001 FAQ 3: a false "lost card" gains nothing)', () => {
    const m = prepaidMeter({});
    for (let count = 1; count <= 5; count++) expect(buy(m, START, count, 10_000).accepted).toBe(true);
    // The replacement card carries the fifth purchase again: the meter already holds it.
    expect(buy(m, START, 5, 10_000)).toEqual({ accepted: false, reason: 'purchase-count' });
    // A card that skipped an insertion (FAQ 4/7: 购电次数不符).
    expect(buy(m, START, 7, 10_000)).toEqual({ accepted: false, reason: 'purchase-count' });
    expect(m.prepaid?.remainingWh).toBe(50_000);
    expect(m.purchase(START, { meterNumber: '000000000008', purchaseCount: 6, energyWh: 1 })).toEqual({
      accepted: false,
      reason: 'meter-number',
    });
    expect(buy(m, START, 6, 10_000).accepted).toBe(true);
  });

  it('refuses a purchase while purchase + remaining would exceed the hoarding limit', () => {
    const m = prepaidMeter({ hoardingLimitWh: 500_000 });
    expect(buy(m, START, 1, 400_000).accepted).toBe(true);
    expect(buy(m, START, 2, 100_001)).toEqual({ accepted: false, reason: 'hoarding-limit' });
    expect(buy(m, START, 2, 100_000).accepted).toBe(true);
  });

  it('deducts the preset energy (12 kWh) at the first purchase, GB/T 18460 style', () => {
    const m = prepaidMeter({ presetEnergyWh: 12_000 });
    expect(m.prepaid?.remainingWh).toBe(12_000);
    expect(m.relayOpen).toBe(false);
    buy(m, START, 1, 300_000);
    expect(m.prepaid?.remainingWh).toBe(300_000);
    // 001: the first purchase must exceed the preset, or the balance goes negative and the meter cuts off.
    const small = prepaidMeter({ presetEnergyWh: 12_000 });
    setLoad(small, START, 1_000);
    // 10 kWh of the preset used during installation, then a first purchase of 5 kWh: 2 + 5 - 12 = -5.
    small.advanceTo(START + 10 * HOUR_MS);
    buy(small, START + 10 * HOUR_MS, 1, 5_000);
    expect(small.prepaid?.remainingWh).toBe(-5_000);
    expect(small.relayOpen).toBe(true);
  });

  it('counts secondary energy: with multiplier 300 a 100 kWh write-card covers 30000 kWh (001 glossary)', () => {
    // 写卡电量 = 30000 / 300 = 100.
    const m = prepaidMeter({}, { ctRatio: 300 });
    buy(m, START, 1, 100_000);
    setLoad(m, START, 1_000_000);
    m.advanceTo(START + 29 * HOUR_MS);
    expect(m.relayOpen).toBe(false);
    m.advanceTo(START + 30 * HOUR_MS + MINUTE_MS);
    expect(m.relayOpen).toBe(true);
    expect(Math.round(m.household.trueEnergyWh / 1000)).toBe(30_000);
  });
});
