import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentialTieredTimeOfUse, residentialTiers, residentialTimeOfUse } from '../../test/tariffs.ts';
import { energyForMoney } from './energy-for-money.ts';
import { explainPriced, pricedToJson } from './explain.ts';
import { exactScale, formatPriceFenPerKwh, parsePriceFenPerKwh } from './price.ts';
import { priceEnergy, type Usage } from './pricing.ts';
import type { Tariff } from './tariff.ts';

const flat: Tariff = { kind: 'flat', priceE4FenPerKwh: 528_300 };
const advance = (energyWh: number): Usage => ({ kind: 'advance', energyWh });

describe('prices', () => {
  it('keep four decimals of a fen exactly', () => {
    expect(parsePriceFenPerKwh('52.83')).toBe(528_300);
    expect(parsePriceFenPerKwh('52.8301')).toBe(528_301);
    expect(parsePriceFenPerKwh('52.83011')).toBeUndefined();
    expect(parsePriceFenPerKwh('-1')).toBeUndefined();
    expect(formatPriceFenPerKwh(528_301)).toBe('52.8301');
  });
});

describe('priceEnergy', () => {
  it('prices a flat tariff: 100 kWh at 0.5283 yuan/kWh is 52.83 yuan', () => {
    const priced = priceEnergy({ tariff: flat, usage: advance(100_000), cycleUsedWh: 0 });
    expect(priced.amountFen).toBe(5283);
    expect(priced.roundingE7Fen).toBe(0n);
    expect(explainPriced(priced, 'zh-CN')).toEqual([
      '单一电价: 100.000 kWh × 0.5283 元/kWh = 52.83 元',
      '合计 100.000 kWh，精确金额 52.83 元，四舍五入到分：52.83 元',
    ]);
  });

  it('rounds the exact total half up to the fen, once', () => {
    // 1 Wh × 52.83 fen/kWh = 0.05283 fen → 0; 10 Wh = 0.5283 fen → 1.
    expect(priceEnergy({ tariff: flat, usage: advance(1), cycleUsedWh: 0 }).amountFen).toBe(0);
    expect(priceEnergy({ tariff: flat, usage: advance(10), cycleUsedWh: 0 }).amountFen).toBe(1);
    const half = priceEnergy({
      tariff: { kind: 'flat', priceE4FenPerKwh: 50_000 },
      usage: advance(100),
      cycleUsedWh: 0,
    });
    expect(half.amountFen).toBe(1); // exactly 0.5 fen
    expect(pricedToJson(half)).toMatchObject({ exactFen: '0.5000000', roundingFen: '0.5000000' });
  });

  it('splits a purchase that crosses a tier bound of the year', () => {
    // 2 800 kWh already bought this year; 200 more: 80 in tier 1, 120 in tier 2.
    const priced = priceEnergy({ tariff: residentialTiers, usage: advance(200_000), cycleUsedWh: 2_800_000 });
    expect(priced.lines).toMatchObject([
      { kind: 'tier', tier: 1, fromWh: 2_800_000, toWh: 2_880_000, energyWh: 80_000 },
      { kind: 'tier', tier: 2, fromWh: 2_880_000, toWh: 3_000_000, energyWh: 120_000 },
    ]);
    // 80 × 48.83 + 120 × 53.83 = 3906.4 + 6459.6 = 10 366 fen.
    expect(priced.amountFen).toBe(10_366);
    expect(explainPriced(priced, 'en')[1]).toBe(
      'Tier 2 (cycle energy 2880.000–3000.000 kWh): 120.000 kWh × 0.5383 yuan/kWh = 64.596 yuan',
    );
  });

  it('prices metered energy period by period under time of use', () => {
    const priced = priceEnergy({
      tariff: residentialTimeOfUse,
      usage: { kind: 'metered', byPeriodWh: { sharp: 1_000, peak: 10_000, flat: 20_000, valley: 30_000 } },
      cycleUsedWh: 0,
    });
    // 1 × 95 + 10 × 78 + 20 × 50 + 30 × 30 = 95 + 780 + 1000 + 900 = 2775 fen.
    expect(priced.amountFen).toBe(2775);
    expect(priced.lines.map((l) => l.kind === 'period' && l.period)).toEqual([
      'sharp',
      'peak',
      'flat',
      'valley',
    ]);
  });

  it('prices energy bought ahead at the advance-sale period, and says so', () => {
    const priced = priceEnergy({ tariff: residentialTimeOfUse, usage: advance(10_000), cycleUsedWh: 0 });
    expect(priced.amountFen).toBe(500);
    expect(explainPriced(priced, 'zh-CN')[0]).toContain('预购电量按此时段电价计');
  });

  it('adds tier surcharges on top of period prices in a combined tariff', () => {
    // 230 kWh used this month; 30 kWh more, all valley: 10 kWh in tier 1, 20 kWh in tier 2 (+5 fen).
    const priced = priceEnergy({
      tariff: residentialTieredTimeOfUse,
      usage: { kind: 'metered', byPeriodWh: { valley: 30_000 } },
      cycleUsedWh: 230_000,
    });
    expect(priced.lines).toMatchObject([
      { kind: 'period', period: 'valley', energyWh: 30_000 },
      { kind: 'surcharge', tier: 2, energyWh: 20_000, surchargeE4FenPerKwh: 50_000 },
    ]);
    expect(priced.amountFen).toBe(30 * 30 + 20 * 5);
  });

  it('refuses a period the tariff does not price, and negative energy', () => {
    const noSharp: Tariff = { ...residentialTimeOfUse, prices: { peak: 1, flat: 1, valley: 1 } };
    expect(() =>
      priceEnergy({ tariff: noSharp, usage: { kind: 'metered', byPeriodWh: { sharp: 1 } }, cycleUsedWh: 0 }),
    ).toThrow(/sharp/);
    expect(() => priceEnergy({ tariff: flat, usage: advance(-1), cycleUsedWh: 0 })).toThrow(/non-negative/);
  });
});

