export * from './calendar.ts';
export * from './energy-for-money.ts';
export * from './explain.ts';
export * from './price.ts';
export * from './pricing.ts';
export * from './tariff.ts';
export * from './validate.ts';
export * from './versions.ts';
