import { vendingApprovalsApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { approve, listApprovals, refuse } from '../services/vending/approvals.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['vending'];

/** A second person's approval of movements above the site's amount (docs/vending.md, Approvals). */
export async function vendingApprovalRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/vending/approvals',
    {
      config: { access: 'vending.approve' },
      schema: {
        tags,
        summary: 'Requests waiting for approval (open) or decided, of accounts in your areas, newest first',
        ...vendingApprovalsApi.list,
      },
    },
    async (request) =>
      listApprovals(
        serviceContext(request, services),
        request.query.state === 'decided' ? ['approved', 'refused'] : ['pending', 'approving'],
      ),
  );
  app.post(
    '/api/vending/approvals/:id/approve',
    {
      config: { access: 'vending.approve' },
      schema: {
        tags,
        summary: "Approve another user's request and carry it out, once however often it is asked",
        ...vendingApprovalsApi.approve,
      },
    },
    async (request) =>
      approve(serviceContext(request, services), services, request.params.id, request.body.reason ?? null),
  );
  app.post(
    '/api/vending/approvals/:id/refuse',
    {
      config: { access: 'vending.approve' },
      schema: {
        tags,
        summary: "Refuse another user's request with a reason; nothing is carried out",
        ...vendingApprovalsApi.refuse,
      },
    },
    async (request) => refuse(serviceContext(request, services), request.params.id, request.body.reason),
  );
}