const tariffs: readonly Tariff[] = [flat, residentialTiers, residentialTimeOfUse, residentialTieredTimeOfUse];
const anyTariff = fc.constantFrom(...tariffs);
const energy = fc.integer({ min: 0, max: 20_000_000 });

describe('pricing properties', () => {
  it('is additive: two consecutive parts cost exactly what the whole costs', () => {
    fc.assert(
      fc.property(anyTariff, energy, energy, energy, (tariff, used, first, second) => {
        const whole = priceEnergy({ tariff, usage: advance(first + second), cycleUsedWh: used });
        const a = priceEnergy({ tariff, usage: advance(first), cycleUsedWh: used });
        const b = priceEnergy({ tariff, usage: advance(second), cycleUsedWh: used + first });
        expect(a.exactE7Fen + b.exactE7Fen).toBe(whole.exactE7Fen);
      }),
    );
  });

  it('is never negative, lines add up, and rounding moves the total by at most half a fen', () => {
    fc.assert(
      fc.property(anyTariff, energy, energy, (tariff, used, wh) => {
        const priced = priceEnergy({ tariff, usage: advance(wh), cycleUsedWh: used });
        expect(priced.amountFen).toBeGreaterThanOrEqual(0);
        expect(priced.lines.reduce((sum, l) => sum + l.exactE7Fen, 0n)).toBe(priced.exactE7Fen);
        expect(priced.lines.reduce((sum, l) => sum + l.energyWh, 0)).toBe(
          tariff.kind === 'tiered_time_of_use' ? wh + surchargedWh(priced.lines) : wh,
        );
        const twice = 2n * priced.roundingE7Fen;
        expect(twice <= exactScale && twice > -exactScale).toBe(true);
      }),
    );
  });

  it('never costs less for more energy', () => {
    fc.assert(
      fc.property(anyTariff, energy, energy, energy, (tariff, used, wh, more) => {
        const less = priceEnergy({ tariff, usage: advance(wh), cycleUsedWh: used });
        const most = priceEnergy({ tariff, usage: advance(wh + more), cycleUsedWh: used });
        expect(most.exactE7Fen >= less.exactE7Fen).toBe(true);
      }),
    );
  });
});

function surchargedWh(lines: ReturnType<typeof priceEnergy>['lines']): number {
  return lines.filter((l) => l.kind === 'surcharge').reduce((sum, l) => sum + l.energyWh, 0);
}

describe('energyForMoney (buying by money, 001 §3.3.1)', () => {
  it('buys 100 kWh for 52.83 yuan at 0.5283 yuan/kWh', () => {
    const sale = energyForMoney({ tariff: flat, cycleUsedWh: 0, moneyFen: 5283, stepWh: 1 });
    // 100 000 Wh cost exactly 5283 fen; 100 009 Wh cost 5283.475… fen, still 5283 once rounded.
    expect(sale?.energyWh).toBe(100_009);
    expect(sale?.priced.amountFen).toBe(5283);
  });

  it('sells whole kWh when the step is a kWh, and nothing when the money buys no step', () => {
    const sale = energyForMoney({ tariff: flat, cycleUsedWh: 0, moneyFen: 5300, stepWh: 1000 });
    expect(sale?.energyWh).toBe(100_000);
    expect(sale?.priced.amountFen).toBe(5283); // 17 fen change
    expect(energyForMoney({ tariff: flat, cycleUsedWh: 0, moneyFen: 50, stepWh: 1000 })).toBeUndefined();
  });

  it('is the most energy the money pays for, for any tariff', () => {
    fc.assert(
      fc.property(
        anyTariff,
        energy,
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.constantFrom(1, 1000, 300_000),
        (tariff, used, moneyFen, stepWh) => {
          const sale = energyForMoney({ tariff, cycleUsedWh: used, moneyFen, stepWh });
          const cost = (wh: number) =>
            priceEnergy({ tariff, usage: advance(wh), cycleUsedWh: used }).amountFen;
          if (sale === undefined) {
            expect(cost(stepWh)).toBeGreaterThan(moneyFen);
            return;
          }
          expect(sale.energyWh % stepWh).toBe(0);
          expect(sale.priced.amountFen).toBeLessThanOrEqual(moneyFen);
          expect(cost(sale.energyWh + stepWh)).toBeGreaterThan(moneyFen);
        },
      ),
      { numRuns: 200 },
    );
  });
});
