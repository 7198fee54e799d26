// Price types (versioned unit prices) and their effective-dated tariff versions.
import { Type } from '@sinclair/typebox';
import { tariffKinds } from '../lists/vending.ts';
import {
  code,
  created,
  epochMs,
  id,
  idParams,
  json,
  literalUnion,
  nullable,
  ok,
  page,
  pageQuery,
  patchBody,
  requiredText,
} from './common.ts';

const priceFields = {
  code: Type.String(),
  name: Type.String(),
  unitPriceMilliFenPerKwh: Type.Integer({ description: '0.5283 yuan/kWh = 52 830 milli-fen/kWh' }),
};

export const priceType = Type.Object({
  id,
  ...priceFields,
  version: Type.Integer({ minimum: 1 }),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

export const priceTypeVersion = Type.Object({
  id,
  priceTypeId: id,
  ...priceFields,
  version: Type.Integer({ minimum: 1 }),
  createdAt: epochMs(),
  createdBy: nullable(id),
});

export const tariffVersion = Type.Object({
  id,
  priceTypeId: id,
  version: Type.Integer({ minimum: 1 }),
  kind: literalUnion(tariffKinds),
  effectiveFrom: epochMs(),
  definition: json('The tariff: flat, tiered, time-of-use or both (docs/vending.md)'),
  createdAt: epochMs(),
  createdBy: nullable(id),
});

const priceTypeBody = Type.Object({
  code,
  name: requiredText(),
  /** 0.5283 yuan/kWh = 52 830 milli-fen/kWh: integers keep money exact. */
  unitPriceMilliFenPerKwh: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
});

export const priceTypesApi = {
  list: { querystring: pageQuery(['id', 'code', 'name'] as const, {}), response: ok(page(priceType)) },
  get: {
    params: idParams,
    response: ok(Type.Object({ ...priceType.properties, versions: Type.Array(priceTypeVersion) })),
  },
  create: { body: priceTypeBody, response: created(priceType) },
  update: {
    params: idParams,
    body: patchBody(Type.Omit(priceTypeBody, ['code'])),
    response: ok(priceType),
  },
  listTariffs: { params: idParams, response: ok(Type.Array(tariffVersion)) },
  addTariff: {
    params: idParams,
    body: Type.Object({
      effectiveFrom: Type.Integer({ minimum: 0, description: 'epoch milliseconds' }),
      tariff: Type.Object({}, { additionalProperties: true, description: 'see docs/vending.md' }),
    }),
    response: created(tariffVersion),
  },
};
