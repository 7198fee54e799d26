import { areaKinds } from '@openami/domain';
import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { code, idParams, literalUnion, pageQuery, requiredText } from '../http/schemas.ts';
import { areaInScope } from '../policies/scope.ts';
import { createArea, deleteArea, listAreas, updateArea } from '../services/areas.ts';
import type { RouteDeps } from './route-deps.ts';

const areaBody = Type.Object({
  parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  kind: literalUnion(areaKinds),
  code,
  name: requiredText(),
});
const tags = ['areas'];

export async function areaRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/areas',
    {
      config: { access: 'area.read' },
      schema: {
        tags,
        summary: 'List the areas you may see (yours and everything beneath)',
        querystring: pageQuery(['id', 'code', 'name', 'path'] as const, {
          parentId: Type.Optional(Type.Integer({ minimum: 1 })),
          under: Type.Optional(Type.Integer({ minimum: 1 })),
          kind: Type.Optional(literalUnion(areaKinds)),
          name: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return listAreas(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );

  app.get(
    '/api/areas/:id',
    { config: { access: 'area.read' }, schema: { tags, summary: 'One area', params: idParams } },
    async (request) => areaInScope(serviceContext(request, services), request.params.id),
  );

  app.post(
    '/api/areas',
    {
      config: { access: 'area.write' },
      schema: { tags, summary: 'Create an area under a parent', body: areaBody },
    },
    async (request, reply) =>
      reply.status(201).send(await createArea(serviceContext(request, services), request.body)),
  );

  app.patch(
    '/api/areas/:id',
    {
      config: { access: 'area.write' },
      schema: {
        tags,
        summary: 'Rename, re-code or move an area',
        params: idParams,
        body: Type.Partial(areaBody),
      },
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
      schema: { tags, summary: 'Delete an empty area (no children, meters, customers)', params: idParams },
    },
    async (request, reply) => {
      await deleteArea(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );
}
