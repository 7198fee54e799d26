// Concentrators (Q/GDW 1376.1 terminals) and the meters behind them at measuring points (issue 16).
import { Type } from '@sinclair/typebox';
import { concentratorVariants } from '../lists/archive.ts';
import {
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
  requiredText,
} from './common.ts';

export const concentrator = Type.Object({
  id,
  areaId: id,
  name: Type.String(),
  areaCode: Type.String({ description: 'A1, the administrative area code: 4 digits' }),
  terminalAddress: Type.Integer({ description: 'A2, the terminal address: 0–65535' }),
  masterAddress: Type.Integer({ description: 'A3, the master station address it answers: 0–127' }),
  model: Type.String(),
  variant: literalUnion(concentratorVariants),
  notes: Type.String(),
  online: Type.Boolean({ description: 'holds a logged-in link to the head-end (written by the head-end)' }),
  lastLoginAt: nullable(epochMs()),
  lastHeartbeatAt: nullable(epochMs()),
  signalDbm: nullable(Type.Integer({ description: 'the last reported signal strength, dBm' })),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

/** A meter behind a concentrator, at its measuring point pn. */
export const concentratorMeter = Type.Object({
  meterId: id,
  factoryNo: Type.String(),
  commAddress: Type.String(),
  measuringPoint: Type.Integer(),
});

const concentratorBody = Type.Object({
  areaId: Type.Integer({ minimum: 1 }),
  name: requiredText(),
  areaCode: Type.String({ pattern: '^[0-9]{4}$', description: 'A1: 4 digits, leading zeros kept' }),
  terminalAddress: Type.Integer({ minimum: 0, maximum: 65_535 }),
  masterAddress: Type.Integer({ minimum: 0, maximum: 127, default: 1 }),
  model: requiredText(64),
  variant: literalUnion(concentratorVariants, { default: 'gdw1376_1_2013' }),
  notes: Type.String({ maxLength: 500, default: '' }),
});

export const measuringPoint = Type.Integer({ minimum: 1, maximum: 2040, description: 'pn, 1–2040' });

export const concentratorsApi = {
  list: {
    querystring: pageQuery(['id', 'name', 'areaCode', 'terminalAddress'] as const, {
      name: Type.Optional(Type.String({ maxLength: 200 })),
      areaCode: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
    }),
    response: ok(page(concentrator)),
  },
  get: { params: idParams, response: ok(concentrator) },
  create: { body: concentratorBody, response: created(concentrator) },
  update: { params: idParams, body: patchBody(concentratorBody), response: ok(concentrator) },
  remove: { params: idParams, response: noContent },
  meters: { params: idParams, response: ok(Type.Array(concentratorMeter)) },
  /** Puts a meter on a measuring point, or takes it off (null). */
  setPoint: {
    params: idParams,
    body: nullable(Type.Object({ concentratorId: Type.Integer({ minimum: 1 }), point: measuringPoint })),
    response: noContent,
  },
};
