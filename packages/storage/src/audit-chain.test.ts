import fc from 'fast-check';
import { expect, it } from 'vitest';
import { canonicalJson, chainedTextAroundId } from './audit-chain.ts';

const text = fc.string({ unit: 'binary' });

it('splits the chained text around the id, whatever the fields hold', () => {
  fc.assert(
    fc.property(
      fc.record({
        id: fc.integer({ min: 1, max: 2 ** 40 }),
        at: fc.integer({ min: 0, max: 2 ** 45 }),
        actorUserId: fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: null }),
        actorName: text,
        sourceIp: text,
        action: text,
        entity: text,
        entityId: text,
        details: fc.oneof(text, fc.constant('{"id":0,"x":",\\"id\\":0,"}')),
      }),
      ({ id, ...fields }) => {
        const { before, after } = chainedTextAroundId(fields);
        expect(`${before}${id}${after}`).toBe(canonicalJson({ ...fields, id }));
      },
    ),
  );
});
