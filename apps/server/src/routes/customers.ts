import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { code, idParams, pageQuery, requiredText, text } from '../http/schemas.ts';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from '../services/customers.ts';
import type { RouteDeps } from './route-deps.ts';

const customerBody = Type.Object({
  code,
  name: requiredText(),
  unit: text(),
  address: text(),
  idNumber: text(32),
  areaId: Type.Integer({ minimum: 1 }),
});
const tags = ['customers'];

export async function customerRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/customers',
    {
      config: { access: 'customer.read' },
      schema: {
        tags,
        summary: 'List customers in your areas',
        querystring: pageQuery(['id', 'code', 'name', 'updatedAt'] as const, {
          code: Type.Optional(Type.String({ maxLength: 64 })),
          name: Type.Optional(Type.String({ maxLength: 200 })),
          areaId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
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
      schema: { tags, summary: 'A customer and all its versions', params: idParams },
    },
    async (request) => getCustomer(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/customers',
    {
      config: { access: 'customer.write' },
      schema: { tags, summary: 'Create a customer', body: customerBody },
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
        params: idParams,
        body: Type.Partial(Type.Omit(customerBody, ['code'])),
      },
    },
    async (request) => updateCustomer(serviceContext(request, services), request.params.id, request.body),
  );
}
