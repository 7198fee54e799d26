// Cards at the counter: a replacement card, the preset energy, a locked card moved to a blank one, special
// cards made, and the readings check and meter-reading cards bring back.
import { Type } from '@sinclair/typebox';
import { readbackOutcomes, specialCardKinds } from '../lists/vending.ts';
import { cardImage, cardRead, customerCardData, meterReadingOnCard } from './cards.ts';
import { count, createdOnce, epochMs, id, idParams, json, literalUnion, nullable, ok } from './common.ts';
import { correctionReason, vendingRequestId } from './vending.ts';
import { awaitingApproval } from './vending-approvals.ts';

export const lockedCardTransfer = Type.Object({
  id,
  replayed: Type.Boolean(),
  accountId: id,
  requestId: Type.String(),
  voidCardId: Type.String({ description: 'the locked card, void from now on' }),
  newCardId: Type.String(),
  newCardSerial: count,
  purchaseCount: count,
  undeliveredKwh: Type.Number({
    description: 'energy the new card brings the meter that it had not taken (0: it sells on at once)',
  }),
  discrepancies: Type.Array(Type.String(), {
    description: "where the locked card disagreed with the ledger (the ledger's figures were used)",
  }),
  reason: Type.String(),
  reading: json('what the locked card still showed'),
  card: cardImage,
  operatorUserId: nullable(id),
  operatorName: Type.String(),
  createdAt: epochMs(),
});

export const specialCardMade = Type.Object({
  id,
  replayed: Type.Boolean(),
  kind: literalUnion(specialCardKinds),
  card: cardImage,
  presetKwh: nullable(Type.Number()),
  areaId: nullable(id),
  areaCode: nullable(Type.String()),
  meterId: nullable(id),
  meterNo: nullable(Type.String()),
  account: nullable(
    Type.Object({ id, accountNo: Type.String() }, { description: "the clear card's meter's open account" }),
  ),
  reason: Type.String(),
  operatorName: Type.String(),
  createdAt: epochMs(),
});

/** One meter's reading off a check or meter-reading card, as read, and what became of it. */
export const readbackReading = Type.Object({
  ...meterReadingOnCard.properties,
  outcome: literalUnion(readbackOutcomes),
  meterId: nullable(id),
  accountNo: nullable(Type.String()),
  customerName: nullable(Type.String()),
  readAt: nullable(epochMs('stored as read at the moment the card was first read back')),
  storedBy: nullable(Type.String()),
  flags: nullable(Type.String({ description: 'validation flags of the stored reading' })),
  problem: nullable(
    Type.Object({
      code: Type.String({ description: 'an error code' }),
      message: Type.String({ description: "in the requester's language" }),
    }),
  ),
});

export const cardReadback = Type.Object({
  cardId: Type.String(),
  kind: literalUnion(['check', 'meter_reading'] as const),
  issueId: nullable(Type.Integer()),
  stored: count,
  alreadyStored: count,
  refused: count,
  readings: Type.Array(readbackReading),
});

export const vendingCardsApi = {
  replaceCard: {
    params: idParams,
    body: Type.Object({ requestId: vendingRequestId, reason: correctionReason }),
    response: createdOnce(
      Type.Object({
        replayed: Type.Boolean({
          description: 'True when this request id was answered before: the same card',
        }),
        accountId: id,
        card: customerCardData,
      }),
    ),
  },
  lockedCardTransfer: {
    params: idParams,
    body: Type.Object({
      requestId: vendingRequestId,
      lockedCard: cardRead('The locked card as read (docs/card-image.md)'),
      newCard: cardRead('The blank card that becomes the customer card'),
      reason: correctionReason,
    }),
    response: createdOnce(lockedCardTransfer),
  },
  setPreset: {
    params: idParams,
    body: Type.Object({ presetKwh: Type.Integer({ minimum: 0, maximum: 1000 }) }),
    response: ok(Type.Object({ accountId: id, presetKwh: Type.Number(), cardSerial: count })),
  },
  makeSpecialCard: {
    body: Type.Object({
      requestId: vendingRequestId,
      kind: literalUnion(specialCardKinds),
      card: cardRead('The card as read, erased and written with the special card (docs/card-image.md)'),
      presetKwh: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 1000, description: 'Preset card: credit for a new meter, kWh' }),
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
    response: { ...createdOnce(specialCardMade), ...awaitingApproval },
  },
  readBack: {
    body: Type.Object({ card: cardRead('The check or meter-reading card as read (docs/card-image.md)') }),
    response: createdOnce(cardReadback),
  },
};
