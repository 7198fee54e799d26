import { nextDate, startOfLocalDay } from '@openami/domain';
import type { ServiceContext } from '../../context.ts';
import { salesReport } from './reports.ts';

export interface CashierClose {
  readonly cashier: string;
  readonly salesFen: number;
  readonly cancelsFen: number;
  readonly refundsFen: number;
  /** What the cashier should hand in: sales less cancels less refunds. */
  readonly netFen: number;
}

/**
 * Finance's close (对账, issue 6 "reconciliation of ledger against receipts"): the invoices issued between
 * two site-local dates, checked against the ledger: numbers without a ledger entry (`missing`; the counter
 * moves only inside a committed sale, so there should be none), invoices of cancelled sales (`voided`), and
 * per cashier the money to hand in.
 */
export async function reconciliation(context: ServiceContext, from: string, to: string) {
  const report = await salesReport(context, from, to);
  const fromMs = startOfLocalDay(from, context.timeZone);
  const toMs = startOfLocalDay(nextDate(to), context.timeZone);
  const ledger = context.store.ledger;
  const invoices = await ledger.invoicesBetween(context.principal.scope, fromMs, toMs);
  const first = invoices[0]?.invoiceNo ?? null;
  const last = invoices.at(-1)?.invoiceNo ?? null;
  const missing: string[] = [];
  if (first !== null && last !== null) {
    const issued = new Set(await ledger.invoiceNumbersBetween(first, last));
    for (let n = Number(first); n <= Number(last); n += 1) {
      const number = String(n).padStart(first.length, '0');
      if (!issued.has(number)) missing.push(number);
    }
  }
  const sales = invoices.filter((i) => i.kind === 'sale');
  const cancelled = await ledger.cancelledAmong(sales.map((s) => s.id));
  const voided = sales.filter((s) => cancelled.has(s.id)).map((s) => s.invoiceNo);
  const cashiers = new Map<string, CashierClose>();
  for (const group of report.byCashier) {
    const close = cashiers.get(group.key) ?? {
      cashier: group.key,
      salesFen: 0,
      cancelsFen: 0,
      refundsFen: 0,
      netFen: 0,
    };
    cashiers.set(group.key, {
      ...close,
      salesFen: close.salesFen + (group.kind === 'sale' ? group.amountFen : 0),
      cancelsFen: close.cancelsFen + (group.kind === 'cancel' ? -group.amountFen : 0),
      refundsFen: close.refundsFen + (group.kind === 'refund' ? -group.amountFen : 0),
      netFen: close.netFen + (group.kind === 'charge' || group.kind === 'adjustment' ? 0 : group.amountFen),
    });
  }
  return {
    from,
    to,
    invoices: { count: invoices.length, first, last, missing, voided },
    // The site's counter only for whoever sees the whole site; a user of some areas sees their areas' last.
    lastInvoiceNumber: await ledger.lastInvoiceNumberIn(context.principal.scope),
    cashiers: [...cashiers.values()],
  };
}
