// @openami/contract/schemas: the TypeBox schemas of every route, for the server to validate requests and
// serialize responses with, and for /api/docs. Clients import the types and lists from `@openami/contract`.
export * from './accounts.ts';
export * from './alarms.ts';
export * from './archives.ts';
export * from './areas.ts';
export * from './audit.ts';
export * from './cards.ts';
export * from './collection.ts';
export * from './common.ts';
export * from './concentrators.ts';
export * from './customers.ts';
export * from './health.ts';
export * from './ledger.ts';
export * from './meter-types.ts';
export * from './meters.ts';
export * from './price-types.ts';
export * from './readings.ts';
export * from './reports.ts';
export * from './resident.ts';
export * from './terminals.ts';
export * from './users.ts';
export * from './vending.ts';
export * from './vending-approvals.ts';
export * from './vending-cards.ts';
export * from './vending-records.ts';
