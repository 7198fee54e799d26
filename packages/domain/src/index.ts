export * from './alarms.ts';
export * from './area-scope.ts';
export * from './meter-state.ts';
export * from './multiplier.ts';
export * from './roles.ts';
export * from './tariff/index.ts';
export * from './vending/index.ts';
