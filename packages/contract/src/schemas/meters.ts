// Meters: stock-in, installation, wiring (PT and CT ratios), and the open account on a meter.
import { Type } from '@sinclair/typebox';
import { meterStates, prepaidModes } from '../lists/archive.ts';
import {
  count,
  created,
  epochMs,
  id,
  idParams,
  literalUnion,
  noContent,
  nullable,
  ok,
  page,
  pageQuery,
  patchBody,
  whole,
} from './common.ts';

export const meter = Type.Object({
  id,
  factoryNo: Type.String({ description: '表号: the factory number printed on the meter' }),
  commAddress: Type.String({ description: 'the DL/T 645 address, 12 digits' }),
  meterTypeId: id,
  meterTypeVersionId: id,
  state: literalUnion(meterStates),
  startingReadingWh: whole,
  areaId: id,
  terminalPortId: nullable(id),
  concentratorId: nullable(id),
  measuringPoint: nullable(
    Type.Integer({
      description: 'pn at the concentrator, 1–2040; a meter is on a port or a point, never both',
    }),
  ),
  parentMeterId: nullable(id),
  ptPrimary: Type.Integer(),
  ptSecondary: Type.Integer(),
  ctPrimary: Type.Integer(),
  ctSecondary: Type.Integer(),
  multiplier: Type.Integer({ description: 'PT ratio × CT ratio' }),
  stockedInAt: epochMs(),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

/** A meter in the list: the meter, and who holds its open account (the household), or null. */
export const meterListItem = Type.Object({
  ...meter.properties,
  account: nullable(
    Type.Object(
      {
        id,
        accountNo: Type.String(),
        customer: Type.Object({
          id,
          name: Type.String(),
          unit: Type.String({ description: 'the room (门牌), e.g. 1-2-301' }),
          address: Type.String(),
        }),
      },
      { description: 'the open account on the meter and its customer; null when none is open' },
    ),
  ),
});

/** Where an account's money or energy stands, by its mode: the ledger's (remote) or the meter's last word. */
export const prepaidBalance = Type.Union([
  Type.Object({
    kind: Type.Literal('money'),
    source: literalUnion(['ledger', 'meter'] as const),
    amountFen: whole,
    at: epochMs(),
  }),
  Type.Object({
    kind: Type.Literal('energy'),
    source: Type.Literal('meter'),
    energyWh: whole,
    at: epochMs(),
  }),
  Type.Object({ kind: Type.Literal('unknown') }),
]);

export const meterAccount = Type.Object({
  account: nullable(
    Type.Object({
      id,
      accountNo: Type.String(),
      prepaidMode: literalUnion(prepaidModes),
      openedAt: epochMs(),
      alarmEnergyWh: whole,
      customer: nullable(
        Type.Object({
          id,
          code: Type.String(),
          name: Type.String(),
          unit: Type.String({ description: 'the room (门牌), e.g. 1-2-301' }),
          address: Type.String(),
        }),
      ),
    }),
  ),
  amounts: nullable(
    Type.Object(
      {
        balance: prepaidBalance,
        netPaidFen: whole,
        netEnergyWh: whole,
        purchaseCount: count,
        lastSale: nullable(
          Type.Object({
            id,
            at: epochMs(),
            amountFen: whole,
            energyWh: whole,
            invoiceNo: nullable(Type.String()),
          }),
        ),
      },
      { description: 'only with vending.read' },
    ),
  ),
});

const ratio = Type.Integer({ minimum: 1, maximum: 1_000_000 });
/** The meter's DL/T 645 address: 12 decimal digits (DL/T 645-2007 §4.1, A0..A5 as BCD). */
const commAddress = Type.String({ pattern: '^[0-9]{12}$' });
const stockInBody = Type.Object({
  factoryNo: Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S+$' }),
  commAddress,
  meterTypeId: Type.Integer({ minimum: 1 }),
  startingReadingWh: Type.Integer({ minimum: 0, default: 0 }),
  areaId: Type.Integer({ minimum: 1 }),
  terminalPortId: Type.Optional(nullable(Type.Integer({ minimum: 1 }))),
  parentMeterId: Type.Optional(nullable(Type.Integer({ minimum: 1 }))),
  ptPrimary: Type.Optional(ratio),
  ptSecondary: Type.Optional(ratio),
  ctPrimary: Type.Optional(ratio),
  ctSecondary: Type.Optional(ratio),
});
const updateBody = patchBody(
  Type.Object({
    ...Type.Omit(stockInBody, ['factoryNo', 'meterTypeId']).properties,
    state: literalUnion(meterStates),
  }),
);

export const metersApi = {
  search: {
    querystring: pageQuery(['id', 'factoryNo', 'commAddress', 'state', 'stockedInAt', 'updatedAt'] as const, {
      factoryNo: Type.Optional(Type.String({ maxLength: 64 })),
      commAddress: Type.Optional(Type.String({ maxLength: 12 })),
      customer: Type.Optional(Type.String({ maxLength: 200 })),
      areaId: Type.Optional(Type.Integer({ minimum: 1 })),
      state: Type.Optional(literalUnion(meterStates)),
      meterTypeId: Type.Optional(Type.Integer({ minimum: 1 })),
    }),
    response: ok(page(meterListItem)),
  },
  get: { params: idParams, response: ok(meter) },
  account: { params: idParams, response: ok(meterAccount) },
  stockIn: { body: stockInBody, response: created(meter) },
  stockInBatch: {
    body: Type.Object({ meters: Type.Array(stockInBody, { minItems: 1, maxItems: 10_000 }) }),
    response: created(Type.Object({ count })),
  },
  update: { params: idParams, body: updateBody, response: ok(meter) },
  remove: { params: idParams, response: noContent },
};
