import { vendingCardsApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { holdIfAbove } from '../services/vending/approvals.ts';
import { readBackCard } from '../services/vending/card-readback.ts';
import { issueSpecialCard } from '../services/vending/special-cards.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['vending'];
/** 制作专用卡 and the readings special cards bring back (001 §4.1, FAQ 9–11; docs/vending.md, Special cards). */
export async function vendingCardRoutes({ app, services }: RouteDeps): Promise<void> {
  app.post(
    '/api/vending/special-cards',
    {
      config: { access: 'vending.adjust' },
      schema: {
        tags,
        summary:
          'Make a preset, clear, check or meter-reading card on the card read (any card not locked nor in use, 001 FAQ 11); returns the image to write',
        ...vendingCardsApi.makeSpecialCard,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      if (request.body.kind === 'preset') {
        const held = await holdIfAbove(context, services, { kind: 'preset-card', body: request.body });
        if (held !== undefined) return reply.status(202).send({ approval: held });
      }
      const made = await issueSpecialCard(context, request.body);
      return reply.status(made.replayed ? 200 : 201).send(made);
    },
  );
  app.post(
    '/api/vending/card-readings',
    {
      config: { access: 'vending.adjust' },
      schema: {
        tags,
        summary:
          'Read back a check or meter-reading card: store the readings it carries as readings of their meters, once (001 §4.1.2)',
        ...vendingCardsApi.readBack,
      },
    },
    async (request, reply) => {
      const readback = await readBackCard(serviceContext(request, services), request.body);
      return reply.status(readback.stored > 0 ? 201 : 200).send(readback);
    },
  );
}
