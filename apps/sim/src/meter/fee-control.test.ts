// The money-type local fee-control meter (Q/GDW 1365): priced by its own tariff table, topped up only with
// the next purchase count, its customer number and within the hoarding limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromMeterDateTime, HOUR_MS } from '../time/local-time.ts';
import type { MoneyPrepaidConfig } from './fee-control.ts';
import { SimMeter } from './meter.ts';
import { meterConfig } from './meter-config.ts';
import { setLoad } from './scenarios.ts';

// 11:00 local is 平 (tariff 3) until 17:00.
const START = fromMeterDateTime({ year: 2026, month: 3, day: 2, hour: 11 }, 480);
const CUSTOMER = '000000001234';

function moneyMeter(config: Partial<MoneyPrepaidConfig> = {}): SimMeter {
  return new SimMeter(
    meterConfig({
      address: '000000000009',
      moneyPrepaid: { pricesPerKwh: [8_000, 7_000, 5_000, 3_000], ...config },
    }),
    START,
  );
}

const open = (m: SimMeter, at: number, amountFen: number) =>
  m.topUpMoney(at, { command: 'open-account', amountFen, purchaseCount: 1, customerNumber: CUSTOMER });
const recharge = (
  m: SimMeter,
  at: number,
  purchaseCount: number,
  amountFen: number,
  customerNumber = CUSTOMER,
) => m.topUpMoney(at, { command: 'recharge', amountFen, purchaseCount, customerNumber });

describe('money-type local fee control', () => {
  it('prices energy by the tariff in force and trips when the money and the credit are gone', () => {
    const m = moneyMeter({ alarm1Fen: 500, creditLimitFen: 200 });
    expect(open(m, START, 1_000)).toMatchObject({ accepted: true });
    setLoad(m, START, 1_000);
    // 1 kW for 4 h at 0.5 yuan/kWh (平) = 2 yuan.
    m.advanceTo(START + 4 * HOUR_MS);
    expect(m.moneyPrepaid?.remainingFen).toBe(800);
    expect(m.moneyPrepaid?.belowAlarm).toBe(false);
    // 10 yuan and 2 yuan of credit last 24 h at 0.5 yuan/kWh if it stayed 平; it crosses 峰 at 17:00.
    m.advanceTo(START + 6 * HOUR_MS);
    expect(m.moneyPrepaid?.remainingFen).toBe(700);
    m.advanceTo(START + 7 * HOUR_MS); // 17:00–18:00 峰 at 0.7 yuan
    expect(m.moneyPrepaid?.remainingFen).toBe(630);
    expect(m.relayOpen).toBe(false);
    m.advanceTo(START + 30 * HOUR_MS);
    expect(m.relayOpen).toBe(true);
    expect(m.moneyPrepaid?.remainingFen).toBe(-200);
    expect(m.moneyPrepaid?.overdraftFen).toBe(200);
    expect(recharge(m, START + 31 * HOUR_MS, 2, 5_000)).toMatchObject({ accepted: true });
    expect(m.relayOpen).toBe(false);
    expect(m.moneyPrepaid?.remainingFen).toBe(4_800);
  });

  it('keeps the fractions of a fen: the balance falls by exactly the priced energy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: 1, max: 24 }), (watts, quarters) => {
        const m = moneyMeter({ initialRemainingFen: 1_000_000, customerNumber: CUSTOMER });
        setLoad(m, START, watts);
        m.advanceTo(START + quarters * 900_000);
        const wh = m.registers.total(0);
        // Between the cheapest (平 here, 0.5 yuan) and the dearest price of the day (尖, 0.8 yuan).
        const spent = 1_000_000 - (m.moneyPrepaid?.remainingFen ?? 0);
        expect(spent).toBeGreaterThanOrEqual(Math.floor((Math.floor(wh) * 5_000) / 100_000) - 1);
        expect(spent).toBeLessThanOrEqual(Math.ceil((Math.ceil(wh) * 8_000) / 100_000) + 1);
      }),
      { numRuns: 25 },
    );
  });

  it('takes a top-up only as the next purchase, of this customer, within the hoarding limit', () => {
    const m = moneyMeter({ hoardingLimitFen: 10_000 });
    expect(recharge(m, START, 1, 1_000)).toEqual({ accepted: false, reason: 'customer-number' });
    expect(open(m, START, 1_000)).toMatchObject({ accepted: true, record: { purchaseCount: 1 } });
    expect(m.moneyPrepaid?.customerNumber).toBe(CUSTOMER);
    // The same top-up again (a retry whose first reply was lost) is recognised, not taken twice.
    expect(recharge(m, START, 1, 1_000)).toEqual({ accepted: false, reason: 'repeated-recharge' });
    expect(recharge(m, START, 3, 1_000)).toEqual({ accepted: false, reason: 'purchase-count' });
    expect(recharge(m, START, 2, 1_000, '000000009999')).toEqual({
      accepted: false,
      reason: 'customer-number',
    });
    expect(recharge(m, START, 2, 9_001)).toEqual({ accepted: false, reason: 'hoarding-limit' });
    expect(recharge(m, START, 2, 9_000)).toMatchObject({
      accepted: true,
      record: { remainingBeforeFen: 1_000, remainingAfterFen: 10_000, totalPurchasedFen: 10_000 },
    });
    expect(m.moneyPrepaid?.purchaseCount).toBe(2);
    expect(m.moneyPrepaid?.purchases.count).toBe(2);
  });

  it('refuses to be both an energy and a money meter', () => {
    expect(() => meterConfig({ address: '000000000009', prepaid: true, moneyPrepaid: true })).toThrow(
      /energy or in money/,
    );
  });
});
