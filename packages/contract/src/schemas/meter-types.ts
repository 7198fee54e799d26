// Meter types: nameplate data, versioned (meters keep the version they were stocked in with).
import { Type } from '@sinclair/typebox';
import { cardStandards, meterPhases, meterProtocols } from '../lists/archive.ts';
import {
  code,
  created,
  epochMs,
  id,
  idParams,
  integerUnion,
  literalUnion,
  nullable,
  ok,
  page,
  pageQuery,
  patchBody,
  requiredText,
} from './common.ts';

const nameplate = {
  code: Type.String(),
  name: Type.String(),
  model: Type.String(),
  constantImpPerKwh: Type.Integer({ description: 'meter constant, imp/kWh' }),
  ratedCurrentMa: Type.Integer(),
  maxCurrentMa: Type.Integer(),
  phases: Type.Integer({ description: '1 or 3' }),
  protocol: literalUnion(meterProtocols),
  cardStandard: literalUnion(cardStandards),
};

export const meterType = Type.Object({
  id,
  ...nameplate,
  version: Type.Integer({ minimum: 1 }),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

export const meterTypeVersion = Type.Object({
  id,
  meterTypeId: id,
  ...nameplate,
  version: Type.Integer({ minimum: 1 }),
  createdAt: epochMs(),
  createdBy: nullable(id),
});

/** Nameplate data, e.g. `220V 10(40)A 50Hz 1600imp/kWh` (DOMAIN.md §2): currents in mA, constant in imp/kWh. */
const meterTypeBody = Type.Object({
  code,
  name: requiredText(),
  model: requiredText(64),
  constantImpPerKwh: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  ratedCurrentMa: Type.Integer({ minimum: 1 }),
  maxCurrentMa: Type.Integer({ minimum: 1 }),
  phases: integerUnion(meterPhases),
  protocol: literalUnion(meterProtocols),
  cardStandard: literalUnion(cardStandards),
});

export const meterTypesApi = {
  list: { querystring: pageQuery(['id', 'code', 'name'] as const, {}), response: ok(page(meterType)) },
  get: {
    params: idParams,
    response: ok(Type.Object({ ...meterType.properties, versions: Type.Array(meterTypeVersion) })),
  },
  create: { body: meterTypeBody, response: created(meterType) },
  update: {
    params: idParams,
    body: patchBody(Type.Omit(meterTypeBody, ['code'])),
    response: ok(meterType),
  },
};
