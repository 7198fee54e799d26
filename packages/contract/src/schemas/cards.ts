// What an IC card holds, as the API sends it back to be written (docs/card-image.md, `openami-card/1`).
import { Type } from '@sinclair/typebox';
import { cardImageFormat } from '../lists/vending.ts';
import { count, literalUnion } from './common.ts';

/** Energies on a card are the meter's side of PT and CT, in kWh. */
const kwh = Type.Number();

export const meterDataOnCard = Type.Object({
  remainingKwh: kwh,
  totalKwh: kwh,
  purchaseCount: count,
  statusWord: Type.Integer(),
});

export const customerCardData = Type.Object({
  kind: Type.Literal('customer'),
  meterNo: Type.String({ description: '表号: the meter’s factory number' }),
  accountNo: Type.String(),
  cardSerial: count,
  purchaseCount: count,
  purchaseKwh: kwh,
  loaded: Type.Boolean({ description: 'set by the meter once it holds this purchase' }),
  alarmKwh: kwh,
  creditLimitKwh: kwh,
  hoardingLimitKwh: kwh,
  capacityLimitMode: Type.Integer(),
  meterData: Type.Union([meterDataOnCard, Type.Null()]),
});

export const meterReadingOnCard = Type.Object({ meterNo: Type.String(), ...meterDataOnCard.properties });

export const cardData = Type.Union([
  Type.Object({ kind: Type.Literal('blank') }),
  customerCardData,
  Type.Object({ kind: Type.Literal('preset'), presetKwh: kwh }),
  Type.Object({ kind: Type.Literal('clear'), areaCode: Type.String(), meterNo: Type.String() }),
  Type.Object({
    kind: literalUnion(['check', 'meter_reading'] as const),
    readings: Type.Array(meterReadingOnCard),
    issueId: Type.Optional(Type.Integer()),
  }),
]);

export const cardImage = Type.Object({
  format: Type.Literal(cardImageFormat),
  cardId: Type.String({ description: 'printed on the card; fixed for its life' }),
  wrongPasswordAttempts: count,
  data: cardData,
});

/** A card image in a request, as read: the server checks it in full (BAD_CARD). */
export const cardRead = (description: string) => Type.Object({}, { additionalProperties: true, description });
