import { localDate, nextDate, startOfLocalDay } from '@openami/domain';
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
 * A cashier's day at the counter: the cash lines (what goes in and out of the drawer) and, apart from them,
 * what moved no cash but gave the customer something: adjustment energy (找补电量) registered, and preset
 * cards made (their credit reaches a new meter without a sale). Kept apart so the cash still matches the
 * drawer while finance sees every give-away beside it.
 */
export interface CashierDay {
  readonly date: string;
  readonly cashier: string;
  readonly salesFen: number;
  readonly cancelsFen: number;
  readonly refundsFen: number;
  /** The cash to hand in for the day: sales less cancels less refunds. */
  readonly netFen: number;
  readonly adjustments: number;
  /** The adjustment energy registered, signed (+ owed to the customer, − owed back). */
  readonly adjustmentWh: number;
  readonly presetCards: number;
  readonly presetKwh: number;
}

/**
 * Each cashier's days between two site-local dates, one line a cashier and day. Preset cards belong to no
 * area: a user of every area sees everyone's, a user of some areas only the ones they made themselves.
 */
async function cashierDays(context: ServiceContext, fromMs: number, toMs: number): Promise<CashierDay[]> {
  const days = new Map<string, CashierDay>();
  const line = (startMs: number, cashier: string): CashierDay => {
    const date = localDate(startMs, context.timeZone);
    const key = `${date}\u0000${cashier}`;
    const found = days.get(key);
    if (found !== undefined) return found;
    const fresh: CashierDay = {
      date,
      cashier,
      salesFen: 0,
      cancelsFen: 0,
      refundsFen: 0,
      netFen: 0,
      adjustments: 0,
      adjustmentWh: 0,
      presetCards: 0,
      presetKwh: 0,
    };
    days.set(key, fresh);
    return fresh;
  };
  const set = (day: CashierDay, next: CashierDay) => days.set(`${day.date}\u0000${day.cashier}`, next);
  const scope = context.principal.scope;
  for (const group of await context.store.ledger.byOperatorQuarterHour(scope, fromMs, toMs)) {
    const day = line(group.startMs, group.operatorName);
    const cash = group.kind === 'sale' || group.kind === 'cancel' || group.kind === 'refund';
    set(day, {
      ...day,
      salesFen: day.salesFen + (group.kind === 'sale' ? group.amountFen : 0),
      cancelsFen: day.cancelsFen + (group.kind === 'cancel' ? -group.amountFen : 0),
      refundsFen: day.refundsFen + (group.kind === 'refund' ? -group.amountFen : 0),
      netFen: day.netFen + (cash ? group.amountFen : 0),
      adjustments: day.adjustments + (group.kind === 'adjustment' ? group.entries : 0),
      adjustmentWh: day.adjustmentWh + (group.kind === 'adjustment' ? group.adjustmentWh : 0),
    });
  }
  const everyArea = scope.kind === 'all';
  for (const card of await context.store.specialCards.presetsBetween(fromMs, toMs)) {
    if (!everyArea && card.operatorName !== context.principal.username) continue;
    const day = line(Number(card.createdAt), card.operatorName);
    set(day, { ...day, presetCards: day.presetCards + 1, presetKwh: day.presetKwh + (card.presetKwh ?? 0) });
  }
  return [...days.values()].sort((a, b) =>
    a.date === b.date ? a.cashier.localeCompare(b.cashier) : a.date.localeCompare(b.date),
  );
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
    days: await cashierDays(context, fromMs, toMs),
  };
}
