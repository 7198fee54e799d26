import { specialCardKinds } from '@openami/domain';
import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { literalUnion } from '../http/schemas.ts';
import { readBackCard } from '../services/vending/card-readback.ts';
import { issueSpecialCard } from '../services/vending/special-cards.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['vending'];
const cardRead = (description: string) => Type.Object({}, { additionalProperties: true, description });

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
        body: Type.Object({
          requestId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' }),
          kind: literalUnion(specialCardKinds),
          card: cardRead('The card as read, erased and written with the special card (docs/card-image.md)'),
          presetKwh: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 1000,
              description: 'Preset card: credit for a new meter, kWh',
            }),
          ),
          areaCode: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 64,
              description: 'Clear card: the area whose meters it clears',
            }),
          ),
          meterNo: Type.Optional(
            Type.String({
              maxLength: 64,
              description:
                'Clear card: the one meter it clears (an assigned meter needs it); empty for new meters',
            }),
          ),
          reason: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (request, reply) => {
      const made = await issueSpecialCard(serviceContext(request, services), request.body);
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
        body: Type.Object({ card: cardRead('The check or meter-reading card as read (docs/card-image.md)') }),
      },
    },
    async (request, reply) => {
      const readback = await readBackCard(serviceContext(request, services), request.body);
      return reply.status(readback.stored > 0 ? 201 : 200).send(readback);
    },
  );
}
