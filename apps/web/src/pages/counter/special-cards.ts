/**
 * The counter's special cards (制作专用卡, 001 §4.1) and the readings they bring back, outside the components:
 * what the form sends, whether the card in the reader can take a special card, what a card shows, and the
 * readings a check or meter-reading card carries. The server decides in full; this tells the cashier early.
 */
import type { MeterReadingOnCard, SpecialCardKind } from '@openami/contract';
import { type CardImage, isLocked } from './card-image.ts';

/** The special-card form as the cashier fills it. */
export interface SpecialCardValues {
  readonly kind: SpecialCardKind;
  readonly presetKwh?: number;
  /** The clear card's area, picked from the area tree. */
  readonly areaId?: number;
  readonly meterNo?: string;
  readonly reason?: string;
}

/** `POST /api/vending/special-cards`: only the fields of the kind chosen. */
export function specialCardBody(
  values: SpecialCardValues,
  areaCodeOf: (areaId: number) => string | undefined,
  card: CardImage,
  requestId: string,
) {
  const reason = values.reason?.trim() ?? '';
  const common = { requestId, kind: values.kind, card, ...(reason === '' ? {} : { reason }) };
  switch (values.kind) {
    case 'preset':
      return { ...common, presetKwh: values.presetKwh ?? 0 };
    case 'clear': {
      const meterNo = values.meterNo?.trim() ?? '';
      const areaCode = values.areaId === undefined ? undefined : areaCodeOf(values.areaId);
      return { ...common, areaCode: areaCode ?? '', ...(meterNo === '' ? {} : { meterNo }) };
    }
    case 'check':
    case 'meter_reading':
      return common;
  }
}

/** Why the card in the reader cannot become a special card, as far as the browser can tell. */
export type WritableProblem = 'noCard' | 'locked';

export function writableProblem(card: CardImage | undefined): WritableProblem | undefined {
  if (card === undefined) return 'noCard';
  return isLocked(card) ? 'locked' : undefined;
}

/** One meter's data on a check or meter-reading card (docs/card-image.md), meter-side kWh. */
export type CarriedReading = MeterReadingOnCard;

function isCarried(value: unknown): value is CarriedReading {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.meterNo === 'string' &&
    ['remainingKwh', 'totalKwh', 'purchaseCount', 'statusWord'].every((f) => typeof r[f] === 'number')
  );
}

/** The readings a check or meter-reading card carries; undefined for any other card. */
export function readingsCarried(card: CardImage | undefined): readonly CarriedReading[] | undefined {
  if (card === undefined || (card.data.kind !== 'check' && card.data.kind !== 'meter_reading'))
    return undefined;
  const readings = card.data.readings;
  return Array.isArray(readings) ? readings.filter(isCarried) : [];
}

/** What a special card holds, for the reader and the card to write: preset energy, area and meter, readings. */
export type SpecialFacts =
  | { readonly kind: 'preset'; readonly presetKwh: number }
  | { readonly kind: 'clear'; readonly areaCode: string; readonly meterNo: string }
  | { readonly kind: 'check' | 'meter_reading'; readonly readings: number };

export function specialFacts(card: CardImage | undefined): SpecialFacts | undefined {
  const data = card?.data;
  switch (data?.kind) {
    case 'preset':
      return { kind: 'preset', presetKwh: Number(data.presetKwh ?? 0) };
    case 'clear':
      return { kind: 'clear', areaCode: String(data.areaCode ?? ''), meterNo: String(data.meterNo ?? '') };
    case 'check':
    case 'meter_reading':
      return { kind: data.kind, readings: readingsCarried(card)?.length ?? 0 };
    default:
      return undefined;
  }
}
