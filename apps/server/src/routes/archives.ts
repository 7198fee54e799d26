import { meterStates } from '@openami/domain';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { type ServiceContext, serviceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { literalUnion } from '../http/schemas.ts';
import { areaInScope } from '../policies/scope.ts';
import { importCustomers } from '../services/archives/customer-import.ts';
import { customerTable, meterTable, templateTable } from '../services/archives/export.ts';
import { importMeters } from '../services/archives/meter-import.ts';
import {
  contentTypes,
  readTable,
  type Table,
  type TableFormat,
  TableFormatError,
  writeTable,
} from '../sheets/table-file.ts';
import type { RouteDeps } from './route-deps.ts';

const formatQuery = { format: literalUnion(['xlsx', 'csv'] as const, { default: 'xlsx' }) };
const importQuery = Type.Object({
  ...formatQuery,
  goodRowsOnly: Type.Boolean({ default: false, description: 'import the good rows even when some are bad' }),
});
/** Upload limit for one archive file; 100 000 meters as .xlsx take about 5 MB. */
const uploadLimit = 64 * 1024 * 1024;
const tags = ['archives'];

async function sendTable(
  reply: FastifyReply,
  format: TableFormat,
  table: Table,
  name: string,
): Promise<FastifyReply> {
  const body = await writeTable(format, table, name);
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(body);
}

async function uploadedTable(format: TableFormat, body: unknown): Promise<{ table: Table; bytes: Buffer }> {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('IMPORT_FORMAT', { reason: 'the request has no file' });
  try {
    return { table: await readTable(format, body), bytes: body };
  } catch (error) {
    if (error instanceof TableFormatError) throw new AppError('IMPORT_FORMAT', { reason: error.message });
    throw error;
  }
}

async function areaPathOf(context: ServiceContext, areaId: number | undefined): Promise<string | undefined> {
  return areaId === undefined ? undefined : (await areaInScope(context, areaId)).path;
}

export async function archiveRoutes({ app, services }: RouteDeps): Promise<void> {
  // Uploads arrive as the raw file: no multipart parsing, and the same bytes are hashed into the audit log.
  app.addContentTypeParser(
    [contentTypes.xlsx, 'text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: uploadLimit },
    (_request, body, done) => done(null, body),
  );

  for (const kind of ['meters', 'customers'] as const) {
    app.get(
      `/api/${kind}/import-template`,
      {
        config: { access: 'archive.export' },
        schema: {
          tags,
          summary: `A ${kind} import template (.xlsx or .csv)`,
          querystring: Type.Object(formatQuery),
        },
      },
      async (request, reply) =>
        sendTable(
          reply,
          request.query.format,
          templateTable(kind, serviceContext(request, services)),
          `${kind}-template`,
        ),
    );
  }

  app.get(
    '/api/meters/export',
    {
      config: { access: 'archive.export' },
      schema: {
        tags,
        summary: 'Export the meter archive of your areas, in the import layout',
        querystring: Type.Object({
          ...formatQuery,
          areaId: Type.Optional(Type.Integer({ minimum: 1 })),
          state: Type.Optional(literalUnion(meterStates)),
        }),
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const { format, areaId, state } = request.query;
      const areaPath = await areaPathOf(context, areaId);
      const table = await meterTable(context, {
        ...(areaPath === undefined ? {} : { areaPath }),
        ...(state === undefined ? {} : { state }),
      });
      return sendTable(reply, format, table, 'meters');
    },
  );

  app.get(
    '/api/customers/export',
    {
      config: { access: 'archive.export' },
      schema: {
        tags,
        summary: 'Export the customers of your areas, in the import layout',
        querystring: Type.Object({ ...formatQuery, areaId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const areaPath = await areaPathOf(context, request.query.areaId);
      const table = await customerTable(context, areaPath === undefined ? {} : { areaPath });
      return sendTable(reply, request.query.format, table, 'customers');
    },
  );

  app.post(
    '/api/meters/import',
    {
      config: { access: 'meter.stockIn' },
      bodyLimit: uploadLimit,
      schema: {
        tags,
        summary:
          'Import (stock in or correct) meters from .xlsx or .csv; all rows or none unless goodRowsOnly',
        querystring: importQuery,
      },
    },
    async (request) => {
      const { table, bytes } = await uploadedTable(request.query.format, request.body);
      return importMeters(serviceContext(request, services), table, {
        goodRowsOnly: request.query.goodRowsOnly,
        fileBytes: bytes,
      });
    },
  );

  app.post(
    '/api/customers/import',
    {
      config: { access: 'customer.write' },
      bodyLimit: uploadLimit,
      schema: {
        tags,
        summary: 'Import customers from .xlsx or .csv; all rows or none unless goodRowsOnly',
        querystring: importQuery,
      },
    },
    async (request) => {
      const { table, bytes } = await uploadedTable(request.query.format, request.body);
      return importCustomers(serviceContext(request, services), table, {
        goodRowsOnly: request.query.goodRowsOnly,
        fileBytes: bytes,
      });
    },
  );
}
