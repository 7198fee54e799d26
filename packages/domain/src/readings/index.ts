export * from './energy-validation.ts';
