import { meterTypesApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { createMeterType, getMeterType, listMeterTypes, updateMeterType } from '../services/set-up.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['meter types'];

export async function meterTypeRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/meter-types',
    {
      config: { access: 'meterType.read' },
      schema: { tags, summary: 'List meter types', ...meterTypesApi.list },
    },
    async (request) => listMeterTypes(serviceContext(request, services), request.query),
  );
  app.get(
    '/api/meter-types/:id',
    {
      config: { access: 'meterType.read' },
      schema: { tags, summary: 'A meter type and all its versions', ...meterTypesApi.get },
    },
    async (request) => getMeterType(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/meter-types',
    {
      config: { access: 'meterType.write' },
      schema: { tags, summary: 'Create a meter type', ...meterTypesApi.create },
    },
    async (request, reply) =>
      reply.status(201).send(await createMeterType(serviceContext(request, services), request.body)),
  );
  app.patch(
    '/api/meter-types/:id',
    {
      config: { access: 'meterType.write' },
      schema: {
        tags,
        summary:
          'Change a meter type: makes a new version; meters keep the version they were stocked in with',
        ...meterTypesApi.update,
      },
    },
    async (request) => updateMeterType(serviceContext(request, services), request.params.id, request.body),
  );
}
