// Accounts (户): a customer's account on a meter, how it is prepaid, its limits and phones.
import { Type } from '@sinclair/typebox';
import { accountStates, capacityLimitModes, prepaidModes } from '../lists/archive.ts';
import {
  code,
  count,
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
  whole,
} from './common.ts';

export const account = Type.Object({
  id,
  accountNo: Type.String(),
  customerId: id,
  meterId: id,
  priceTypeId: id,
  state: literalUnion(accountStates),
  prepaidMode: literalUnion(prepaidModes),
  alarmEnergyWh: whole,
  creditLimitWh: whole,
  hoardingLimitWh: Type.Integer({ description: '0: no hoarding limit' }),
  capacityLimitMode: Type.Integer({ description: '0 none; 1 card meters (001); 2 networked (002)' }),
  phones: Type.Array(Type.String()),
  openedAt: epochMs(),
  closedAt: nullable(epochMs()),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

const energyWh = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
const settingsBody = Type.Object({
  priceTypeId: Type.Integer({ minimum: 1 }),
  prepaidMode: literalUnion(prepaidModes),
  alarmEnergyWh: energyWh,
  creditLimitWh: energyWh,
  hoardingLimitWh: energyWh,
  capacityLimitMode: integerUnion(capacityLimitModes),
  phones: Type.Array(Type.String({ pattern: '^\\+?[0-9]{5,20}$' }), { maxItems: 5, default: [] }),
});
const openBody = Type.Object({
  accountNo: code,
  customerId: Type.Integer({ minimum: 1 }),
  meterId: Type.Integer({ minimum: 1 }),
  ...settingsBody.properties,
});

export const accountsApi = {
  list: {
    querystring: pageQuery(['id', 'accountNo', 'openedAt', 'updatedAt'] as const, {
      accountNo: Type.Optional(Type.String({ maxLength: 64 })),
      customerId: Type.Optional(Type.Integer({ minimum: 1 })),
      meterId: Type.Optional(Type.Integer({ minimum: 1 })),
      state: Type.Optional(literalUnion(accountStates)),
    }),
    response: ok(page(account)),
  },
  get: { params: idParams, response: ok(account) },
  open: { body: openBody, response: created(account) },
  openBatch: {
    body: Type.Object({
      settings: settingsBody,
      accounts: Type.Array(
        Type.Object({
          accountNo: code,
          customerId: Type.Integer({ minimum: 1 }),
          meterId: Type.Integer({ minimum: 1 }),
        }),
        { minItems: 1, maxItems: 1000 },
      ),
    }),
    response: created(Type.Object({ count, accountIds: Type.Array(id) })),
  },
  update: { params: idParams, body: patchBody(settingsBody), response: ok(account) },
  close: { params: idParams, response: ok(account) },
};
