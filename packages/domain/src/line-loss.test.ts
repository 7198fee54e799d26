import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisPoints, type ChildEnergy, formatBasisPoints, levelLoss, lineLoss } from './line-loss.ts';

const wh = fc.integer({ min: 0, max: 10_000_000_000 });
const children = fc.array(
  fc.record({ meterId: fc.nat({ max: 1_000_000 }), energyWh: fc.option(wh, { nil: null }) }),
  { maxLength: 40 },
);

describe('line loss', () => {
  it('is the parent less its children, in basis points of the parent', () => {
    // A transformer area of 1 000 kWh whose three buildings measured 968.5 kWh: 31.5 kWh lost, 3.15 %.
    const loss = lineLoss(1_000_000, [
      { meterId: 1, energyWh: 400_000 },
      { meterId: 2, energyWh: 300_000 },
      { meterId: 3, energyWh: 268_500 },
    ]);
    expect(loss).toEqual({
      parentWh: 1_000_000,
      childrenWh: 968_500,
      childrenRead: 3,
      childrenNotRead: [],
      lossWh: 31_500,
      lossBasisPoints: 315,
      complete: true,
    });
    expect(formatBasisPoints(loss.lossBasisPoints ?? 0)).toBe('3.15');
  });

  it('names the children not read and leaves them out of the sum', () => {
    const loss = lineLoss(1000, [
      { meterId: 7, energyWh: 600 },
      { meterId: 8, energyWh: null },
    ]);
    expect(loss).toMatchObject({ childrenWh: 600, childrenNotRead: [8], lossWh: 400, complete: false });
  });

  it('states no loss without the parent, and no percentage for a parent that measured nothing', () => {
    expect(lineLoss(null, [{ meterId: 1, energyWh: 5 }])).toMatchObject({
      lossWh: null,
      lossBasisPoints: null,
      complete: false,
    });
    expect(lineLoss(0, [{ meterId: 1, energyWh: 5 }])).toMatchObject({ lossWh: -5, lossBasisPoints: null });
  });

  it('rounds basis points half away from zero', () => {
    expect(basisPoints(1, 20_000)).toBe(1);
    expect(basisPoints(-1, 20_000)).toBe(-1);
    expect(basisPoints(1, 20_001)).toBe(0);
    expect(formatBasisPoints(-5)).toBe('-0.05');
    expect(formatBasisPoints(12_345)).toBe('123.45');
  });

  it('property: children read plus loss is the parent, and every child is counted once', () => {
    fc.assert(
      fc.property(wh, children, (parentWh, kids) => {
        const loss = lineLoss(parentWh, kids);
        expect(loss.childrenWh + (loss.lossWh ?? Number.NaN)).toBe(parentWh);
        expect(loss.childrenRead + loss.childrenNotRead.length).toBe(kids.length);
        expect(loss.childrenNotRead).toEqual(kids.filter((k) => k.energyWh === null).map((k) => k.meterId));
        expect(loss.complete).toBe(loss.childrenNotRead.length === 0);
      }),
    );
  });

  it('property: basis points are the exact ratio within half a point, with its sign', () => {
    fc.assert(
      fc.property(
        wh.filter((p) => p > 0),
        children,
        (parentWh, kids) => {
          const loss = lineLoss(parentWh, kids);
          const bp = loss.lossBasisPoints ?? Number.NaN;
          const exact = ((loss.lossWh ?? 0) * 10_000) / parentWh;
          expect(Math.abs(bp - exact)).toBeLessThanOrEqual(0.5 + 1e-6);
          if (loss.lossWh === 0) expect(bp).toBe(0);
          if (bp !== 0) expect(Math.sign(bp)).toBe(Math.sign(loss.lossWh ?? 0));
        },
      ),
    );
  });

  it('property: the percentage does not change when every meter is scaled alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 10 }),
        fc.integer({ min: 1, max: 1000 }),
        (parentWh, childWh, factor) => {
          const of = (scale: number) =>
            lineLoss(
              parentWh * scale,
              childWh.map((energyWh, meterId): ChildEnergy => ({ meterId, energyWh: energyWh * scale })),
            );
          const exactOnce = of(1);
          const scaled = of(factor);
          expect(scaled.lossWh).toBe((exactOnce.lossWh ?? 0) * factor);
          expect(scaled.lossBasisPoints).toBe(exactOnce.lossBasisPoints);
        },
      ),
    );
  });

  it('property: a level sums the parents that were read and their children', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(wh, { nil: null }), children), { maxLength: 8 }), (parents) => {
        const losses = parents.map(([parentWh, kids]) => lineLoss(parentWh, kids));
        const level = levelLoss(losses);
        const read = losses.filter((l) => l.parentWh !== null);
        const parentSum = read.reduce((s, l) => s + (l.parentWh ?? 0), 0);
        const childSum = read.reduce((s, l) => s + l.childrenWh, 0);
        expect(level.parentWh).toBe(read.length === 0 ? null : parentSum);
        expect(level.childrenWh).toBe(childSum);
        expect(level.lossWh).toBe(read.length === 0 ? null : parentSum - childSum);
        expect(level.childrenNotRead).toHaveLength(losses.reduce((s, l) => s + l.childrenNotRead.length, 0));
        expect(level.complete).toBe(losses.length > 0 && losses.every((l) => l.complete));
      }),
    );
  });
});
