// Prepaid vending at the counter: finding an account, where it stands, quotes, sales and corrections.
import { Type } from '@sinclair/typebox';
import { accountStates, cardStandards, prepaidModes } from '../lists/archive.ts';
import { ledgerEntryKinds, periodNames, purchaseBases, relayActions, tariffKinds } from '../lists/vending.ts';
import { customerCardData } from './cards.ts';
import { meterCommand } from './collection.ts';
import {
  count,
  createdOnce,
  epochMs,
  id,
  idParams,
  json,
  literalUnion,
  nullable,
  ok,
  page,
  params,
  requiredText,
  whole,
  withErrors,
} from './common.ts';
import { prepaidBalance } from './meters.ts';
import { awaitingApproval } from './vending-approvals.ts';

/** One hit of the counter's account search. */
export const accountMatch = Type.Object({
  id,
  accountNo: Type.String(),
  state: literalUnion(accountStates),
  prepaidMode: literalUnion(prepaidModes),
  meterId: id,
  factoryNo: Type.String(),
  customerId: id,
  customerCode: Type.String(),
  customerName: Type.String(),
  unit: Type.String({ description: 'the room (门牌)' }),
  address: Type.String(),
  phones: Type.Array(Type.String(), {
    description: "the account's phone numbers (a search matches them too)",
  }),
});

/** What an entry keeps beside its figures; which fields depends on its kind (docs/vending.md). */
export const entryDetails = Type.Object(
  {
    by: Type.Optional(literalUnion(purchaseBases)),
    offeredFen: Type.Optional(nullable(whole)),
    tariffKind: Type.Optional(Type.String()),
    price: Type.Optional(json('the sale priced line by line, as a quote prices it')),
    explanation: Type.Optional(
      Type.Record(Type.String(), Type.Array(Type.String()), { description: 'lines by language (zh-CN, en)' }),
    ),
    presetDeductedKwh: Type.Optional(Type.Number()),
    card: Type.Optional(nullable(customerCardData)),
    reason: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const ledgerEntry = Type.Object({
  id,
  accountId: id,
  meterId: id,
  kind: literalUnion(ledgerEntryKinds),
  amountFen: whole,
  energyWh: whole,
  adjustmentWh: whole,
  purchaseCount: nullable(count),
  writeKwh: nullable(Type.Number()),
  refersToId: nullable(id),
  tierCycle: nullable(Type.String()),
  priceTypeVersionId: nullable(id),
  tariffVersionId: nullable(id),
  invoiceNo: nullable(Type.String()),
  requestId: Type.String(),
  operatorUserId: nullable(id),
  operatorName: Type.String(),
  createdAt: epochMs(),
  details: entryDetails,
});

/**
 * Where a local sale's money stands: `in-meter` (the meter confirmed the top-up), `being-written` (pending
 * or being sent), `not-taken` (the meter refused it or nothing was sent: the money is on the account and the
 * sale may be cancelled), `unknown` (the meter did not answer: send again, the meter's records decide).
 */
export const localMoneyStates = ['in-meter', 'being-written', 'not-taken', 'unknown'] as const;
const money = literalUnion(localMoneyStates);

export const vendingSummary = Type.Object({
  accountId: id,
  accountNo: Type.String(),
  state: literalUnion(accountStates),
  prepaidMode: literalUnion(prepaidModes),
  customer: Type.Object({ id, name: Type.String(), address: Type.String() }),
  meter: Type.Object({
    id,
    factoryNo: Type.String(),
    multiplier: Type.Integer(),
    cardStandard: literalUnion(cardStandards),
  }),
  balance: Type.Object({
    balanceFen: whole,
    netPaidFen: whole,
    consumedFen: whole,
    consumedWh: whole,
    netEnergyWh: whole,
    pendingAdjustmentWh: whole,
    purchaseCount: count,
    boughtWh: Type.Integer({
      description:
        'energy bought (sales less cancels and refunds), customer Wh; unlike netEnergyWh, no metered use taken off',
    }),
    entries: count,
    drift: Type.Array(Type.String(), {
      description:
        'where the kept balance (account_balances) differs from the ledger entries; empty when they agree. The figures above are always summed from the entries; a difference raises a ledger-drift alarm and refunds and cancels are refused BALANCE_DRIFT until an administrator rebuilds it',
    }),
  }),
  /** What the account has left: a remote account's money (ledger), a card or local meter's as it last said. */
  remaining: prepaidBalance,
  card: Type.Object({ cardSerial: count, presetKwh: Type.Number() }),
  tariff: Type.Object({
    kind: literalUnion(tariffKinds),
    tariffVersionId: nullable(id),
    priceTypeVersionId: id,
    tierCycle: nullable(Type.String()),
    cycleUsedWh: whole,
  }),
  lastSale: nullable(ledgerEntry),
  /** A local account: where the last sale's money stands (as `delivery.money`); null otherwise. */
  lastTopUp: nullable(money),
});

const priceLineFields = { energyWh: whole, exactFen: Type.String({ description: 'exact, as a decimal' }) };
export const pricedSale = Type.Object({
  energyWh: whole,
  amountFen: whole,
  exactFen: Type.String(),
  roundingFen: Type.String(),
  lines: Type.Array(
    Type.Union([
      Type.Object({ kind: Type.Literal('flat'), priceE4FenPerKwh: whole, ...priceLineFields }),
      Type.Object({
        kind: Type.Literal('tier'),
        tier: count,
        fromWh: whole,
        toWh: whole,
        priceE4FenPerKwh: whole,
        ...priceLineFields,
      }),
      Type.Object({
        kind: Type.Literal('period'),
        period: literalUnion(periodNames),
        advance: Type.Boolean(),
        priceE4FenPerKwh: whole,
        ...priceLineFields,
      }),
      Type.Object({
        kind: Type.Literal('surcharge'),
        tier: count,
        fromWh: whole,
        toWh: whole,
        surchargeE4FenPerKwh: whole,
        ...priceLineFields,
      }),
    ]),
  ),
});

export const quote = Type.Object({
  accountId: id,
  by: literalUnion(purchaseBases),
  energyWh: whole,
  amountFen: whole,
  changeFen: Type.Integer({ description: 'money offered less the price (buying by money)' }),
  price: nullable(pricedSale),
  explanation: Type.Array(Type.String()),
  tariffKind: literalUnion(tariffKinds),
  tierCycle: nullable(Type.String()),
  card: nullable(
    Type.Object({
      writeKwh: Type.Number(),
      adjustmentAppliedWh: whole,
      presetDeductedKwh: Type.Number(),
    }),
  ),
});

/** Where a remote account stands after a movement, and what its relay should do. */
export const remoteStatus = Type.Object({
  balanceFen: whole,
  alarmFen: whole,
  creditFen: whole,
  action: literalUnion(relayActions),
});

/** What became of a local fee-control sale's top-up, and where its money stands. */
export const delivery = Type.Union([
  Type.Object({ state: Type.Literal('sent'), command: meterCommand, money }),
  Type.Object({
    state: Type.Literal('not-sent'),
    money,
    reason: Type.String({ description: 'English, for logs' }),
    reasonCode: nullable(Type.String()),
    reasonParams: nullable(params),
  }),
]);

const replayed = Type.Boolean({ description: 'the same requestId again: the first answer' });

export const saleResult = Type.Object({
  ...ledgerEntry.properties,
  replayed,
  remote: nullable(remoteStatus),
  local: Type.Boolean(),
  command: Type.Optional(meterCommand),
  delivery: Type.Optional(delivery),
});

export const correctionResult = Type.Object({
  ...ledgerEntry.properties,
  replayed,
  remote: nullable(remoteStatus),
  command: Type.Optional(meterCommand),
});

export const recordedEntry = Type.Object({ ...ledgerEntry.properties, replayed });

export const chargeResult = Type.Object({
  entry: nullable(recordedEntry),
  remote: nullable(remoteStatus),
  command: Type.Optional(meterCommand),
});

export const topUp = Type.Object({ entryId: id, delivery });

/** Chosen by the client, once per operation: repeating it returns the first result (DESIGN.md principle 3). */
const requestId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' });
const card = Type.Optional(
  Type.Object({}, { additionalProperties: true, description: 'The card image as read (docs/card-image.md)' }),
);
const purchaseFields = {
  by: literalUnion(purchaseBases, { description: '001 §3.3.1: enter the energy or the money' }),
  energyWh: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000_000 })),
  amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000_00 })),
};
const reason = requiredText(500);

