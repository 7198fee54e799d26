import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { serviceContext } from '../context.ts';
import { literalUnion } from '../http/schemas.ts';
import { energyReport } from '../services/reports/energy.ts';
import { lineLossReport } from '../services/reports/line-loss.ts';
import { granularities } from '../services/reports/periods.ts';
import { energyReportTable, lineLossTable } from '../services/reports/tables.ts';
import { contentTypes, type Table, writeTable } from '../sheets/table-file.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['reports'];
const format = literalUnion(['json', 'xlsx', 'csv'] as const, {
  default: 'json',
  description: 'json: the figures in Wh; xlsx or csv: one sheet in kWh, headers in the Accept-Language',
});
const range = {
  from: Type.String({ format: 'date', description: 'First site-local day, inclusive' }),
  to: Type.String({ format: 'date', description: 'Last site-local day, inclusive' }),
  areaId: Type.Optional(Type.Integer({ minimum: 1 })),
  format,
};

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
        querystring: Type.Object({
          ...range,
          granularity: literalUnion(granularities, { default: 'day' }),
          groupBy: literalUnion(['area', 'meter'] as const, { default: 'area' }),
          meterId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const { format: kind, ...query } = request.query;
      const report = await energyReport(context, query);
      if (kind === 'json') return report;
      const name = `energy-${report.granularity}-${report.from}-${report.to}`;
      return sendTable(reply, kind, 'energy', name, energyReportTable(report, context.locale));
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
        querystring: Type.Object({
          ...range,
          period: literalUnion(['day', 'month'] as const, { default: 'day' }),
        }),
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const { format: kind, ...query } = request.query;
      const report = await lineLossReport(context, query);
      if (kind === 'json') return report;
      const name = `line-loss-${report.period}-${report.from}-${report.to}`;
      return sendTable(reply, kind, 'line-loss', name, lineLossTable(report, context.locale));
    },
  );
}
