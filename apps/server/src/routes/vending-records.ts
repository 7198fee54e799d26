import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { serviceContext } from '../context.ts';
import type { Locale } from '../errors.ts';
import { idParams, literalUnion } from '../http/schemas.ts';
import { requireReceiptFont } from '../services/vending/receipt-font.ts';
import { receiptPdf } from '../services/vending/receipt-pdf.ts';
import { type Receipt, receipt, receiptHtml, reprintLastSale } from '../services/vending/receipts.ts';
import { reconciliation } from '../services/vending/reconciliation.ts';
import { salesReport, salesReportTable } from '../services/vending/reports.ts';
import { contentTypes, writeTable } from '../sheets/table-file.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['vending'];
const receiptFormat = literalUnion(['json', 'html', 'pdf'] as const, {
  default: 'json',
  description: "json: the receipt's fields; html: a page to print; pdf: the same page as PDF",
});

/** Sends a receipt as its fields, a printable page or a PDF (the same lines in each). */
async function sendReceipt(
  reply: FastifyReply,
  printed: Receipt,
  locale: Locale,
  format: 'json' | 'html' | 'pdf',
) {
  if (format === 'json') return printed;
  if (format === 'html') return reply.type('text/html; charset=utf-8').send(receiptHtml(printed, locale));
  const pdf = await receiptPdf(printed, locale, await requireReceiptFont());
  const name = `receipt-${printed.invoiceNo ?? printed.entryId}${printed.reprint ? '-reprint' : ''}.pdf`;
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
}

/** What the vending ledger prints and reports: receipts, reprints, the sales report. */
export async function vendingRecordRoutes({ app, services }: RouteDeps): Promise<void> {
  app.post(
    '/api/vending/accounts/:id/reprint',
    {
      config: { access: 'vending.sell' },
      schema: {
        tags,
        summary:
          "Reprint the last sale's receipt, marked as a reprint, with its own invoice number (001 FAQ 1)",
        params: idParams,
        querystring: Type.Object({ format: receiptFormat }),
        produces: ['application/json', 'text/html', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const printed = await reprintLastSale(context, request.params.id);
      return sendReceipt(reply, printed, context.locale, request.query.format);
    },
  );
  app.get(
    '/api/vending/entries/:id/receipt',
    {
      config: { access: 'vending.read' },
      schema: {
        tags,
        summary: 'A printable HTML receipt of a ledger entry',
        params: idParams,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const html = receiptHtml(await receipt(context, request.params.id), context.locale);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
  app.get(
    '/api/vending/entries/:id/receipt.pdf',
    {
      config: { access: 'vending.read' },
      schema: {
        tags,
        summary: "The receipt of a ledger entry as PDF: the HTML receipt's lines, Chinese font embedded",
        params: idParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      return sendReceipt(reply, await receipt(context, request.params.id), context.locale, 'pdf');
    },
  );
  app.get(
    '/api/vending/reports/sales',
    {
      config: { access: 'vending.read' },
      schema: {
        tags,
        summary:
          'Sales between two site-local dates (inclusive) by cashier and by area: the daily report, a month',
        querystring: Type.Object({
          from: Type.String({ format: 'date' }),
          to: Type.String({ format: 'date' }),
          format: literalUnion(['json', 'xlsx', 'csv'] as const, { default: 'json' }),
        }),
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const report = await salesReport(context, request.query.from, request.query.to);
      const format = request.query.format;
      if (format === 'json') return report;
      const name = `sales-${report.from}-${report.to}`;
      return reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="${name}.${format}"`)
        .send(await writeTable(format, salesReportTable(report, context.locale), 'sales'));
    },
  );
  app.get(
    '/api/vending/reports/reconciliation',
    {
      config: { access: 'vending.read' },
      schema: {
        tags,
        summary: "Invoices between two site-local dates checked against the ledger, and each cashier's money",
        querystring: Type.Object({
          from: Type.String({ format: 'date' }),
          to: Type.String({ format: 'date' }),
        }),
      },
    },
    async (request) =>
      reconciliation(serviceContext(request, services), request.query.from, request.query.to),
  );
}
