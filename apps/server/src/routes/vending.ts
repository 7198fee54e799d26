import { vendingApi, vendingCardsApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { findAccounts, statement, vendingSummary } from '../services/vending/accounts.ts';
import { holdIfAbove } from '../services/vending/approvals.ts';
import { replaceCard, setPresetEnergy } from '../services/vending/cards.ts';
import { adjust, cancelSale, refund } from '../services/vending/corrections.ts';
import { resendTopUp } from '../services/vending/local.ts';
import { transferLockedCard } from '../services/vending/locked-card.ts';
import { replaceMeter } from '../services/vending/meter-replacement.ts';
import { chargeNow } from '../services/vending/remote.ts';
import { type Purchase, quoteSale, sell } from '../services/vending/sale.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['vending'];

function purchaseOf(input: { by: 'energy' | 'money'; energyWh?: number; amountFen?: number }): Purchase {
  if (input.by === 'energy' && input.energyWh !== undefined)
    return { by: 'energy', energyWh: input.energyWh };
  if (input.by === 'money' && input.amountFen !== undefined)
    return { by: 'money', amountFen: input.amountFen };
  const field = input.by === 'energy' ? 'energyWh' : 'amountFen';
  throw new AppError('VALIDATION_FAILED', {
    issues: [{ field, problem: `is required when buying by ${input.by}` }],
  });
}

export async function vendingRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/vending/accounts',
    {
      config: { access: 'vending.read' },
      schema: {
        tags,
        summary:
          'Find accounts by account number, meter factory number, customer code, name or room (prefix)',
        ...vendingApi.findAccounts,
      },
    },
    async (request) => ({
      items: await findAccounts(serviceContext(request, services), request.query.q, request.query.limit),
    }),
  );
  app.get(
    '/api/vending/accounts/:id',
    {
      config: { access: 'vending.read' },
      schema: {
        tags,
        summary: "An account's balance, card state, tariff in force and last sale",
        ...vendingApi.summary,
      },
    },
    async (request) => vendingSummary(serviceContext(request, services), request.params.id),
  );
  app.get(
    '/api/vending/accounts/:id/entries',
    {
      config: { access: 'vending.read' },
      schema: { tags, summary: "The account's ledger entries (statement)", ...vendingApi.entries },
    },
    async (request) =>
      statement(serviceContext(request, services), request.params.id, { ...request.query, sort: 'id' }),
  );
  app.get(
    '/api/vending/accounts/:id/quote',
    {
      config: { access: 'vending.read' },
      schema: {
        tags,
        summary: 'Price a sale and explain it line by line; nothing is written',
        ...vendingApi.quote,
      },
    },
    async (request) =>
      quoteSale(serviceContext(request, services), request.params.id, purchaseOf(request.query)),
  );
  app.post(
    '/api/vending/accounts/:id/sales',
    {
      config: { access: 'vending.sell' },
      schema: {
        tags,
        summary: 'Sell by energy or by money; the same requestId never sells twice',
        ...vendingApi.sell,
      },
    },
    async (request, reply) => {
      const { requestId: id, card: image, ...purchase } = request.body;
      const result = await sell(serviceContext(request, services), services, request.params.id, {
        requestId: id,
        purchase: purchaseOf(purchase),
        card: image,
      });
      if (!result.replayed) {
        services.metrics.sales.inc();
        services.metrics.salesAmount.inc({}, result.amountFen);
      }
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
  app.post(
    '/api/vending/entries/:id/top-up',
    {
      config: { access: 'vending.sell' },
      schema: {
        tags,
        summary:
          'Send a local fee-control sale to its meter again (after a failure); the purchase count makes a double credit impossible',
        ...vendingApi.topUp,
      },
    },
    async (request, reply) => {
      const result = await resendTopUp(
        serviceContext(request, services),
        services,
        request.params.id,
        request.body.requestId,
      );
      return reply.status(result.delivery.state === 'sent' ? 202 : 503).send(result);
    },
  );
  app.post(
    '/api/vending/entries/:id/cancel',
    {
      config: { access: 'vending.sell' },
      schema: {
        tags,
        summary: 'Cancel the latest sale before its card is loaded: a new, reversing entry',
        ...vendingApi.cancel,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const held = await holdIfAbove(context, services, {
        kind: 'cancel',
        saleId: request.params.id,
        body: request.body,
      });
      if (held !== undefined) return reply.status(202).send({ approval: held });
      const result = await cancelSale(context, services, request.params.id, request.body);
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
  app.post(
    '/api/vending/accounts/:id/refunds',
    {
      config: { access: 'vending.refund' },
      schema: {
        tags,
        summary: 'Pay money back (and take back the energy it bought), within what the account holds',
        ...vendingApi.refund,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const held = await holdIfAbove(context, services, {
        kind: 'refund',
        accountId: request.params.id,
        body: request.body,
      });
      if (held !== undefined) return reply.status(202).send({ approval: held });
      const result = await refund(context, services, request.params.id, request.body);
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
  app.post(
    '/api/vending/accounts/:id/adjustments',
    {
      config: { access: 'vending.adjust' },
      schema: {
        tags,
        summary: "Register adjustment energy (找补电量), e.g. a replaced meter's remaining energy",
        ...vendingApi.adjust,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const held = await holdIfAbove(context, services, {
        kind: 'adjustment',
        accountId: request.params.id,
        body: request.body,
      });
      if (held !== undefined) return reply.status(202).send({ approval: held });
      const result = await adjust(context, request.params.id, request.body);
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
  app.post(
    '/api/vending/accounts/:id/card-replacement',
    {
      config: { access: 'vending.sell' },
      schema: {
        tags,
        summary: 'Replace a lost or locked card: the new card carries the last purchase (001 §4.1.4)',
        ...vendingCardsApi.replaceCard,
      },
    },
    async (request, reply) => {
      const result = await replaceCard(serviceContext(request, services), request.params.id, request.body);
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
  app.post(
    '/api/vending/accounts/:id/locked-card-transfer',
    {
      config: { access: 'vending.sell' },
      schema: {
        tags,
        summary:
          'Move a card locked by three wrong passwords to a blank card; the locked card is void (001 FAQ 12)',
        ...vendingCardsApi.lockedCardTransfer,
      },
    },
    async (request, reply) => {
      const result = await transferLockedCard(
        serviceContext(request, services),
        request.params.id,
        request.body,
      );
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
  app.post(
    '/api/vending/accounts/:id/charge',
    {
      config: { access: 'vending.adjust' },
      schema: {
        tags,
        summary:
          'Charge a remote account for the energy used since its last charge; returns the relay command due',
        ...vendingApi.charge,
      },
    },
    async (request) => chargeNow(serviceContext(request, services), services, request.params.id),
  );
  app.post(
    '/api/vending/accounts/:id/meter-replacement',
    {
      config: { access: 'vending.adjust' },
      schema: {
        tags,
        summary:
          "Move the account to a new meter; the old meter's remaining energy becomes adjustment energy (001 FAQ 8)",
        ...vendingApi.replaceMeter,
      },
    },
    async (request, reply) => {
      const result = await replaceMeter(serviceContext(request, services), request.params.id, request.body);
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
  app.put(
    '/api/vending/accounts/:id/preset',
    {
      config: { access: 'vending.adjust' },
      schema: {
        tags,
        summary: 'Record the preset energy the meter was given at installation (001 §4.1.3)',
        ...vendingCardsApi.setPreset,
      },
    },
    async (request) => setPresetEnergy(serviceContext(request, services), request.params.id, request.body),
  );
}
