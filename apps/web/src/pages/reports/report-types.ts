// The report pages' number formats: Wh, basis points and days as the pages show them. The report API's
// shapes and lists are `@openami/contract`'s.
import { basisPointsToPercent, whToKwh } from '../../shared/units.ts';

/** A report's energy cell: kWh with three decimals, so a column lines up; empty where nothing was read. */
export function kwh(wh: number | null): string {
  return wh === null ? '' : whToKwh(wh, { minDecimals: 3 });
}

/** A report's percentage cell, from basis points: 315 is `3.15`; empty where there is nothing to compare. */
export function percent(bp: number | null): string {
  return bp === null ? '' : basisPointsToPercent(bp);
}
