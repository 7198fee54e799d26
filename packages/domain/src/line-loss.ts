/**
 * Line loss of one level of the meter hierarchy (DOMAIN.md §3, 002 §2.2, §3.2): what the parent meter
 * measured less what its child meters measured, over the same day or month. Integer Wh throughout; the
 * percentage is a rational (`lossWh / parentWh`), also given in whole basis points (1 bp = 0.01 %),
 * rounded half away from zero. A positive loss is energy lost between the meters (or taken unmetered); a
 * negative one means the children measured more than the parent, which points at a meter or wiring fault.
 */
export interface ChildEnergy {
  readonly meterId: number;
  /** Null when the child has no energy for the period (not read): it is left out of the sum and named. */
  readonly energyWh: number | null;
}

export interface LineLoss {
  /** Null when the parent was not read for the period; no loss can be stated then. */
  readonly parentWh: number | null;
  /** The sum over the children that were read. */
  readonly childrenWh: number;
  readonly childrenRead: number;
  /** Children with no energy for the period, in the order given. */
  readonly childrenNotRead: readonly number[];
  /** `parentWh − childrenWh`; null without the parent. */
  readonly lossWh: number | null;
  /** Loss ÷ parent in basis points; null without the parent or when the parent measured nothing. */
  readonly lossBasisPoints: number | null;
  /** True when the parent and every child were read, so the loss is the whole story. */
  readonly complete: boolean;
}

const basisPointsPerUnit = 10_000n;

/** `numerator / denominator × 10 000`, rounded half away from zero, exactly (BigInt: Wh × 10⁴ may pass 2⁵³). */
export function basisPoints(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`basis points of ${numerator}/${denominator}`);
  }
  const negative = numerator < 0 !== denominator < 0;
  const n = BigInt(Math.abs(numerator)) * basisPointsPerUnit;
  const d = BigInt(Math.abs(denominator));
  const rounded = (2n * n + d) / (2n * d);
  return Number(negative ? -rounded : rounded);
}

export function lineLoss(parentWh: number | null, children: readonly ChildEnergy[]): LineLoss {
  let childrenWh = 0;
  let childrenRead = 0;
  const childrenNotRead: number[] = [];
  for (const child of children) {
    if (child.energyWh === null) {
      childrenNotRead.push(child.meterId);
      continue;
    }
    childrenWh += child.energyWh;
    childrenRead += 1;
  }
  const lossWh = parentWh === null ? null : parentWh - childrenWh;
  return {
    parentWh,
    childrenWh,
    childrenRead,
    childrenNotRead,
    lossWh,
    lossBasisPoints:
      parentWh === null || lossWh === null || parentWh === 0 ? null : basisPoints(lossWh, parentWh),
    complete: parentWh !== null && childrenNotRead.length === 0,
  };
}

/** A level's total: the parents' and children's energy summed over every parent that was read. */
export function levelLoss(losses: readonly LineLoss[]): LineLoss {
  let parentWh = 0;
  let childrenWh = 0;
  let childrenRead = 0;
  const childrenNotRead: number[] = [];
  let parentsRead = 0;
  let complete = true;
  for (const loss of losses) {
    childrenNotRead.push(...loss.childrenNotRead);
    complete &&= loss.complete;
    // A parent that was not read says nothing about its children's loss: leave both out of the total.
    if (loss.parentWh === null) continue;
    parentsRead += 1;
    parentWh += loss.parentWh;
    childrenWh += loss.childrenWh;
    childrenRead += loss.childrenRead;
  }
  const stated = parentsRead > 0 ? parentWh : null;
  const lossWh = stated === null ? null : stated - childrenWh;
  return {
    parentWh: stated,
    childrenWh,
    childrenRead,
    childrenNotRead,
    lossWh,
    lossBasisPoints: stated === null || lossWh === null || stated === 0 ? null : basisPoints(lossWh, stated),
    complete: complete && losses.length > 0,
  };
}

/** Basis points as a percentage with two decimals, for tables: 325 → "3.25", −5 → "-0.05". */
export function formatBasisPoints(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
