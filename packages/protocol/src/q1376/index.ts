// Q/GDW 1376.1: the master station ↔ concentrator protocol, as a pure codec (no I/O).
export * from './address.ts';
export * from './constants.ts';
export * from './control.ts';
export * from './data-id.ts';
export * from './deframer.ts';
export * from './events.ts';
export type { ClockTime, DayDate, MinuteTime, MonthDate } from './formats.ts';
export * from './frame.ts';
export * from './functions-control.ts';
export * from './functions-data.ts';
export * from './functions-events.ts';
export * from './functions-forward.ts';
export * from './functions-link.ts';
export * from './functions-parameters.ts';
export * from './message.ts';
export * from './sequence.ts';
export type { Query, UnitHeader, UnknownUnit } from './unit.ts';
