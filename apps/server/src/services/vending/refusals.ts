import {
  type CardImage,
  parseCardImage,
  type VendingRefusal,
  type VendingRefusalCode,
} from '@openami/domain';
import { AppError, type ErrorCode } from '../../errors.ts';

/** Each rule's refusal (domain `refusal.ts`) has its own error code, so a cashier reads the rule in words. */
const refusalErrors: Readonly<Record<VendingRefusalCode, ErrorCode>> = {
  card_wrong_meter: 'CARD_WRONG_METER',
  card_replaced: 'CARD_REPLACED',
  blank_card_account_has_card: 'BLANK_CARD_ACCOUNT_HAS_CARD',
  blank_card_after_meter_replacement: 'BLANK_CARD_AFTER_METER_REPLACEMENT',
  card_not_loaded: 'CARD_NOT_LOADED',
  card_count_mismatch: 'CARD_COUNT_MISMATCH',
  card_locked: 'CARD_LOCKED',
  card_not_customer: 'CARD_NOT_CUSTOMER',
  card_not_locked: 'CARD_NOT_LOCKED',
  card_wrong_account: 'CARD_WRONG_ACCOUNT',
  new_card_not_blank: 'NEW_CARD_NOT_BLANK',
  new_card_same: 'NEW_CARD_SAME',
  card_void: 'CARD_VOID',
  card_unwritable: 'CARD_UNWRITABLE',
  card_in_use: 'CARD_IN_USE',
  card_not_reading: 'CARD_NOT_READING',
  meter_not_in_area: 'METER_NOT_IN_AREA',
  write_energy_not_whole: 'WRITE_ENERGY_NOT_WHOLE',
  write_energy_not_positive: 'WRITE_ENERGY_NOT_POSITIVE',
  below_minimum_write: 'BELOW_MINIMUM_WRITE',
  first_purchase_not_above_preset: 'FIRST_PURCHASE_NOT_ABOVE_PRESET',
  hoarding_limit: 'HOARDING_LIMIT',
  money_buys_nothing: 'MONEY_BUYS_NOTHING',
  cancel_not_last_sale: 'CANCEL_NOT_LAST_SALE',
  cancel_card_loaded: 'CANCEL_CARD_LOADED',
  cancel_after_refund: 'CANCEL_AFTER_REFUND',
  refund_exceeds_balance: 'REFUND_EXCEEDS_BALANCE',
};

export function refusalError(refusal: VendingRefusal): AppError {
  return new AppError(refusalErrors[refusal.code], { rule: refusal.code, ...refusal.details });
}

/** The card image the cashier's reader sent, checked; a card sale or cancel cannot go on without it. */
export function requireCard(value: unknown): CardImage {
  if (value === undefined || value === null) throw new AppError('CARD_REQUIRED');
  const parsed = parseCardImage(value);
  if (!parsed.ok) throw new AppError('BAD_CARD', { problems: parsed.problems.join('; ') });
  return parsed.card;
}
