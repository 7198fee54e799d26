import { metersApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { meterInScope } from '../policies/scope.ts';
import { meterAccount } from '../services/meter-account.ts';
import { deleteMeter, searchMeters, stockIn, stockInBatch, updateMeter } from '../services/meters.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['meters'];

export async function meterRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/meters',
    {
      config: { access: 'meter.read' },
      schema: {
        tags,
        summary: 'Search meters by factory number, address, customer, area and state (prefix matches)',
        ...metersApi.search,
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return searchMeters(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );

  app.get(
    '/api/meters/:id',
    { config: { access: 'meter.read' }, schema: { tags, summary: 'One meter', ...metersApi.get } },
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
        ...metersApi.account,
      },
    },
    async (request) => meterAccount(serviceContext(request, services), request.params.id),
  );

  app.post(
    '/api/meters',
    {
      config: { access: 'meter.stockIn' },
      schema: { tags, summary: 'Stock in one meter', ...metersApi.stockIn },
    },
    async (request, reply) =>
      reply.status(201).send(await stockIn(serviceContext(request, services), request.body)),
  );

  app.post(
    '/api/meters/batch',
    {
      config: { access: 'meter.stockIn' },
      schema: { tags, summary: 'Stock in a batch of meters: all or nothing', ...metersApi.stockInBatch },
    },
    async (request, reply) =>
      reply.status(201).send(await stockInBatch(serviceContext(request, services), request.body.meters)),
  );

  app.patch(
    '/api/meters/:id',
    {
      config: { access: 'meter.write' },
      schema: { tags, summary: 'Install, move, re-wire or change the state of a meter', ...metersApi.update },
    },
    async (request) => updateMeter(serviceContext(request, services), request.params.id, request.body),
  );

  app.delete(
    '/api/meters/:id',
    {
      config: { access: 'meter.write' },
      schema: { tags, summary: 'Delete a meter still in stock', ...metersApi.remove },
    },
    async (request, reply) => {
      await deleteMeter(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );
}
