import { customersApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from '../services/customers.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['customers'];

export async function customerRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/customers',
    {
      config: { access: 'customer.read' },
      schema: { tags, summary: 'List customers in your areas', ...customersApi.list },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return listCustomers(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );
  app.get(
    '/api/customers/:id',
    {
      config: { access: 'customer.read' },
      schema: { tags, summary: 'A customer and all its versions', ...customersApi.get },
    },
    async (request) => getCustomer(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/customers',
    {
      config: { access: 'customer.write' },
      schema: { tags, summary: 'Create a customer', ...customersApi.create },
    },
    async (request, reply) =>
      reply.status(201).send(await createCustomer(serviceContext(request, services), request.body)),
  );
  app.patch(
    '/api/customers/:id',
    {
      config: { access: 'customer.write' },
      schema: {
        tags,
        summary: 'Change a customer (a new version; history keeps the old one)',
        ...customersApi.update,
      },
    },
    async (request) => updateCustomer(serviceContext(request, services), request.params.id, request.body),
  );
}
