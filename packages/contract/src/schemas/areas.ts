// Areas: the site's tree (region, transformer area, community, building, unit, floor, meter box).
import { Type } from '@sinclair/typebox';
import { areaKinds } from '../lists/archive.ts';
import {
  code,
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

export const area = Type.Object({
  id,
  parentId: nullable(id),
  kind: literalUnion(areaKinds),
  code: Type.String(),
  name: Type.String(),
  path: Type.String({
    description: 'the ids from the root, e.g. /1/4/9/: an area and what lies beneath share it',
  }),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

const areaBody = Type.Object({
  parentId: nullable(Type.Integer({ minimum: 1 })),
  kind: literalUnion(areaKinds),
  code,
  name: requiredText(),
});

export const areasApi = {
  list: {
    querystring: pageQuery(['id', 'code', 'name', 'path'] as const, {
      parentId: Type.Optional(Type.Integer({ minimum: 1 })),
      under: Type.Optional(Type.Integer({ minimum: 1 })),
      kind: Type.Optional(literalUnion(areaKinds)),
      name: Type.Optional(Type.String({ maxLength: 200 })),
    }),
    response: ok(page(area)),
  },
  get: { params: idParams, response: ok(area) },
  create: { body: areaBody, response: created(area) },
  update: { params: idParams, body: patchBody(areaBody), response: ok(area) },
  remove: { params: idParams, response: noContent },
};
