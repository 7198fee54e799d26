// The kept balances against the vending ledger (issue 22): an administrator checks every account's
// `account_balances` row against its entries, and rebuilds rows that differ from them.
import { Type } from '@sinclair/typebox';
import { epochMs, id, nullable, ok } from './common.ts';

export const ledgerDrift = Type.Object({
  accountId: id,
  accountNo: nullable(Type.String()),
  meterId: nullable(id),
  problems: Type.Array(Type.String(), { description: 'each figure that differs, with both values' }),
});

export const ledgerCheck = Type.Object({
  checkedAt: epochMs(),
  drifted: Type.Array(ledgerDrift, { description: 'accounts whose kept balance differs from the entries' }),
  rebuilt: Type.Array(id, { description: 'accounts whose kept balance was rebuilt (a rebuild only)' }),
});

export const ledgerApi = {
  check: { response: ok(ledgerCheck) },
  rebuild: {
    body: Type.Object({
      accountId: Type.Optional(id),
    }),
    response: ok(ledgerCheck),
  },
};
