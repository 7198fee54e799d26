import { reportsApi } from '@openami/contract/schemas';
import type { FastifyReply } from 'fastify';
import { serviceContext } from '../context.ts';
import { energyReport } from '../services/reports/energy.ts';
import { lineLossReport } from '../services/reports/line-loss.ts';
import { energyReportTable, lineLossTable } from '../services/reports/tables.ts';
import { contentTypes, type Table, writeTable } from '../sheets/table-file.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['reports'];
async function sendTable(
  reply: FastifyReply,
  kind: 'csv' | 'xlsx',
  sheet: string,
  name: string,
  table: Table,
) {
  return reply
    .header('content-type', contentTypes[kind])
    .header('content-disposition', `attachment; filename="${name}.${kind}"`)
    .send(await writeTable(kind, table, sheet));
}

/**
 * Energy and line-loss reports (DOMAIN.md §3). Sales reports are the vending ledger's
 * (`/api/vending/reports/sales`). Anyone who may read meters may read their energy; the areas are the
 * caller's.
 */
export async function reportRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/reports/energy',
    {
      config: { access: 'meter.read' },
      schema: {
        tags,
        summary:
          'Energy per hour, day, month or year between two site-local days, per area or per meter, in Wh',
        ...reportsApi.energy,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const { format: kind, ...query } = request.query;
      const report = await energyReport(context, query);
      if (kind === 'json') return report;
      const name = `energy-${report.granularity}-${report.from}-${report.to}`;
      return sendTable(
        reply,
        kind,
        'energy',
        name,
        energyReportTable(report, context.locale, context.timeZone),
      );
    },
  );

  app.get(
    '/api/reports/line-loss',
    {
      config: { access: 'meter.read' },
      schema: {
        tags,
        summary:
          'Line loss per level of the meter hierarchy, per day or month: parent, children sum, loss in Wh and basis points',
        ...reportsApi.lineLoss,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const { format: kind, ...query } = request.query;
      const report = await lineLossReport(context, query);
      if (kind === 'json') return report;
      const name = `line-loss-${report.period}-${report.from}-${report.to}`;
      return sendTable(
        reply,
        kind,
        'line-loss',
        name,
        lineLossTable(report, context.locale, context.timeZone),
      );
    },
  );
}
