import { roles } from '@openami/domain';
import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { idParams, literalUnion, pageQuery } from '../http/schemas.ts';
import { addUser, getUser, listUsers, updateUser } from '../services/users.ts';
import type { RouteDeps } from './route-deps.ts';

const userFields = {
  displayName: Type.String({ maxLength: 100, default: '' }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  role: literalUnion(roles),
  allAreas: Type.Boolean({ default: false }),
  areaIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000, default: [] }),
  locale: literalUnion(['zh-CN', 'en'] as const, { default: 'zh-CN' }),
};
const tags = ['users'];

export async function userRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/users',
    {
      config: { access: 'user.read' },
      schema: {
        tags,
        summary: 'List staff users',
        querystring: pageQuery(['id', 'username', 'role'] as const, {}),
      },
    },
    async (request) => listUsers(serviceContext(request, services), request.query),
  );
  app.get(
    '/api/users/:id',
    { config: { access: 'user.read' }, schema: { tags, summary: 'One staff user', params: idParams } },
    async (request) => getUser(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/users',
    {
      config: { access: 'user.write' },
      schema: {
        tags,
        summary: 'Create a staff user with a role and areas',
        body: Type.Object({ username: Type.String({ pattern: '^[A-Za-z0-9_.@-]{2,64}$' }), ...userFields }),
      },
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
        params: idParams,
        body: Type.Partial(Type.Object({ ...userFields, disabled: Type.Boolean() })),
      },
    },
    async (request) => updateUser(serviceContext(request, services), request.params.id, request.body),
  );
}
