// Register values as the catalog's formats carry them: energies in kWh with two decimals (truncated, as a
// meter's display is), powers in kW with four, and the meter's clock as calendar fields.
import type { MeterDateTime } from '@openami/protocol';
import { toMeterDateTime } from '../time/local-time.ts';

/** An energy register read (kWh, XXXXXX.XX): the register rolls over past 999999.99. */
export function kwh(wh: number): number {
  return (Math.floor(wh / 10) % 100_000_000) / 100;
}

/** Money (yuan, XXXXXX.XX) from integer fen; negative balances read as their magnitude's register. */
export function yuan(fen: number): number {
  return (Math.max(0, fen) % 100_000_000) / 100;
}

/** Signed energy (组合有功): magnitude rolls over past 799999.99 (sign-magnitude, top bit is the sign). */
export function signedKwh(wh: number): number {
  const magnitude = (Math.floor(Math.abs(wh) / 10) % 80_000_000) / 100;
  return wh < 0 ? -magnitude : magnitude;
}

/** A value rounded to `decimals` and clamped to what `bytes` BCD bytes hold (signed: top bit is the sign). */
export function fixed(value: number, decimals: number, bytes: number, signed: boolean): number {
  const factor = 10 ** decimals;
  const limit = (signed ? 8 * 10 ** (bytes * 2 - 1) - 1 : 10 ** (bytes * 2) - 1) / factor;
  const clamped = Math.max(signed ? -limit : 0, Math.min(limit, value));
  return Math.round(clamped * factor) / factor;
}

/** W → kW as XX.XXXX (three bytes, signed). */
export function kw(watts: number): number {
  return fixed(watts / 1000, 4, 3, true);
}

export function dateTime(epochMs: number, utcOffsetMinutes: number): Required<MeterDateTime> {
  return toMeterDateTime(epochMs, utcOffsetMinutes);
}
