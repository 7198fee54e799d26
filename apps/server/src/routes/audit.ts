import { auditApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['audit'];

export async function auditRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: { tags, summary: 'The audit trail: who did what, when and from where', ...auditApi.list },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      // A user limited to some areas reads only the entries about objects in them, and their own.
      const { store, principal } = serviceContext(request, services);
      const result = await store.audit.list(
        filter,
        { offset, limit, sort, direction },
        principal.scope,
        principal.userId,
      );
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
      schema: { tags, summary: 'Check the hash chain of the whole audit log', ...auditApi.verify },
    },
    async (request) => serviceContext(request, services).store.audit.verify(),
  );
}
