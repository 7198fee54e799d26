import type { ClearCardData, PresetCardData } from './card-image.ts';

/**
 * The meter-side rules of the special cards (001 §4.1, FAQ 9 and 10), for the simulator, the virtual card and
 * anyone checking a field report. The platform issues these cards; the meter decides whether to take them.
 */

/** 001 FAQ 9: a clear card works only within 2 minutes of power-up ("上电的2分钟内"). */
export const clearCardWindowMs = 2 * 60 * 1000;

/**
 * 001 §4.1.1 and FAQ 9: a clear card clears only meters of its own area ("跨区域也无效"), within two minutes
 * of power-up; an unassigned card clears any new meter of the area, an assigned one only its own meter.
 * Clearing keeps the running hours and the factory number and leaves the meter showing E=00.
 */
export function clearCardAccepted(
  card: ClearCardData,
  meter: { readonly meterNo: string; readonly areaCode: string; readonly msSincePowerUp: number },
): boolean {
  if (card.areaCode !== meter.areaCode) return false;
  if (meter.msSincePowerUp > clearCardWindowMs) return false;
  return card.meterNo === '' || card.meterNo === meter.meterNo;
}

/**
 * 001 §4.1.3 and FAQ 10: the preset card is generic: it gives any meter its preset energy as credit, so the
 * installer can power it up; the customer's first card takes it back (see `applyPresetEnergy`).
 */
export function presetCredit(card: PresetCardData): { readonly creditKwh: number } {
  return { creditKwh: card.presetKwh };
}
