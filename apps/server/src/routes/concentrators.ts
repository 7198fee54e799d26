import { concentratorsApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { concentratorInScope } from '../policies/scope.ts';
import {
  concentratorMeters,
  createConcentrator,
  deleteConcentrator,
  listConcentrators,
  setConcentratorPoint,
  updateConcentrator,
} from '../services/concentrators.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['concentrators'];

/** Concentrators (Q/GDW 1376.1) in the archive: the same role rights as terminals, checked by area. */
export async function concentratorRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/concentrators',
    {
      config: { access: 'terminal.read' },
      schema: { tags, summary: 'List concentrators in your areas', ...concentratorsApi.list },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return listConcentrators(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );

  app.get(
    '/api/concentrators/:id',
    {
      config: { access: 'terminal.read' },
      schema: { tags, summary: 'One concentrator with its field state', ...concentratorsApi.get },
    },
    async (request) => concentratorInScope(serviceContext(request, services), request.params.id),
  );

  app.get(
    '/api/concentrators/:id/meters',
    {
      config: { access: 'terminal.read' },
      schema: {
        tags,
        summary: 'The meters behind a concentrator, by measuring point',
        ...concentratorsApi.meters,
      },
    },
    async (request) => concentratorMeters(serviceContext(request, services), request.params.id),
  );

  app.post(
    '/api/concentrators',
    {
      config: { access: 'terminal.write' },
      schema: { tags, summary: 'Register a concentrator', ...concentratorsApi.create },
    },
    async (request, reply) => {
      const created = await createConcentrator(serviceContext(request, services), request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/concentrators/:id',
    {
      config: { access: 'terminal.write' },
      schema: { tags, summary: 'Change a concentrator', ...concentratorsApi.update },
    },
    async (request) => updateConcentrator(serviceContext(request, services), request.params.id, request.body),
  );

  app.delete(
    '/api/concentrators/:id',
    {
      config: { access: 'terminal.write' },
      schema: { tags, summary: 'Delete a concentrator with no meters behind it', ...concentratorsApi.remove },
    },
    async (request, reply) => {
      await deleteConcentrator(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/meters/:id/concentrator-point',
    {
      config: { access: 'meter.write' },
      schema: {
        tags,
        summary: 'Put a meter on a concentrator measuring point, or take it off (null)',
        ...concentratorsApi.setPoint,
      },
    },
    async (request, reply) => {
      // No body at all is not `null`: taking a meter off its point must be asked for.
      if (request.body === undefined) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'body',
          problem: 'send {concentratorId, point} or null',
        });
      }
      await setConcentratorPoint(serviceContext(request, services), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
}
