import { priceTypesApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { createPriceType, getPriceType, listPriceTypes, updatePriceType } from '../services/set-up.ts';
import { addTariffVersion, listTariffVersions } from '../services/vending/tariffs.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['price types'];

export async function priceTypeRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/price-types',
    {
      config: { access: 'priceType.read' },
      schema: { tags, summary: 'List price types', ...priceTypesApi.list },
    },
    async (request) => listPriceTypes(serviceContext(request, services), request.query),
  );
  app.get(
    '/api/price-types/:id',
    {
      config: { access: 'priceType.read' },
      schema: { tags, summary: 'A price type and all its versions', ...priceTypesApi.get },
    },
    async (request) => getPriceType(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/price-types',
    {
      config: { access: 'priceType.write' },
      schema: { tags, summary: 'Create a price type', ...priceTypesApi.create },
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
        ...priceTypesApi.update,
      },
    },
    async (request) => updatePriceType(serviceContext(request, services), request.params.id, request.body),
  );
  app.get(
    '/api/price-types/:id/tariffs',
    {
      config: { access: 'priceType.read' },
      schema: {
        tags,
        summary: 'The tariff versions of a price type, oldest first',
        ...priceTypesApi.listTariffs,
      },
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
        ...priceTypesApi.addTariff,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addTariffVersion(serviceContext(request, services), request.params.id, request.body)),
  );
}
