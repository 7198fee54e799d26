import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { pageQuery } from '../http/schemas.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['audit'];

export async function auditRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'The audit trail: who did what, when and from where',
        querystring: pageQuery(['id', 'at'] as const, {
          entity: Type.Optional(Type.String({ maxLength: 64 })),
          entityId: Type.Optional(Type.String({ maxLength: 64 })),
          actorUserId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      const result = await serviceContext(request, services).store.audit.list(filter, {
        offset,
        limit,
        sort,
        direction,
      });
      return {
        ...result,
        items: result.items.map((row) => ({ ...row, details: JSON.parse(row.details) as unknown })),
      };
    },
  );
  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: { tags, summary: 'Check the hash chain of the whole audit log' },
    },
    async (request) => serviceContext(request, services).store.audit.verify(),
  );
}
