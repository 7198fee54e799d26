// The audit trail: who did what, when and from where, hash-chained.
import { Type } from '@sinclair/typebox';
import { count, epochMs, id, json, nullable, ok, page, pageQuery } from './common.ts';

export const auditEntry = Type.Object({
  id,
  at: epochMs(),
  actorUserId: nullable(id),
  actorName: Type.String(),
  sourceIp: Type.String(),
  action: Type.String({ description: 'e.g. meter.stockIn, vending.sale' }),
  entity: Type.String(),
  entityId: Type.String(),
  details: json('what changed, by action'),
  prevHash: Type.String({ description: 'the hash of the entry before: the chain' }),
  hash: Type.String(),
});

/** The first entry hashed with the audit key (HMAC); those before it are plain SHA-256; null: none keyed yet. */
const keyedFrom = nullable(id);

export const chainVerdict = Type.Union([
  Type.Object({ ok: Type.Literal(true), entries: count, keyedFrom }),
  Type.Object({
    ok: Type.Literal(false),
    entries: count,
    keyedFrom,
    brokenEntryId: id,
    reason: Type.String(),
  }),
]);

export const auditApi = {
  list: {
    querystring: pageQuery(['id', 'at'] as const, {
      entity: Type.Optional(Type.String({ maxLength: 64 })),
      entityId: Type.Optional(Type.String({ maxLength: 64 })),
      actorUserId: Type.Optional(Type.Integer({ minimum: 1 })),
    }),
    response: ok(page(auditEntry)),
  },
  verify: { response: ok(chainVerdict) },
};
