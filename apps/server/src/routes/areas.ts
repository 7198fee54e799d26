import { areasApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { areaInScope } from '../policies/scope.ts';
import { createArea, deleteArea, listAreas, updateArea } from '../services/areas.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['areas'];

export async function areaRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/areas',
    {
      config: { access: 'area.read' },
      schema: {
        tags,
        summary: 'List the areas you may see (yours and everything beneath)',
        ...areasApi.list,
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return listAreas(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );

  app.get(
    '/api/areas/:id',
    { config: { access: 'area.read' }, schema: { tags, summary: 'One area', ...areasApi.get } },
    async (request) => areaInScope(serviceContext(request, services), request.params.id),
  );

  app.post(
    '/api/areas',
    {
      config: { access: 'area.write' },
      schema: { tags, summary: 'Create an area under a parent', ...areasApi.create },
    },
    async (request, reply) =>
      reply.status(201).send(await createArea(serviceContext(request, services), request.body)),
  );

  app.patch(
    '/api/areas/:id',
    {
      config: { access: 'area.write' },
      schema: { tags, summary: 'Rename, re-code or move an area', ...areasApi.update },
    },
    async (request) => {
      const updated = await updateArea(serviceContext(request, services), request.params.id, request.body);
      if (updated === undefined) throw new AppError('NOT_FOUND', { entity: 'area' });
      return updated;
    },
  );

  app.delete(
    '/api/areas/:id',
    {
      config: { access: 'area.write' },
      schema: { tags, summary: 'Delete an empty area (no children, meters, customers)', ...areasApi.remove },
    },
    async (request, reply) => {
      await deleteArea(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );
}
