import type { CustomerCardData, PricedJson } from '@openami/domain';
import type { LedgerEntryRow } from '@openami/storage';

/** What a sale keeps beside its figures, so that its receipt and its replay say exactly what it said. */
export interface SaleDetails {
  readonly by: 'energy' | 'money';
  /** Money the customer offered, when buying by money. */
  readonly offeredFen: number | null;
  readonly tariffKind: string;
  /** Null for a remote top-up. */
  readonly price: PricedJson | null;
  readonly explanation: Readonly<Record<'zh-CN' | 'en', readonly string[]>>;
  readonly presetDeductedKwh: number;
  /** What to write on the customer's card; null for remote accounts. */
  readonly card: CustomerCardData | null;
}

/** Cancels, refunds and adjustments say why, and what the card should hold afterwards. */
export interface CorrectionDetails {
  readonly reason: string;
  readonly card?: CustomerCardData | null;
}

/** `written`: the details just stored with the row, which need not be parsed back from its text. */
export function presentEntry(row: LedgerEntryRow, written?: Partial<SaleDetails & CorrectionDetails>) {
  const { details, requestFingerprint: _fingerprint, ...fields } = row;
  return { ...fields, details: written ?? (JSON.parse(details) as Partial<SaleDetails & CorrectionDetails>) };
}
export type EntryView = ReturnType<typeof presentEntry>;
