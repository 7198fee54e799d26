// Customers (用户), versioned: a change makes a new version and history keeps the old one.
import { Type } from '@sinclair/typebox';
import {
  code,
  created,
  epochMs,
  id,
  idParams,
  nullable,
  ok,
  page,
  pageQuery,
  requiredText,
  text,
} from './common.ts';

const customerFields = {
  code: Type.String(),
  name: Type.String(),
  unit: Type.String({ description: 'the room (门牌), e.g. 1-2-301' }),
  address: Type.String(),
  idNumber: Type.String(),
  areaId: id,
};

export const customer = Type.Object({
  id,
  ...customerFields,
  version: Type.Integer({ minimum: 1 }),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

/**
 * A customer as the customer list shows it: with what people search a household by. Optional until every
 * server sends them (issue 22, item 19); empty lists for a customer without accounts.
 */
export const customerListItem = Type.Object({
  ...customer.properties,
  phones: Type.Optional(
    Type.Array(Type.String(), { description: "the phone numbers of the customer's accounts" }),
  ),
  accountNos: Type.Optional(Type.Array(Type.String(), { description: "the customer's open accounts" })),
  meterNos: Type.Optional(
    Type.Array(Type.String(), {
      description: "factory numbers of the meters of the customer's open accounts",
    }),
  ),
});

export const customerVersion = Type.Object({
  id,
  customerId: id,
  ...customerFields,
  version: Type.Integer({ minimum: 1 }),
  createdAt: epochMs(),
  createdBy: nullable(id),
});

const customerBody = Type.Object({
  code,
  name: requiredText(),
  unit: text(),
  address: text(),
  idNumber: text(32),
  areaId: Type.Integer({ minimum: 1 }),
});

export const customersApi = {
  list: {
    querystring: pageQuery(['id', 'code', 'name', 'updatedAt'] as const, {
      code: Type.Optional(Type.String({ maxLength: 64 })),
      name: Type.Optional(Type.String({ maxLength: 200 })),
      areaId: Type.Optional(Type.Integer({ minimum: 1 })),
    }),
    response: ok(page(customerListItem)),
  },
  get: {
    params: idParams,
    response: ok(Type.Object({ ...customer.properties, versions: Type.Array(customerVersion) })),
  },
  create: { body: customerBody, response: created(customer) },
  update: {
    params: idParams,
    body: Type.Partial(Type.Omit(customerBody, ['code'])),
    response: ok(customer),
  },
};
