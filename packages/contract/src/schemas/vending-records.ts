// What the vending ledger prints and reports: receipts and reprints, the sales report, the cashiers' close.
import { Type } from '@sinclair/typebox';
import { systemActors } from '../lists/audit.ts';
import { reportFormats } from '../lists/reports.ts';
import { ledgerEntryKinds, receiptFormats } from '../lists/vending.ts';
import {
  binary,
  count,
  day,
  id,
  idParams,
  literalUnion,
  mediaTypes,
  nullable,
  ok,
  okMedia,
  whole,
} from './common.ts';

export const receipt = Type.Object({
  entryId: id,
  kind: literalUnion(ledgerEntryKinds),
  invoiceNo: nullable(Type.String()),
  reprint: Type.Boolean({ description: 'printed again (001 FAQ 1)' }),
  at: Type.String({ description: 'site-local date and time' }),
  accountNo: Type.String(),
  customerName: Type.String(),
  address: Type.String(),
  meterNo: Type.String(),
  operatorName: Type.String({ description: "the cashier's display name" }),
  energyWh: whole,
  amountFen: whole,
  amountCapitals: Type.String({ description: 'the amount in Chinese capitals (大写金额), e.g. 伍拾元整' }),
  purchaseCount: nullable(count),
  writeKwh: nullable(Type.Number()),
  explanation: Type.Array(Type.String()),
});

export const salesGroup = Type.Object({
  key: Type.String({ description: "a cashier's sign-in name, an area's code" }),
  name: Type.String({
    description: "a cashier's display name; an area's names along its path (和园小区 / 3号楼 / 1单元)",
  }),
  kind: literalUnion(ledgerEntryKinds),
  entries: count,
  amountFen: whole,
  energyWh: whole,
});

export const cashierSalesGroup = Type.Object({
  ...salesGroup.properties,
  system: nullable(literalUnion(systemActors, { description: 'the station (its charges), not a person' })),
});

export const salesReport = Type.Object({
  from: day,
  to: day,
  byCashier: Type.Array(cashierSalesGroup),
  byArea: Type.Array(salesGroup),
  totals: Type.Array(Type.Omit(salesGroup, ['key', 'name']), { description: 'per kind over the report' }),
});

export const reconciliationReport = Type.Object({
  from: day,
  to: day,
  invoices: Type.Object({
    count,
    first: nullable(Type.String()),
    last: nullable(Type.String()),
    missing: Type.Array(Type.String()),
    voided: Type.Array(nullable(Type.String()), { description: 'invoices of cancelled sales' }),
  }),
  lastInvoiceNumber: Type.Union([count, Type.Null()], {
    description:
      "the last invoice number handed out: the site's for a user of every area, else the highest in the user's areas (null: none there)",
  }),
  cashiers: Type.Array(
    Type.Object({
      cashier: Type.String(),
      salesFen: whole,
      cancelsFen: whole,
      refundsFen: whole,
      netFen: Type.Integer({ description: 'what the cashier should hand in' }),
    }),
  ),
  days: Type.Array(
    Type.Object({
      date: day,
      cashier: Type.String(),
      salesFen: whole,
      cancelsFen: whole,
      refundsFen: whole,
      netFen: Type.Integer({ description: 'the cash to hand in for the day' }),
      adjustments: count,
      adjustmentWh: Type.Integer({
        description: 'adjustment energy registered, signed; no cash moved, so not in netFen',
      }),
      presetCards: count,
      presetKwh: Type.Integer({ minimum: 0, description: 'credit of the preset cards made; no cash moved' }),
    }),
    {
      description:
        'one line a cashier and site-local day: the cash, and apart from it what gave credit without cash (adjustments, preset cards; a user of some areas sees only their own preset cards)',
    },
  ),
});

const htmlReceipt = Type.String({ description: 'a page to print' });
const pdfReceipt = binary('the same page as PDF, Chinese font embedded');

export const vendingRecordsApi = {
  reprint: {
    params: idParams,
    querystring: Type.Object({
      format: literalUnion(receiptFormats, {
        default: 'json',
        description: "json: the receipt's fields; html: a page to print; pdf: the same page as PDF",
      }),
    }),
    response: okMedia("The last sale's receipt, marked as a reprint", {
      [mediaTypes.json]: receipt,
      [mediaTypes.html]: htmlReceipt,
      [mediaTypes.pdf]: pdfReceipt,
    }),
  },
  receiptHtml: {
    params: idParams,
    response: okMedia('A printable receipt', { [mediaTypes.html]: htmlReceipt }),
  },
  receiptPdf: {
    params: idParams,
    response: okMedia('The receipt as PDF', { [mediaTypes.pdf]: pdfReceipt }),
  },
  sales: {
    querystring: Type.Object({
      from: Type.Optional(
        Type.String({
          format: 'date',
          description: "site-local; left out with to: today in the site's time zone (OPENAMI_TIME_ZONE)",
        }),
      ),
      to: Type.Optional(
        Type.String({ format: 'date', description: 'site-local, inclusive; left out: from' }),
      ),
      format: literalUnion(reportFormats, { default: 'json' }),
    }),
    response: okMedia('The sales report, or its sheet', {
      [mediaTypes.json]: salesReport,
      [mediaTypes.xlsx]: binary('The .xlsx workbook'),
      [mediaTypes.csv]: binary('The .csv file, UTF-8'),
    }),
  },
  reconciliation: {
    querystring: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
    response: ok(reconciliationReport),
  },
};
