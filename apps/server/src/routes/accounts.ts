import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { code, idParams, literalUnion, pageQuery } from '../http/schemas.ts';
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

const energyWh = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
const settingsBody = Type.Object({
  priceTypeId: Type.Integer({ minimum: 1 }),
  prepaidMode: literalUnion(['card', 'remote', 'local'] as const),
  alarmEnergyWh: energyWh,
  creditLimitWh: energyWh,
  hoardingLimitWh: energyWh,
  capacityLimitMode: Type.Unsafe<number>({ type: 'integer', enum: [0, 1, 2] }),
  phones: Type.Array(Type.String({ pattern: '^\\+?[0-9]{5,20}$' }), { maxItems: 5, default: [] }),
});
const openBody = Type.Object({
  accountNo: code,
  customerId: Type.Integer({ minimum: 1 }),
  meterId: Type.Integer({ minimum: 1 }),
  ...settingsBody.properties,
});
const tags = ['accounts'];

export async function accountRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/accounts',
    {
      config: { access: 'account.read' },
      schema: {
        tags,
        summary: 'List accounts on meters in your areas',
        querystring: pageQuery(['id', 'accountNo', 'openedAt', 'updatedAt'] as const, {
          accountNo: Type.Optional(Type.String({ maxLength: 64 })),
          customerId: Type.Optional(Type.Integer({ minimum: 1 })),
          meterId: Type.Optional(Type.Integer({ minimum: 1 })),
          state: Type.Optional(literalUnion(['open', 'closed'] as const)),
        }),
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return listAccounts(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );
  app.get(
    '/api/accounts/:id',
    { config: { access: 'account.read' }, schema: { tags, summary: 'One account', params: idParams } },
    async (request) =>
      presentAccount(await accountInScope(serviceContext(request, services), request.params.id)),
  );
  app.post(
    '/api/accounts',
    {
      config: { access: 'account.write' },
      schema: { tags, summary: 'Open an account on a meter', body: openBody },
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
        body: Type.Object({
          settings: settingsBody,
          accounts: Type.Array(
            Type.Object({
              accountNo: code,
              customerId: Type.Integer({ minimum: 1 }),
              meterId: Type.Integer({ minimum: 1 }),
            }),
            { minItems: 1, maxItems: 1000 },
          ),
        }),
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
      schema: {
        tags,
        summary: 'Change price type, limits, mode or phones',
        params: idParams,
        body: Type.Partial(settingsBody),
      },
    },
    async (request) => updateAccount(serviceContext(request, services), request.params.id, request.body),
  );
  app.post(
    '/api/accounts/:id/close',
    { config: { access: 'account.write' }, schema: { tags, summary: 'Close an account', params: idParams } },
    async (request) => closeAccount(serviceContext(request, services), request.params.id),
  );
}
