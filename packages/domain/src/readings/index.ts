export * from './daily-shares.ts';
export * from './energy-validation.ts';
export * from './meter-reading.ts';
export * from './units.ts';