export const vendingApi = {
  findAccounts: {
    querystring: Type.Object({
      q: Type.String({ minLength: 1, maxLength: 64 }),
      limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    }),
    response: ok(Type.Object({ items: Type.Array(accountMatch) })),
  },
  summary: { params: idParams, response: ok(vendingSummary) },
  entries: {
    params: idParams,
    querystring: Type.Object({
      offset: Type.Integer({ minimum: 0, default: 0 }),
      limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      direction: literalUnion(['asc', 'desc'] as const, { default: 'desc' }),
    }),
    response: ok(page(ledgerEntry)),
  },
  quote: { params: idParams, querystring: Type.Object(purchaseFields), response: ok(quote) },
  sell: {
    params: idParams,
    body: Type.Object({ requestId, ...purchaseFields, card }),
    response: createdOnce(saleResult),
  },
  topUp: {
    params: idParams,
    body: Type.Object({ requestId }),
    response: withErrors({ 202: topUp, 503: topUp }),
  },
  cancel: {
    params: idParams,
    body: Type.Object({ requestId, reason, card }),
    response: { ...createdOnce(correctionResult), ...awaitingApproval },
  },
  refund: {
    params: idParams,
    body: Type.Object({
      requestId,
      amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000_00 }),
      energyWh: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
      reason,
    }),
    response: { ...createdOnce(correctionResult), ...awaitingApproval },
  },
  adjust: {
    params: idParams,
    body: Type.Object({
      requestId,
      adjustmentWh: Type.Integer({
        minimum: -10_000_000_000,
        maximum: 10_000_000_000,
        not: { const: 0 },
      }),
      reason,
    }),
    response: { ...createdOnce(recordedEntry), ...awaitingApproval },
  },
  charge: { params: idParams, response: ok(chargeResult) },
  replaceMeter: {
    params: idParams,
    body: Type.Object({
      requestId,
      newMeterId: Type.Integer({ minimum: 1 }),
      oldRemainingWh: Type.Integer({ minimum: -10_000_000_000, maximum: 10_000_000_000 }),
      reason,
    }),
    response: createdOnce(recordedEntry),
  },
};

export { reason as correctionReason, requestId as vendingRequestId };
