import { meterStates } from '@openami/domain';
import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { idParams, literalUnion, pageQuery } from '../http/schemas.ts';
import { meterInScope } from '../policies/scope.ts';
import { meterAccount } from '../services/meter-account.ts';
import { deleteMeter, searchMeters, stockIn, stockInBatch, updateMeter } from '../services/meters.ts';
import type { RouteDeps } from './route-deps.ts';

const ratio = Type.Integer({ minimum: 1, maximum: 1_000_000 });
/** The meter's DL/T 645 address: 12 decimal digits (DL/T 645-2007 §4.1, A0..A5 as BCD). */
const commAddress = Type.String({ pattern: '^[0-9]{12}$' });
const stockInBody = Type.Object({
  factoryNo: Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S+$' }),
  commAddress,
  meterTypeId: Type.Integer({ minimum: 1 }),
  startingReadingWh: Type.Integer({ minimum: 0, default: 0 }),
  areaId: Type.Integer({ minimum: 1 }),
  terminalPortId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  parentMeterId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  ptPrimary: Type.Optional(ratio),
  ptSecondary: Type.Optional(ratio),
  ctPrimary: Type.Optional(ratio),
  ctSecondary: Type.Optional(ratio),
});
const updateBody = Type.Partial(
  Type.Object({
    ...Type.Omit(stockInBody, ['factoryNo', 'meterTypeId']).properties,
    state: literalUnion(meterStates),
  }),
);
const tags = ['meters'];

export async function meterRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/meters',
    {
      config: { access: 'meter.read' },
      schema: {
        tags,
        summary: 'Search meters by factory number, address, customer, area and state (prefix matches)',
        querystring: pageQuery(
          ['id', 'factoryNo', 'commAddress', 'state', 'stockedInAt', 'updatedAt'] as const,
          {
            factoryNo: Type.Optional(Type.String({ maxLength: 64 })),
            commAddress: Type.Optional(Type.String({ maxLength: 12 })),
            customer: Type.Optional(Type.String({ maxLength: 200 })),
            areaId: Type.Optional(Type.Integer({ minimum: 1 })),
            state: Type.Optional(literalUnion(meterStates)),
            meterTypeId: Type.Optional(Type.Integer({ minimum: 1 })),
          },
        ),
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return searchMeters(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );

  app.get(
    '/api/meters/:id',
    { config: { access: 'meter.read' }, schema: { tags, summary: 'One meter', params: idParams } },
    async (request) => meterInScope(serviceContext(request, services), request.params.id),
  );

  app.get(
    '/api/meters/:id/account',
    {
      config: { access: 'meter.read' },
      schema: {
        tags,
        summary:
          'The open account on a meter (null when none): number, customer, prepaid mode; its balance, purchases and last sale only with `vending.read`',
        params: idParams,
      },
    },
    async (request) => meterAccount(serviceContext(request, services), request.params.id),
  );

  app.post(
    '/api/meters',
    {
      config: { access: 'meter.stockIn' },
      schema: { tags, summary: 'Stock in one meter', body: stockInBody },
    },
    async (request, reply) =>
      reply.status(201).send(await stockIn(serviceContext(request, services), request.body)),
  );

  app.post(
    '/api/meters/batch',
    {
      config: { access: 'meter.stockIn' },
      schema: {
        tags,
        summary: 'Stock in a batch of meters: all or nothing',
        body: Type.Object({ meters: Type.Array(stockInBody, { minItems: 1, maxItems: 10_000 }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await stockInBatch(serviceContext(request, services), request.body.meters)),
  );

  app.patch(
    '/api/meters/:id',
    {
      config: { access: 'meter.write' },
      schema: {
        tags,
        summary: 'Install, move, re-wire or change the state of a meter',
        params: idParams,
        body: updateBody,
      },
    },
    async (request) => updateMeter(serviceContext(request, services), request.params.id, request.body),
  );

  app.delete(
    '/api/meters/:id',
    {
      config: { access: 'meter.write' },
      schema: { tags, summary: 'Delete a meter still in stock', params: idParams },
    },
    async (request, reply) => {
      await deleteMeter(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );
}
