import { usersApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { addUser, getUser, listUsers, updateUser } from '../services/users.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['users'];

export async function userRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/users',
    {
      config: { access: 'user.read' },
      schema: { tags, summary: 'List staff users', ...usersApi.list },
    },
    async (request) => listUsers(serviceContext(request, services), request.query),
  );
  app.get(
    '/api/users/:id',
    { config: { access: 'user.read' }, schema: { tags, summary: 'One staff user', ...usersApi.get } },
    async (request) => getUser(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/users',
    {
      config: { access: 'user.write' },
      schema: { tags, summary: 'Create a staff user with a role and areas', ...usersApi.create },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      return reply.status(201).send(await addUser(context.store, context, request.body));
    },
  );
  app.patch(
    '/api/users/:id',
    {
      config: { access: 'user.write' },
      schema: {
        tags,
        summary: 'Change role, areas, password or disable a user (ends its sessions when needed)',
        ...usersApi.update,
      },
    },
    async (request) => updateUser(serviceContext(request, services), request.params.id, request.body),
  );
}
