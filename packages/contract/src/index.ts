// @openami/contract: what the HTTP API says. The closed lists and the error table are data; the types are
// the static types of the route schemas (type-only, so no schema code reaches a client's bundle). The
// schemas themselves are at `@openami/contract/schemas`.
export * from './errors.ts';
export * from './lists/access.ts';
export * from './lists/alarms.ts';
export * from './lists/archive.ts';
export * from './lists/audit.ts';
export * from './lists/collection.ts';
export * from './lists/reasons.ts';
export * from './lists/reports.ts';
export * from './lists/vending.ts';
export * from './site-time.ts';
export type * from './types.ts';
