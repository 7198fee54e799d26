import type { CardData, CardImage, MeterDataOnCard } from './card-image.ts';
import { cardKinds } from './card-image.ts';

export type CardParse =
  | { readonly ok: true; readonly card: CardImage }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads a card image that arrived as JSON (a virtual card's file, a cashier's reader through the API) and
 * names every problem. The format is documented in docs/card-image.md.
 */
export function parseCardImage(value: unknown): CardParse {
  const problems: string[] = [];
  if (!isObject(value) || value.format !== 'openami-card/1') {
    return { ok: false, problems: ['format must be "openami-card/1"'] };
  }
  if (typeof value.cardId !== 'string' || value.cardId === '') problems.push('cardId must be a string');
  if (!isCount(value.wrongPasswordAttempts)) problems.push('wrongPasswordAttempts must be a count');
  const data = value.data;
  if (!isObject(data) || !cardKinds.includes(data.kind as CardData['kind'])) {
    problems.push(`data.kind must be one of ${cardKinds.join(', ')}`);
    return { ok: false, problems };
  }
  switch (data.kind) {
    case 'customer':
      for (const field of ['meterNo', 'accountNo'] as const) {
        if (typeof data[field] !== 'string') problems.push(`data.${field} must be a string`);
      }
      for (const field of [
        'cardSerial',
        'purchaseCount',
        'purchaseKwh',
        'alarmKwh',
        'creditLimitKwh',
        'hoardingLimitKwh',
        'capacityLimitMode',
      ] as const) {
        if (!isCount(data[field])) problems.push(`data.${field} must be a whole number ≥ 0`);
      }
      if (typeof data.loaded !== 'boolean') problems.push('data.loaded must be true or false');
      if (data.meterData !== null && !isMeterData(data.meterData)) {
        problems.push('data.meterData must be null or the meter data written back');
      }
      break;
    case 'preset':
      if (!isCount(data.presetKwh)) problems.push('data.presetKwh must be a whole number ≥ 0');
      break;
    case 'clear':
      if (typeof data.areaCode !== 'string' || typeof data.meterNo !== 'string') {
        problems.push('data.areaCode and data.meterNo must be strings');
      }
      break;
    case 'check':
    case 'meter_reading':
      if (
        !Array.isArray(data.readings) ||
        !data.readings.every(
          (r: unknown) => isMeterData(r) && typeof (r as { meterNo?: unknown }).meterNo === 'string',
        )
      ) {
        problems.push('data.readings must be a list of meter data with meterNo');
      }
      if (data.issueId !== undefined && !isCount(data.issueId)) {
        problems.push('data.issueId must be a whole number ≥ 0 when present');
      }
      break;
  }
  return problems.length === 0 ? { ok: true, card: value as unknown as CardImage } : { ok: false, problems };
}

function isMeterData(value: unknown): value is MeterDataOnCard {
  return (
    isObject(value) &&
    Number.isSafeInteger(value.remainingKwh) &&
    Number.isSafeInteger(value.totalKwh) &&
    isCount(value.purchaseCount) &&
    isCount(value.statusWord)
  );
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
