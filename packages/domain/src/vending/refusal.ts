/**
 * Why a vending rule says no. Each code names one rule of 001 (or of the ledger); the API maps codes to its
 * error table and the cashier reads the reason in words. `details` carries the figures the message needs.
 */
export const vendingRefusalCodes = [
  'card_wrong_meter',
  'card_replaced',
  'blank_card_account_has_card',
  'blank_card_after_meter_replacement',
  'card_not_loaded',
  'card_count_mismatch',
  'card_locked',
  'card_not_customer',
  'card_not_locked',
  'card_wrong_account',
  'new_card_not_blank',
  'new_card_same',
  'card_void',
  'card_unwritable',
  'card_in_use',
  'card_not_reading',
  'meter_not_in_area',
  'write_energy_not_whole',
  'write_energy_not_positive',
  'below_minimum_write',
  'first_purchase_not_above_preset',
  'hoarding_limit',
  'money_buys_nothing',
  'cancel_not_last_sale',
  'cancel_card_loaded',
  'cancel_after_refund',
  'refund_exceeds_balance',
] as const;
export type VendingRefusalCode = (typeof vendingRefusalCodes)[number];

export interface VendingRefusal {
  readonly code: VendingRefusalCode;
  readonly details: Readonly<Record<string, string | number>>;
}

export type Ruled<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly refusal: VendingRefusal };

export function refuse(code: VendingRefusalCode, details: VendingRefusal['details'] = {}) {
  return { ok: false as const, refusal: { code, details } };
}
