import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { code, idParams, pageQuery, requiredText } from '../http/schemas.ts';
import { createPriceType, getPriceType, listPriceTypes, updatePriceType } from '../services/set-up.ts';
import { addTariffVersion, listTariffVersions } from '../services/vending/tariffs.ts';
import type { RouteDeps } from './route-deps.ts';

const priceTypeBody = Type.Object({
  code,
  name: requiredText(),
  /** 0.5283 yuan/kWh = 52 830 milli-fen/kWh: integers keep money exact. */
  unitPriceMilliFenPerKwh: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
});
const tags = ['price types'];

export async function priceTypeRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/price-types',
    {
      config: { access: 'priceType.read' },
      schema: {
        tags,
        summary: 'List price types',
        querystring: pageQuery(['id', 'code', 'name'] as const, {}),
      },
    },
    async (request) => listPriceTypes(serviceContext(request, services), request.query),
  );
  app.get(
    '/api/price-types/:id',
    {
      config: { access: 'priceType.read' },
      schema: { tags, summary: 'A price type and all its versions', params: idParams },
    },
    async (request) => getPriceType(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/price-types',
    {
      config: { access: 'priceType.write' },
      schema: { tags, summary: 'Create a price type', body: priceTypeBody },
    },
    async (request, reply) =>
      reply.status(201).send(await createPriceType(serviceContext(request, services), request.body)),
  );
  app.patch(
    '/api/price-types/:id',
    {
      config: { access: 'priceType.write' },
      schema: {
        tags,
        summary: 'Change a price type: makes a new version; past sales keep the price of theirs',
        params: idParams,
        body: Type.Partial(Type.Omit(priceTypeBody, ['code'])),
      },
    },
    async (request) => updatePriceType(serviceContext(request, services), request.params.id, request.body),
  );
  app.get(
    '/api/price-types/:id/tariffs',
    {
      config: { access: 'priceType.read' },
      schema: { tags, summary: 'The tariff versions of a price type, oldest first', params: idParams },
    },
    async (request) => listTariffVersions(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/price-types/:id/tariffs',
    {
      config: { access: 'priceType.write' },
      schema: {
        tags,
        summary: 'Add a tariff version (flat, tiered, time-of-use or both) taking effect at effectiveFrom',
        params: idParams,
        body: Type.Object({
          effectiveFrom: Type.Integer({ minimum: 0, description: 'epoch milliseconds' }),
          tariff: Type.Object({}, { additionalProperties: true, description: 'see docs/vending.md' }),
        }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addTariffVersion(serviceContext(request, services), request.params.id, request.body)),
  );
}
