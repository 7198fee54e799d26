import type { CardImage, MeterDataOnCard } from './card-image.ts';
import { isLocked } from './card-image.ts';
import type { CardMeterState } from './meter-card.ts';
import { clearCardAccepted } from './special-cards.ts';

/** Where the meter is, for the cards that care: its area code and how long since it was powered up. */
export interface MeterSurroundings {
  readonly areaCode: string;
  readonly msSincePowerUp: number;
}

export type SpecialInsertOutcome =
  | 'preset_given'
  | 'cleared'
  | 'read'
  | 'already_read'
  | 'refused_in_use'
  | 'refused_area_or_time'
  | 'locked'
  | 'not_special';

/**
 * A special card inserted into a card meter, from the meter's side (001 §4.1, FAQ 9–10, appendix 1):
 *
 * - preset (预置卡): gives a new meter its preset energy as credit for testing; a meter that already took a
 *   customer card refuses it (the credit is taken back at the first customer card, FAQ 10).
 * - clear (清零卡): only meters of its area, within 2 minutes of power-up, and only its own meter once
 *   assigned (§4.1.1, FAQ 9); purchases, energies and preset credit go to zero; the factory number (and the
 *   running hours, which this model does not keep) stay; the meter then shows E=00.
 * - check (查电卡): reads this meter's data into the card, replacing what it held.
 * - meter-reading (抄表卡): adds this meter's data to the card once per meter; the meter shows how many
 *   meters the card holds (appendix 1, CPH=).
 */
export function insertSpecialCard(
  meter: CardMeterState,
  card: CardImage,
  surroundings: MeterSurroundings,
): { readonly meter: CardMeterState; readonly card: CardImage; readonly outcome: SpecialInsertOutcome } {
  const unchanged = (outcome: SpecialInsertOutcome) => ({ meter, card, outcome });
  if (isLocked(card)) return unchanged('locked');
  const data = card.data;
  const reading: { readonly meterNo: string } & MeterDataOnCard = {
    meterNo: meter.meterNo,
    remainingKwh: meter.remainingKwh,
    totalKwh: meter.totalKwh,
    purchaseCount: meter.purchaseCount,
    statusWord: 0,
  };
  switch (data.kind) {
    case 'preset':
      if (meter.purchaseCount > 0) return unchanged('refused_in_use');
      return {
        meter: { ...meter, remainingKwh: data.presetKwh, presetPendingKwh: data.presetKwh },
        card,
        outcome: 'preset_given',
      };
    case 'clear':
      if (!clearCardAccepted(data, { meterNo: meter.meterNo, ...surroundings })) {
        return unchanged('refused_area_or_time');
      }
      return {
        meter: { ...meter, purchaseCount: 0, remainingKwh: 0, totalKwh: 0, presetPendingKwh: 0 },
        card,
        outcome: 'cleared',
      };
    case 'check':
      return { meter, card: { ...card, data: { ...data, readings: [reading] } }, outcome: 'read' };
    case 'meter_reading':
      if (data.readings.some((r) => r.meterNo === meter.meterNo)) return unchanged('already_read');
      return {
        meter,
        card: { ...card, data: { ...data, readings: [...data.readings, reading] } },
        outcome: 'read',
      };
    default:
      return unchanged('not_special');
  }
}
