import {
  explainCardEnergy,
  formatKwh,
  formatYuan,
  localTimeOf,
  multiplierOfCardSale,
  rmbCapitals,
} from '@openami/domain';
import type { LedgerEntryRow, Repositories } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError, type Locale } from '../../errors.ts';
import { accountInScope } from '../../policies/scope.ts';
import { recordAudit } from '../audit.ts';
import { presentEntry } from './present.ts';

export interface Receipt {
  readonly entryId: number;
  readonly kind: LedgerEntryRow['kind'];
  readonly invoiceNo: string | null;
  /** True when printed again (001 FAQ 1: a reprint keeps the invoice number). */
  readonly reprint: boolean;
  readonly at: string;
  readonly accountNo: string;
  readonly customerName: string;
  readonly address: string;
  readonly meterNo: string;
  /** The cashier as people know them (their display name), not their sign-in name. */
  readonly operatorName: string;
  readonly energyWh: number;
  readonly amountFen: number;
  /** The amount in Chinese capitals (大写金额), printed beside the figures on every receipt. */
  readonly amountCapitals: string;
  readonly purchaseCount: number | null;
  readonly writeKwh: number | null;
  readonly explanation: readonly string[];
}

async function receiptOf(
  repos: Repositories,
  entry: LedgerEntryRow,
  context: Pick<ServiceContext, 'locale' | 'timeZone'>,
  reprint: boolean,
): Promise<Receipt> {
  const account = await repos.accounts.get(entry.accountId);
  const [customer, meter, operatorName] = await Promise.all([
    account === undefined ? undefined : repos.customers.get(account.customerId),
    repos.meters.get(entry.meterId),
    cashierName(repos, entry),
  ]);
  const { details } = presentEntry(entry);
  const local = localTimeOf(entry.createdAt, context.timeZone);
  const hhmm = `${String(Math.floor(local.minuteOfDay / 60)).padStart(2, '0')}:${String(local.minuteOfDay % 60).padStart(2, '0')}`;
  return {
    entryId: entry.id,
    kind: entry.kind,
    invoiceNo: entry.invoiceNo,
    reprint,
    at: `${local.date} ${hhmm}`,
    accountNo: account?.accountNo ?? '',
    customerName: customer?.name ?? '',
    address: customer?.address ?? '',
    meterNo: meter?.factoryNo ?? '',
    operatorName,
    energyWh: entry.energyWh,
    amountFen: entry.amountFen,
    amountCapitals: rmbCapitals(entry.amountFen),
    purchaseCount: entry.purchaseCount,
    writeKwh: entry.writeKwh,
    explanation: [
      ...(details.explanation?.[context.locale] ?? (details.reason === undefined ? [] : [details.reason])),
      ...cardEnergyLines(entry, details.presetDeductedKwh ?? 0, context.locale),
    ],
  };
}

/**
 * A card sale's way from the energy bought to the energy on the card (adjustment, multiplier, preset), from
 * the entry's own figures, so a receipt of any sale shows it, reprints of older sales too.
 */
function cardEnergyLines(entry: LedgerEntryRow, presetDeductedKwh: number, locale: Locale): string[] {
  if (entry.kind !== 'sale' || entry.writeKwh === null) return [];
  const steps = {
    purchasedWh: entry.energyWh,
    // The sale takes the adjustment it carries off the pending energy: its entry holds it negated.
    adjustmentAppliedWh: -entry.adjustmentWh,
    presetDeductedKwh,
    writeKwh: entry.writeKwh,
  };
  const multiplier = multiplierOfCardSale(steps);
  return multiplier === undefined ? [] : explainCardEnergy({ ...steps, multiplier }, locale);
}

/** The display name of whoever made the entry; the name it was made under when the user is gone. */
async function cashierName(repos: Repositories, entry: LedgerEntryRow): Promise<string> {
  const user = entry.operatorUserId === null ? undefined : await repos.users.get(entry.operatorUserId);
  return user?.displayName || entry.operatorName;
}

async function entryInScope(context: ServiceContext, entryId: number): Promise<LedgerEntryRow> {
  const entry = await context.store.ledger.get(entryId);
  if (entry === undefined) throw new AppError('NOT_FOUND', { entity: 'ledger entry', id: entryId });
  await accountInScope(context, entry.accountId);
  return entry;
}

export async function receipt(context: ServiceContext, entryId: number): Promise<Receipt> {
  return receiptOf(context.store, await entryInScope(context, entryId), context, false);
}

/**
 * 补打发票 (001 FAQ 1): prints the last sale again with the same invoice number ("补打发票并不会增加一个发票编号，
 * 只是把最后一次购电的数据重打一次"). Reprints are audited: a second paper for one payment is worth a trace.
 */
