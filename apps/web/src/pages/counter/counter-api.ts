/**
 * What the vending API sends and accepts, as the counter page reads it (docs/vending.md, API). Written from
 * the API, not imported from the server, like `api/types.ts`; kept beside the page that alone uses it.
 */
import type { CardImage, CustomerCardData } from './card-image.ts';

export const prepaidModes = ['card', 'remote', 'local'] as const;
export type PrepaidMode = (typeof prepaidModes)[number];

/** One hit of `GET /api/vending/accounts?q=`. */
export interface AccountMatch {
  readonly id: number;
  readonly accountNo: string;
  readonly state: string;
  readonly prepaidMode: PrepaidMode;
  readonly meterId: number;
  readonly factoryNo: string;
  readonly customerId: number;
  readonly customerCode: string;
  readonly customerName: string;
  /** Room (门牌); absent from servers before the look-up learnt it. */
  readonly unit?: string;
  readonly address: string;
}

export const entryKinds = ['sale', 'cancel', 'refund', 'adjustment', 'charge'] as const;
export type EntryKind = (typeof entryKinds)[number];

/** A ledger entry as `presentEntry` shows it. */
export interface LedgerEntry {
  readonly id: number;
  readonly accountId: number;
  readonly meterId: number;
  readonly kind: EntryKind;
  readonly amountFen: number;
  readonly energyWh: number;
  readonly adjustmentWh: number;
  readonly purchaseCount: number | null;
  readonly writeKwh: number | null;
  readonly refersToId: number | null;
  readonly invoiceNo: string | null;
  readonly requestId: string;
  readonly createdAt: number;
  readonly details: {
    readonly by?: 'energy' | 'money';
    readonly offeredFen?: number | null;
    readonly reason?: string;
    readonly card?: CustomerCardData | null;
    readonly explanation?: Readonly<Record<string, readonly string[]>>;
  };
}

/** `GET /api/vending/accounts/:id`. */
export interface VendingSummary {
  readonly accountId: number;
  readonly accountNo: string;
  readonly state: string;
  readonly prepaidMode: PrepaidMode;
  readonly customer: { readonly id: number; readonly name: string; readonly address: string };
  readonly meter: {
    readonly id: number;
    readonly factoryNo: string;
    readonly multiplier: number;
    readonly cardStandard: string;
  };
  readonly balance: {
    readonly balanceFen: number;
    readonly netPaidFen: number;
    readonly consumedFen: number;
    readonly consumedWh: number;
    readonly netEnergyWh: number;
    readonly pendingAdjustmentWh: number;
    readonly purchaseCount: number;
    readonly entries: number;
  };
  readonly card: { readonly cardSerial: number; readonly presetKwh: number };
  readonly tariff: { readonly kind: string; readonly tierCycle: string | null; readonly cycleUsedWh: number };
  readonly lastSale: LedgerEntry | null;
}

export type Purchase =
  | { readonly by: 'energy'; readonly energyWh: number }
  | { readonly by: 'money'; readonly amountFen: number };

/** `GET /api/vending/accounts/:id/quote`. */
export interface Quote {
  readonly by: 'energy' | 'money';
  readonly energyWh: number;
  readonly amountFen: number;
  readonly changeFen: number;
  readonly explanation: readonly string[];
  readonly tariffKind: string;
  readonly card: {
    readonly writeKwh: number;
    readonly adjustmentAppliedWh: number;
    readonly presetDeductedKwh: number;
  } | null;
}

/** A command the collector sent to a meter, as the store keeps it. */
export interface SentCommand {
  readonly id: number;
  readonly kind: string;
  readonly state: 'pending' | 'sending' | 'confirmed' | 'failed';
  readonly reason: string | null;
  readonly reasonCode?: string | null;
  readonly reasonParams?: Readonly<Record<string, unknown>> | null;
  readonly requestId: string;
}

/** What became of a local sale's top-up. */
export type Delivery =
  | { readonly state: 'sent'; readonly command: SentCommand }
  | {
      readonly state: 'not-sent';
      readonly reason: string;
      readonly reasonCode?: string | null;
      readonly reasonParams?: Readonly<Record<string, unknown>> | null;
    };

/** `POST /api/vending/accounts/:id/sales`. */
export interface SaleResult extends LedgerEntry {
  readonly replayed: boolean;
  readonly remote: { readonly balanceFen: number; readonly action: string } | null;
  readonly command?: SentCommand;
  readonly delivery?: Delivery;
}

/** The sale as the counter shows it after the fact: the answer, and the card the cashier had read. */
export interface SoldSale {
  readonly result: SaleResult;
  readonly cardRead: CardImage | undefined;
}

export function quoteQuery(purchase: Purchase) {
  return purchase.by === 'energy'
    ? { by: 'energy', energyWh: purchase.energyWh }
    : { by: 'money', amountFen: purchase.amountFen };
}

/** `POST /api/vending/accounts/:id/locked-card-transfer` (001 FAQ 12). */
export interface LockedCardTransfer {
  readonly id: number;
  readonly replayed: boolean;
  readonly accountId: number;
  /** The locked card, void from now on. */
  readonly voidCardId: string;
  readonly newCardId: string;
  readonly newCardSerial: number;
  readonly purchaseCount: number;
  /** Energy the new card brings the meter that it had not taken (0: the new card sells on at once). */
  readonly undeliveredKwh: number;
  /** Where the locked card disagreed with the ledger (the ledger's figures were used). */
  readonly discrepancies: readonly string[];
  readonly reason: string;
  /** The whole image to write on the new card. */
  readonly card: CardImage & { readonly data: CustomerCardData };
}

export const specialCardKinds = ['preset', 'clear', 'check', 'meter_reading'] as const;
export type SpecialCardKind = (typeof specialCardKinds)[number];

/** `POST /api/vending/special-cards` (制作专用卡, 001 §4.1). */
export interface SpecialCardMade {
  readonly id: number;
  readonly replayed: boolean;
  readonly kind: SpecialCardKind;
  /** The image to write on the card read. */
  readonly card: CardImage;
  readonly presetKwh: number | null;
  readonly areaCode: string | null;
  readonly meterNo: string | null;
  /** The open account of the clear card's meter, when it has one. */
  readonly account: { readonly id: number; readonly accountNo: string } | null;
}

export const readbackOutcomes = ['stored', 'already_stored', 'refused'] as const;
export type ReadbackOutcome = (typeof readbackOutcomes)[number];

/** One meter's reading off a check or meter-reading card, as it was read, and what became of it. */
export interface ReadbackReading {
  readonly meterNo: string;
  readonly remainingKwh: number;
  readonly totalKwh: number;
  readonly purchaseCount: number;
  readonly statusWord: number;
  readonly outcome: ReadbackOutcome;
  readonly meterId: number | null;
  readonly accountNo: string | null;
  readonly customerName: string | null;
  /** When the reading is stored as read (the moment the card was first read back). */
  readonly readAt: number | null;
  readonly storedBy: string | null;
  /** Validation flags of the stored reading (`register-backwards`, …). */
  readonly flags: string | null;
  /** Why it was not stored, in the user's language. */
  readonly problem: { readonly code: string; readonly message: string } | null;
}

/** `POST /api/vending/card-readings`. */
export interface CardReadback {
  readonly cardId: string;
  readonly kind: 'check' | 'meter_reading';
  readonly issueId: number | null;
  readonly stored: number;
  readonly alreadyStored: number;
  readonly refused: number;
  readonly readings: readonly ReadbackReading[];
}
