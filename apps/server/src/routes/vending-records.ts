import { Type } from '@sinclair/typebox';
import { contentTypes, writeTable } from '../archives/table-file.ts';
import { serviceContext } from '../http/context.ts';
import { idParams, literalUnion } from '../http/schemas.ts';
import { receipt, receiptHtml, reprintLastSale } from '../services/vending/receipts.ts';
import { reconciliation } from '../services/vending/reconciliation.ts';
import { salesReport, salesReportTable } from '../services/vending/reports.ts';
import type { RouteDeps } from './index.ts';

const tags = ['vending'];

/** What the vending ledger prints and reports: receipts, reprints, the sales report. */
export async function vendingRecordRoutes({ app, services }: RouteDeps): Promise<void> {
  app.post(
    '/api/vending/accounts/:id/reprint',
    {
      config: { access: 'vending.sell' },
      schema: {
        tags,
        summary: "Reprint the last sale's receipt, with its own invoice number (001 FAQ 1)",
        params: idParams,
      },
    },
    async (request) => reprintLastSale(serviceContext(request, services), request.params.id),
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
