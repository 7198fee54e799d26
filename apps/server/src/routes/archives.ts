import { archivesApi } from '@openami/contract/schemas';
import type { FastifyReply } from 'fastify';
import { type ServiceContext, serviceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { mebibytes } from '../http/limits.ts';
import type { ContractTypeProvider } from '../http/type-provider.ts';
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
  TableLimitError,
  type TableLimits,
  writeTable,
} from '../sheets/table-file.ts';
import type { RouteDeps } from './route-deps.ts';

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

async function uploadedTable(
  format: TableFormat,
  body: unknown,
  limits: TableLimits,
): Promise<{ table: Table; bytes: Buffer }> {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('IMPORT_FORMAT', { reason: 'the request has no file' });
  try {
    return { table: await readTable(format, body, limits), bytes: body };
  } catch (error) {
    if (error instanceof TableFormatError) throw new AppError('IMPORT_FORMAT', { reason: error.message });
    if (error instanceof TableLimitError) {
      throw error.limit === 'rows'
        ? new AppError('IMPORT_TOO_MANY_ROWS', { limit: limits.rows })
        : new AppError('IMPORT_TOO_LARGE', { limitMiB: mebibytes(limits.unpackedBytes) });
    }
    throw error;
  }
}

async function areaPathOf(context: ServiceContext, areaId: number | undefined): Promise<string | undefined> {
  return areaId === undefined ? undefined : (await areaInScope(context, areaId)).path;
}

export async function archiveRoutes({ app, services, settings }: RouteDeps): Promise<void> {
  for (const kind of ['meters', 'customers'] as const) {
    app.get(
      `/api/${kind}/import-template`,
      {
        config: { access: 'archive.export' },
        schema: { tags, summary: `A ${kind} import template (.xlsx or .csv)`, ...archivesApi.template },
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
        ...archivesApi.exportMeters,
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
        ...archivesApi.exportCustomers,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const areaPath = await areaPathOf(context, request.query.areaId);
      const table = await customerTable(context, areaPath === undefined ? {} : { areaPath });
      return sendTable(reply, request.query.format, table, 'customers');
    },
  );

  // The import routes alone take files, in a scope of their own: every other route (the public sign-in
  // among them) refuses a file's content type, and its body stops at the app's small limit.
  const { uploadBytes, unpackedBytes, rows } = settings.limits;
  const tableLimits: TableLimits = { unpackedBytes, rows };
  await app.register(async (scope) => {
    const uploads = scope.withTypeProvider<ContractTypeProvider>();
    // Uploads arrive as the raw file: no multipart parsing, and the same bytes are hashed into the audit log.
    uploads.addContentTypeParser(
      [contentTypes.xlsx, 'text/csv', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: uploadBytes },
      (_request, body, done) => done(null, body),
    );

    uploads.post(
      '/api/meters/import',
      {
        config: { access: 'meter.stockIn' },
        bodyLimit: uploadBytes,
        schema: {
          tags,
          summary:
            'Import (stock in or correct) meters from .xlsx or .csv; all rows or none unless goodRowsOnly',
          ...archivesApi.importMeters,
        },
      },
      async (request) => {
        const { table, bytes } = await uploadedTable(request.query.format, request.body, tableLimits);
        return importMeters(serviceContext(request, services), table, {
          goodRowsOnly: request.query.goodRowsOnly,
          fileBytes: bytes,
        });
      },
    );

    uploads.post(
      '/api/customers/import',
      {
        config: { access: 'customer.write' },
        bodyLimit: uploadBytes,
        schema: {
          tags,
          summary: 'Import customers from .xlsx or .csv; all rows or none unless goodRowsOnly',
          ...archivesApi.importCustomers,
        },
      },
      async (request) => {
        const { table, bytes } = await uploadedTable(request.query.format, request.body, tableLimits);
        return importCustomers(serviceContext(request, services), table, {
          goodRowsOnly: request.query.goodRowsOnly,
          fileBytes: bytes,
        });
      },
    );
  });
}
