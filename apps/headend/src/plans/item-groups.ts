// Named groups of DL/T 645-2007 data identifiers, for plans and for operators who ask for "energy" rather
// than for 00010000: what the default plans read and what "read now" offers.
import { type DataValue, encodeItem, lookupItem } from '@openami/protocol';

export const ITEM_GROUPS = {
  /** Forward active total and tariffs 1-4, reverse active total (DL/T 645-2007 A.1). */
  energy: [0x00010000, 0x00010100, 0x00010200, 0x00010300, 0x00010400, 0x00020000],
  /** Phase A voltage and current, active power, power factor, frequency (A.3). */
  instantaneous: [0x02010100, 0x02020100, 0x02030000, 0x02060000, 0x02800002],
  /** Remaining energy and remaining money of prepaid meters (A.1, 00900100 and 00900200). */
  prepaid: [0x00900100, 0x00900200],
  /** Status words 1, 3 and 7, event counts: power down, meter and terminal cover open, relay trip and close. */
  status: [0x04000501, 0x04000503, 0x04000507, 0x03110000, 0x03300d00, 0x03300e00, 0x1d000001, 0x1e000001],
  /** Date with weekday and time (A.5, 04000101 and 04000102). */
  clock: [0x04000101, 0x04000102],
} as const satisfies Record<string, readonly number[]>;

export type ItemGroup = keyof typeof ITEM_GROUPS;

export function isItemGroup(name: string): name is ItemGroup {
  return Object.hasOwn(ITEM_GROUPS, name);
}

export interface ItemInfo {
  /** Eight hex digits, DI3 first, as written in the standard. */
  readonly di: string;
  readonly zh: string;
  readonly en: string;
  readonly unit?: string;
}

/** What a 2007 identifier is, from the protocol catalog; undefined for one the catalog does not know. */
export function itemInfo(di: number): ItemInfo | undefined {
  const item = lookupItem('2007', di);
  if (item === undefined) return undefined;
  return {
    di: di.toString(16).toUpperCase().padStart(8, '0'),
    zh: item.zh,
    en: item.en,
    ...(item.unit === undefined ? {} : { unit: item.unit }),
  };
}

/**
 * Items named by group or by eight hex digits, deduplicated in order; throws a `RangeError` naming the
 * first one that is neither a group nor an identifier the catalog knows.
 */
export function resolveItems(names: readonly string[]): number[] {
  const items: number[] = [];
  for (const name of names) {
    if (isItemGroup(name)) {
      items.push(...ITEM_GROUPS[name]);
      continue;
    }
    const di = /^[0-9A-Fa-f]{8}$/.test(name) ? Number.parseInt(name, 16) : undefined;
    if (di === undefined || lookupItem('2007', di) === undefined) {
      throw new RangeError(name);
    }
    items.push(di);
  }
  return [...new Set(items)];
}

/**
 * Why `value` cannot be written to `di`, in words, or undefined when it can: the item must be in the
 * catalog, writable, and the value must fit its format (checked by encoding it).
 */
export function writeProblem(di: number, value: DataValue): string | undefined {
  const item = lookupItem('2007', di);
  const name = di.toString(16).toUpperCase().padStart(8, '0');
  if (item === undefined) return `data identifier ${name} is not in the DL/T 645-2007 catalog`;
  if (item.access === 'read') return `${name} (${item.en}) is read-only`;
  try {
    encodeItem('2007', di, value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