export async function reprintLastSale(context: ServiceContext, accountId: number): Promise<Receipt> {
  await accountInScope(context, accountId);
  return context.store.transaction(async (tx) => {
    const entries = await tx.ledger.entries(accountId);
    const cancelled = new Set(entries.filter((e) => e.kind === 'cancel').map((e) => e.refersToId));
    const last = entries.filter((e) => e.kind === 'sale' && !cancelled.has(e.id)).at(-1);
    if (last === undefined) throw new AppError('NOT_FOUND', { entity: 'sale', accountId });
    await recordAudit(tx, context, 'vending.reprint', 'account', accountId, {
      entryId: last.id,
      invoiceNo: last.invoiceNo,
    });
    return receiptOf(tx, last, context, true);
  });
}

const labels = {
  'zh-CN': {
    title: {
      sale: '售电收据',
      refund: '退费凭证',
      cancel: '撤销凭证',
      adjustment: '找补电量凭证',
      charge: '电费扣减明细',
    },
    reprint: '补打',
    invoice: '票据号',
    at: '时间',
    account: '户号',
    customer: '户名',
    address: '地址',
    meter: '表号',
    energy: '电量',
    amount: '金额',
    capitals: '金额（大写）',
    rmb: '人民币',
    count: '购电次数',
    write: '写卡电量',
    operator: '收费员',
    yuan: '元',
  },
  en: {
    title: {
      sale: 'Sales receipt',
      refund: 'Refund voucher',
      cancel: 'Cancellation',
      adjustment: 'Adjustment',
      charge: 'Charge for use',
    },
    reprint: 'Reprint',
    invoice: 'Invoice no.',
    at: 'Time',
    account: 'Account',
    customer: 'Customer',
    address: 'Address',
    meter: 'Meter',
    energy: 'Energy',
    amount: 'Amount',
    capitals: 'Amount in capitals (大写)',
    rmb: '人民币',
    count: 'Purchase no.',
    write: 'On the card',
    operator: 'Cashier',
    yuan: 'yuan',
  },
} as const;

/** What a receipt says, in order, in one language: the HTML and the PDF print the same lines. */
export interface ReceiptLines {
  readonly title: string;
  readonly rows: readonly (readonly [label: string, value: string])[];
  /** The tariff's line-by-line explanation of the price. */
  readonly explanation: readonly string[];
}

/** The mark a reprint carries beside its title (001 FAQ 1). */
export function reprintMark(locale: Locale): string {
  return ` (${labels[locale].reprint})`;
}

export function receiptLines(receipt: Receipt, locale: Locale): ReceiptLines {
  const l = labels[locale];
  const rows: [string, string][] = [
    [l.invoice, receipt.invoiceNo ?? '—'],
    [l.at, receipt.at],
    [l.account, receipt.accountNo],
    [l.customer, receipt.customerName],
    [l.address, receipt.address],
    [l.meter, receipt.meterNo],
    ...energyRow(receipt, locale),
    [l.amount, `${formatYuan(receipt.amountFen)} ${l.yuan}`],
    capitalsRow(receipt, locale),
  ];
  if (receipt.purchaseCount !== null) rows.push([l.count, String(receipt.purchaseCount)]);
  if (receipt.writeKwh !== null) rows.push([l.write, `${receipt.writeKwh} kWh`]);
  rows.push([l.operator, receipt.operatorName]);
  const title = `${l.title[receipt.kind]}${receipt.reprint ? reprintMark(locale) : ''}`;
  return { title, rows, explanation: receipt.explanation };
}

/**
 * The energy an entry moved. A money top-up (remote or local fee control) moves none: the meter or the
 * station prices use later, so the receipt has no energy line rather than a misleading 0.000 kWh.
 */
function energyRow(receipt: Receipt, locale: Locale): [string, string][] {
  return receipt.energyWh === 0 ? [] : [[labels[locale].energy, `${formatKwh(receipt.energyWh)} kWh`]];
}

/** The amount in capitals, as Chinese receipts print it whatever the reader's language (人民币壹佰元整). */
function capitalsRow(receipt: Receipt, locale: Locale): [string, string] {
  return [labels[locale].capitals, `${labels[locale].rmb}${receipt.amountCapitals}`];
}

/** A receipt as a page to print (A6-ish, one column, no scripts, no external resources). */
export function receiptHtml(receipt: Receipt, locale: Locale): string {
  const { title, rows, explanation } = receiptLines(receipt, locale);
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} ${escapeHtml(receipt.invoiceNo ?? '')}</title>
<style>
body { font-family: sans-serif; width: 100mm; margin: 8mm auto; font-size: 11pt; }
h1 { font-size: 14pt; text-align: center; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: normal; color: #444; width: 35%; }
td, th { padding: 1mm 0; vertical-align: top; }
ol { padding-left: 5mm; font-size: 9pt; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<table>
${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}
</table>
<ol>
${explanation.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}
</ol>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
