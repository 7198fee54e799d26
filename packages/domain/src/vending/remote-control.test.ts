import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentialTimeOfUse } from '../../test/tariffs.ts';
import { periodEnergyBetween } from '../tariff/metered.ts';
import { priceEnergy } from '../tariff/pricing.ts';
import { remoteControlAction } from './remote-control.ts';

describe('remote fee control (002: remote top-up, the master station switches the relay)', () => {
  const base = { alarmFen: 1000, creditFen: 0, relay: 'closed' as const };

  it('warns once when the balance falls to the alarm level', () => {
    expect(remoteControlAction({ ...base, previousBalanceFen: 1200, balanceFen: 1000 })).toBe('warn');
    expect(remoteControlAction({ ...base, previousBalanceFen: 1000, balanceFen: 900 })).toBe('none');
  });

  it('trips at zero less the credit, and closes when a top-up lifts the balance above it', () => {
    expect(remoteControlAction({ ...base, previousBalanceFen: 10, balanceFen: 0 })).toBe('trip');
    expect(remoteControlAction({ ...base, creditFen: 500, previousBalanceFen: 10, balanceFen: -400 })).toBe(
      'none',
    );
    expect(remoteControlAction({ ...base, creditFen: 500, previousBalanceFen: -400, balanceFen: -500 })).toBe(
      'trip',
    );
    expect(remoteControlAction({ ...base, relay: 'open', previousBalanceFen: 0, balanceFen: 5000 })).toBe(
      'close',
    );
    expect(remoteControlAction({ ...base, relay: 'open', previousBalanceFen: -10, balanceFen: 0 })).toBe(
      'none',
    );
  });

  it('never leaves the relay closed at or below the threshold, nor open above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.nat(2000),
        fc.constantFrom('closed' as const, 'open' as const),
        (previousBalanceFen, balanceFen, creditFen, relay) => {
          const action = remoteControlAction({
            previousBalanceFen,
            balanceFen,
            alarmFen: 1000,
            creditFen,
            relay,
          });
          const after = action === 'trip' ? 'open' : action === 'close' ? 'closed' : relay;
          expect(after).toBe(balanceFen <= -creditFen ? 'open' : 'closed');
        },
      ),
    );
  });
});

describe('energy between two readings, by period', () => {
  it('takes 费率1–4 as 尖峰平谷 and prices them', () => {
    const energy = periodEnergyBetween(
      { totalWh: 100_000, tariffWh: [10_000, 20_000, 30_000, 40_000] },
      { totalWh: 161_000, tariffWh: [11_000, 30_000, 50_000, 70_000] },
    );
    expect(energy).toEqual({
      ok: true,
      byPeriodWh: { sharp: 1_000, peak: 10_000, flat: 20_000, valley: 30_000 },
      unassignedWh: 0,
    });
    if (!energy.ok) return;
    // 1 × 95 + 10 × 78 + 20 × 50 + 30 × 30 = 2775 fen
    const priced = priceEnergy({
      tariff: residentialTimeOfUse,
      usage: { kind: 'metered', byPeriodWh: energy.byPeriodWh },
      cycleUsedWh: 0,
    });
    expect(priced.amountFen).toBe(2775);
  });

  it('refuses a register that went backwards (a replaced or cleared meter is its own case)', () => {
    expect(
      periodEnergyBetween({ totalWh: 5, tariffWh: [5, 0, 0, 0] }, { totalWh: 6, tariffWh: [4, 2, 0, 0] }),
    ).toEqual({ ok: false, reason: 'register_went_back', register: 'tariff1' });
    expect(periodEnergyBetween({ totalWh: 5, tariffWh: [] }, { totalWh: 4, tariffWh: [] })).toMatchObject({
      ok: false,
      register: 'total',
    });
  });

  it('reports energy no tariff register accounts for', () => {
    expect(
      periodEnergyBetween(
        { totalWh: 0, tariffWh: [null, null, 0, 0] },
        { totalWh: 900, tariffWh: [null, null, 300, 500] },
      ),
    ).toEqual({ ok: true, byPeriodWh: { flat: 300, valley: 500 }, unassignedWh: 100 });
  });
});
