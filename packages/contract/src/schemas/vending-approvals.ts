// A second person's approval of refunds, cancels, adjustment energy and preset cards above the site's
// amount (OPENAMI_APPROVAL_ABOVE_FEN, OPENAMI_APPROVAL_ABOVE_WH): the pending request, the list approvers
// see, and their decision.
import { Type } from '@sinclair/typebox';
import { epochMs, id, idParams, json, literalUnion, nullable, ok, requiredText } from './common.ts';

export const approvalKinds = ['refund', 'cancel', 'adjustment', 'preset-card'] as const;
export const approvalStates = ['pending', 'approving', 'approved', 'refused'] as const;

export const approval = Type.Object(
  {
    id,
    kind: literalUnion(approvalKinds),
    state: literalUnion(approvalStates, {
      description:
        'pending: waits, nothing moved; approving: an approver took it and it is being carried out; approved: carried out once; refused: nothing happened',
    }),
    accountId: nullable(id),
    amountFen: nullable(Type.Integer({ description: 'the money it pays back (refund, cancel)' })),
    energyWh: nullable(
      Type.Integer({ description: 'the energy it gives (adjustment, preset card, refund)' }),
    ),
    request: json('the request as it was made, its request id left out'),
    requestedBy: Type.String(),
    requestedAt: epochMs(),
    decidedBy: nullable(Type.String()),
    decidedAt: nullable(epochMs()),
    reason: nullable(Type.String({ description: "the approver's reason" })),
    result: json("what the approved operation answered (null until then): a preset card's image to write"),
    account: Type.Optional(
      nullable(Type.Object({ accountNo: Type.String(), customerName: Type.String(), unit: Type.String() })),
    ),
  },
  { description: 'A request waiting for, or decided by, a second person' },
);

/** 202 beside an operation's own answers: above the site's amount, it waits for approval; nothing moved. */
export const awaitingApproval = {
  202: Type.Object(
    { approval },
    { description: 'Above the site’s amount: kept pending for a second person' },
  ),
};

export const vendingApprovalsApi = {
  list: {
    querystring: Type.Object({
      state: Type.Optional(literalUnion(['open', 'decided'] as const, { default: 'open' })),
    }),
    response: ok(Type.Object({ items: Type.Array(approval) })),
  },
  approve: {
    params: idParams,
    body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }),
    response: ok(
      Type.Object({
        replayed: Type.Boolean({ description: 'true when it had been approved and carried out before' }),
        approval,
      }),
    ),
  },
  refuse: {
    params: idParams,
    body: Type.Object({ reason: requiredText(500) }),
    response: ok(Type.Object({ approval })),
  },
};
