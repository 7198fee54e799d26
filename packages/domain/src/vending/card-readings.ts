import type { CardImage, MeterReadingOnCard } from './card-image.ts';
import { type Ruled, refuse } from './refusal.ts';

/**
 * What a check card (查电卡) or a meter-reading card (抄表卡) brings back from the field (001 §4.1.2: "供电部门
 * 在会计月底时实时抄表用"; appendix 1 CPH=): each meter's data as the meter wrote it, meter-side whole kWh.
 * Any other card carries no readings.
 */
export function readingsOnCard(card: CardImage): Ruled<{
  readonly kind: 'check' | 'meter_reading';
  readonly readings: readonly MeterReadingOnCard[];
  readonly issueId: number | null;
}> {
  const data = card.data;
  if (data.kind !== 'check' && data.kind !== 'meter_reading')
    return refuse('card_not_reading', { kind: data.kind });
  return { ok: true, kind: data.kind, readings: data.readings, issueId: data.issueId ?? null };
}

/**
 * Who a reading on a card is: the card, its issue, the meter and every figure read. The same card read back
 * again gives the same keys, so its readings are stored once however often it is read; a card read afresh
 * (a check card inserted again, a reading card issued again) gives new ones.
 */
export function cardReadingKey(
  card: Pick<CardImage, 'cardId'>,
  issueId: number | null,
  reading: MeterReadingOnCard,
): string {
  return JSON.stringify([
    card.cardId,
    issueId,
    reading.meterNo,
    reading.remainingKwh,
    reading.totalKwh,
    reading.purchaseCount,
    reading.statusWord,
  ]);
}

/**
 * A card's reading as register values: the meter's total energy is its active import register and its
 * remaining energy the prepaid balance, both meter-side (like every register the head-end stores), in Wh.
 */
export function cardReadingRegisters(reading: MeterReadingOnCard): {
  readonly activeImportWh: number;
  readonly remainingEnergyWh: number;
  readonly statusWord: number;
} {
  return {
    activeImportWh: reading.totalKwh * 1000,
    remainingEnergyWh: reading.remainingKwh * 1000,
    statusWord: reading.statusWord,
  };
}
