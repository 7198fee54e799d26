// DOMAIN.md §4 capacity limit: the networked meter (002) trips within 5 s above the set maximum power and
// closes again after 3 minutes; the card meter (001, mode 1) trips after 30 s.
import { describe, expect, it } from 'vitest';
import { fromMeterDateTime, MINUTE_MS } from '../time/local-time.ts';
import { SimMeter } from './meter.ts';
import { CARD_METER_CAPACITY_LIMIT, meterConfig } from './meter-config.ts';
import { setLoad } from './scenarios.ts';

const START = fromMeterDateTime({ year: 2026, month: 3, day: 2, hour: 8 }, 480);

describe('capacity limit', () => {
  it('trips within 5 s above the maximum power and closes after 3 minutes', () => {
    const m = new SimMeter(meterConfig({ address: '1', capacityLimit: { maxPowerW: 4_000 } }), START);
    setLoad(m, START, 3_000);
    m.advanceTo(START + MINUTE_MS);
    expect(m.relayOpen).toBe(false);
    const overload = START + MINUTE_MS + 7_000;
    setLoad(m, overload, 5_000);
    let trippedAt: number | undefined;
    for (let t = overload; t <= overload + 10_000; t += 100) {
      m.advanceTo(t);
      if (m.relayOpen && trippedAt === undefined) trippedAt = t;
    }
    expect(trippedAt).toBeDefined();
    expect((trippedAt ?? 0) - overload).toBeLessThanOrEqual(5_000);
    expect(m.electrical.totalActiveW).toBe(0);
    m.advanceTo((trippedAt ?? 0) + 3 * MINUTE_MS - 500);
    expect(m.relayOpen).toBe(true);
    setLoad(m, (trippedAt ?? 0) + 3 * MINUTE_MS - 400, 3_000);
    m.advanceTo((trippedAt ?? 0) + 3 * MINUTE_MS + 200);
    expect(m.relayOpen).toBe(false);
    expect(m.records.relayTrips.count).toBe(1);
    expect(m.records.relayCloses.count).toBe(1);
  });

  it('trips again after the restore while the load stays too high', () => {
    const m = new SimMeter(meterConfig({ address: '1', capacityLimit: { maxPowerW: 4_000 } }), START);
    setLoad(m, START, 6_000);
    m.advanceTo(START + 10 * MINUTE_MS);
    // Each cycle: 3 s on, 180 s off.
    expect(m.records.relayTrips.count).toBeGreaterThanOrEqual(3);
    expect(m.records.relayTrips.count).toBeLessThanOrEqual(4);
  });

  it('the card meter mode trips only after 30 s and stays open', () => {
    const m = new SimMeter(
      meterConfig({ address: '1', capacityLimit: { maxPowerW: 4_000, ...CARD_METER_CAPACITY_LIMIT } }),
      START,
    );
    setLoad(m, START, 5_000);
    m.advanceTo(START + 29_000);
    expect(m.relayOpen).toBe(false);
    m.advanceTo(START + 31_000);
    expect(m.relayOpen).toBe(true);
    m.advanceTo(START + 60 * MINUTE_MS);
    expect(m.relayOpen).toBe(true);
  });
});
