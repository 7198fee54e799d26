// The data-identifier catalog of both editions: what an identifier means, its unit, format and access.
// An identifier the catalog does not know still decodes, as raw bytes.
import { ProtocolError } from '../errors.ts';
import { ITEMS_1997 } from './catalog-1997.ts';
import { LISTED_ITEMS_2007 } from './catalog-2007-items.ts';
import { demandItem, energyItem, frozenItem, phaseQuantityItem } from './catalog-2007-measurements.ts';
import { type CatalogItem, formatDi } from './catalog-types.ts';
import type { Edition } from './constants.ts';
import { type DataFormat, type DataValue, raw } from './formats.ts';
import { decodeValue, encodeValue } from './value-codec.ts';

/** The catalog entry for an identifier, or undefined when the catalog does not know it. */
export function lookupItem(edition: Edition, di: number): CatalogItem | undefined {
  if (edition === '1997') return ITEMS_1997.get(di);
  const listed = LISTED_ITEMS_2007.get(di);
  if (listed !== undefined) return listed;
  const di3 = di >>> 24;
  const di2 = (di >>> 16) & 0xff;
  const di1 = (di >>> 8) & 0xff;
  const di0 = di & 0xff;
  switch (di3) {
    case 0x00:
      return energyItem(di, di2, di1, di0);
    case 0x01:
      return demandItem(di, di2, di1, di0);
    case 0x02:
      return phaseQuantityItem(di, di2, di1, di0);
    case 0x05:
      return di2 <= 0x06 ? frozenItem(di, di2, di1, di0) : undefined;
    default:
      return undefined;
  }
}

/** Every identifier the 1997 catalog lists, and a representative set of the 2007 catalog's. */
export function listedItems(edition: Edition): readonly CatalogItem[] {
  return [...(edition === '1997' ? ITEMS_1997 : LISTED_ITEMS_2007).values()];
}

export interface DecodedItem {
  readonly di: number;
  /** The identifier as written in the tables. */
  readonly id: string;
  /** The catalog entry; undefined for an identifier the catalog does not know (value is then raw hex). */
  readonly item: CatalogItem | undefined;
  readonly value: DataValue;
}

/** Decodes an item's data (after −33H, without the identifier). Unknown identifiers come back raw. */
export function decodeItem(
  edition: Edition,
  di: number,
  data: Uint8Array,
  offset = 0,
  length = data.length - offset,
): DecodedItem {
  const item = lookupItem(edition, di);
  const format: DataFormat = item?.format ?? raw;
  return { di, id: formatDi(edition, di), item, value: decodeValue(format, data, offset, length) };
}

/** Encodes a value for a known identifier (for writes and for the simulator's replies). */
export function encodeItem(edition: Edition, di: number, value: DataValue): Uint8Array {
  const item = lookupItem(edition, di);
  if (item === undefined) {
    throw new ProtocolError('bad-value', `data identifier ${formatDi(edition, di)} is not in the catalog`);
  }
  return encodeValue(item.format, value);
}
