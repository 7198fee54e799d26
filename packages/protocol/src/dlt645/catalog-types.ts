import type { Edition } from './constants.ts';
import type { DataFormat } from './formats.ts';

export type Unit =
  | 'kWh'
  | 'kvarh'
  | 'kVAh'
  | 'kW'
  | 'kvar'
  | 'kVA'
  | 'V'
  | 'A'
  | 'Hz'
  | '°'
  | '℃'
  | '%'
  | 'min'
  | 'ms'
  | 'yuan'
  | 'yuan/kWh'
  | 'imp/kWh'
  | 'imp/kvarh';

export type Access = 'read' | 'write' | 'read-write';

/** One data identifier (数据标识) of the catalog. */
export interface CatalogItem {
  readonly edition: Edition;
  /** 2007: four bytes DI3 DI2 DI1 DI0 as one unsigned integer; 1997: two bytes DI1 DI0. */
  readonly di: number;
  readonly zh: string;
  readonly en: string;
  readonly unit?: Unit;
  readonly format: DataFormat;
  readonly access: Access;
}

/** Builds a 2007 identifier from its four bytes, DI3 first (as written: 0x02, 0x01, 0x01, 0x00 → 02010100). */
export function di2007(di3: number, di2: number, di1: number, di0: number): number {
  return ((di3 << 24) | (di2 << 16) | (di1 << 8) | di0) >>> 0;
}

/** An identifier as written in the tables: 8 hex digits (2007) or 4 (1997). */
export function formatDi(edition: Edition, di: number): string {
  return di
    .toString(16)
    .toUpperCase()
    .padStart(edition === '2007' ? 8 : 4, '0');
}
