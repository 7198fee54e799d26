import { terminalsApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { terminalInScope } from '../policies/scope.ts';
import { createTerminal, deleteTerminal, listTerminals, updateTerminal } from '../services/terminals.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['terminals'];

export async function terminalRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/terminals',
    {
      config: { access: 'terminal.read' },
      schema: { tags, summary: 'List collection terminals in your areas', ...terminalsApi.list },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return listTerminals(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );

  app.get(
    '/api/terminals/:id',
    {
      config: { access: 'terminal.read' },
      schema: { tags, summary: 'One terminal with its ports', ...terminalsApi.get },
    },
    async (request) => terminalInScope(serviceContext(request, services), request.params.id),
  );

  app.post(
    '/api/terminals',
    {
      config: { access: 'terminal.write' },
      schema: { tags, summary: 'Register a terminal', ...terminalsApi.create },
    },
    async (request, reply) => {
      const created = await createTerminal(serviceContext(request, services), request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/terminals/:id',
    {
      config: { access: 'terminal.write' },
      schema: { tags, summary: 'Change a terminal; `ports` replaces the port list', ...terminalsApi.update },
    },
    async (request) => {
      const updated = await updateTerminal(
        serviceContext(request, services),
        request.params.id,
        request.body,
      );
      if (updated === undefined) throw new AppError('NOT_FOUND', { entity: 'terminal' });
      return updated;
    },
  );

  app.delete(
    '/api/terminals/:id',
    {
      config: { access: 'terminal.write' },
      schema: { tags, summary: 'Delete a terminal', ...terminalsApi.remove },
    },
    async (request, reply) => {
      await deleteTerminal(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );
}
