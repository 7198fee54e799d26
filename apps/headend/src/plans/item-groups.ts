// The item groups (named sets of DL/T 645-2007 identifiers, kept by the protocol package) as plans and
// "read now" use them: names resolved to identifiers, what each identifier is, whether a value can be written.
import {
  type DataValue,
  describeFormat,
  encodeItem,
  formatDi,
  ITEM_GROUPS,
  type ItemGroup,
  lookupItem,
} from '@openami/protocol';

export { ITEM_GROUPS, type ItemGroup };

/**
 * Items a meter holds only in some configurations of its type: the prepaid balances (an energy-type prepaid
 * meter holds the remaining energy, a money-type one the remaining money, a post-paid meter neither). A
 * meter that answers one of them "no such data" (its error word's 无请求数据) does not hold it: that is not
 * applicable, not a failed read. Any other refusal, of these or of other items, is a partial read.
 */
export const CONFIGURATION_ITEMS: ReadonlySet<number> = new Set<number>(ITEM_GROUPS.prepaid);

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

/** Why a value cannot be written to an item: the item is unknown, read-only, or the value does not fit. */
export type WriteProblem =
  | { readonly kind: 'unknown-item'; readonly item: string }
  | { readonly kind: 'read-only'; readonly item: string; readonly zh: string; readonly en: string }
  | {
      readonly kind: 'bad-value';
      readonly item: string;
      readonly zh: string;
      readonly en: string;
      /** The item's data format as the standard's tables write it (XXXX.XX, YYMMDDhhmm, NNNN). */
      readonly format: string;
      /** The encoder's own account, for logs. */
      readonly detail: string;
    };

/**
 * Why `value` cannot be written to `di`, or undefined when it can: the item must be in the catalog, writable,
 * and the value must fit its format (checked by encoding it).
 */
export function writeProblem(di: number, value: DataValue): WriteProblem | undefined {
  const item = lookupItem('2007', di);
  const name = formatDi('2007', di);
  if (item === undefined) return { kind: 'unknown-item', item: name };
  if (item.access === 'read') return { kind: 'read-only', item: name, zh: item.zh, en: item.en };
  try {
    encodeItem('2007', di, value);
    return undefined;
  } catch (error) {
    return {
      kind: 'bad-value',
      item: name,
      zh: item.zh,
      en: item.en,
      format: describeFormat(item.format),
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
