import { accountsApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { accountInScope } from '../policies/scope.ts';
import {
  closeAccount,
  listAccounts,
  openAccount,
  openAccountsBatch,
  presentAccount,
  updateAccount,
} from '../services/accounts.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['accounts'];

export async function accountRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/accounts',
    {
      config: { access: 'account.read' },
      schema: { tags, summary: 'List accounts on meters in your areas', ...accountsApi.list },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return listAccounts(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );
  app.get(
    '/api/accounts/:id',
    { config: { access: 'account.read' }, schema: { tags, summary: 'One account', ...accountsApi.get } },
    async (request) =>
      presentAccount(await accountInScope(serviceContext(request, services), request.params.id)),
  );
  app.post(
    '/api/accounts',
    {
      config: { access: 'account.write' },
      schema: { tags, summary: 'Open an account on a meter', ...accountsApi.open },
    },
    async (request, reply) =>
      reply.status(201).send(await openAccount(serviceContext(request, services), request.body)),
  );
  app.post(
    '/api/accounts/batch',
    {
      config: { access: 'account.write' },
      schema: {
        tags,
        summary: 'Open a batch of accounts with one set of settings (001 §3.2.2): all or nothing',
        ...accountsApi.openBatch,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await openAccountsBatch(
            serviceContext(request, services),
            request.body.settings,
            request.body.accounts,
          ),
        ),
  );
  app.patch(
    '/api/accounts/:id',
    {
      config: { access: 'account.write' },
      schema: { tags, summary: 'Change price type, limits, mode or phones', ...accountsApi.update },
    },
    async (request) => updateAccount(serviceContext(request, services), request.params.id, request.body),
  );
  app.post(
    '/api/accounts/:id/close',
    {
      config: { access: 'account.write' },
      schema: { tags, summary: 'Close an account', ...accountsApi.close },
    },
    async (request) => closeAccount(serviceContext(request, services), request.params.id),
  );
}
