// Vending's closed lists: ledger entries, cards (kept by the domain), how a sale is asked for, and what
// becomes of readings a card brings back.
export {
  type CardKind,
  cardKinds,
  type LedgerEntryKind,
  ledgerEntryKinds,
  periodNames,
  type SpecialCardKind,
  specialCardKinds,
  tierCycles,
} from '@openami/domain';

/** The virtual card's image format (docs/card-image.md). */
export const cardImageFormat = 'openami-card/1';

/** 001 §3.3.1: the cashier enters the energy or the money. */
export const purchaseBases = ['energy', 'money'] as const;
export type PurchaseBasis = (typeof purchaseBases)[number];

/** What the tariff of a price type is (docs/vending.md). */
export const tariffKinds = ['flat', 'tiered', 'time_of_use', 'tiered_time_of_use'] as const;
export type TariffKind = (typeof tariffKinds)[number];

/** What a remote account's balance asks of its relay after a movement. */
export const relayActions = ['none', 'warn', 'trip', 'close'] as const;
export type RelayAction = (typeof relayActions)[number];

/** What became of a local fee-control sale's top-up: handed to the collector, or not. */
export const deliveryStates = ['sent', 'not-sent'] as const;

/** What became of one meter's reading off a check or meter-reading card. */
export const readbackOutcomes = ['stored', 'already_stored', 'refused'] as const;
export type ReadbackOutcome = (typeof readbackOutcomes)[number];

/** A receipt as its fields, a page to print, or the same page as PDF. */
export const receiptFormats = ['json', 'html', 'pdf'] as const;
