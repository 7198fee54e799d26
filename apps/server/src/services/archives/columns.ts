import type { Locale } from '../../errors.ts';

/** One column of an archive file: its key, its header in each language, and whether a row needs it. */
export interface Column<Key extends string> {
  readonly key: Key;
  readonly zh: string;
  readonly en: string;
  readonly required: boolean;
  /** Headers an earlier template used, still read on import. */
  readonly formerly?: readonly string[];
}

export const meterColumns = [
  { key: 'factoryNo', zh: '出厂编号', en: 'Factory number', required: true },
  { key: 'commAddress', zh: '通信地址', en: 'Communication address', required: true },
  { key: 'meterTypeCode', zh: '电表类型编码', en: 'Meter type code', required: true },
  { key: 'areaCode', zh: '区域编码', en: 'Area code', required: true },
  { key: 'startingReadingWh', zh: '起始读数(Wh)', en: 'Starting reading (Wh)', required: false },
  { key: 'ptPrimary', zh: 'PT一次', en: 'PT primary', required: false },
  { key: 'ptSecondary', zh: 'PT二次', en: 'PT secondary', required: false },
  { key: 'ctPrimary', zh: 'CT一次', en: 'CT primary', required: false },
  { key: 'ctSecondary', zh: 'CT二次', en: 'CT secondary', required: false },
] as const satisfies readonly Column<string>[];
export type MeterColumn = (typeof meterColumns)[number]['key'];

/** Exported but not imported: the import only stocks in and corrects, it never changes a meter's state. */
export const meterExportOnlyColumns = [
  { key: 'state', zh: '状态', en: 'State', required: false },
  { key: 'multiplier', zh: '倍率', en: 'Multiplier', required: false },
] as const satisfies readonly Column<string>[];

export const customerColumns = [
  { key: 'code', zh: '用户编号', en: 'Customer code', required: true },
  { key: 'name', zh: '用户名称', en: 'Name', required: true },
  // The room (门牌) the customer lives in, e.g. 1-2-301: headed 单位 until issue 22, which reads as employer.
  { key: 'unit', zh: '房号', en: 'Room', required: false, formerly: ['单位', '门牌号', 'Unit'] },
  { key: 'address', zh: '地址', en: 'Address', required: false },
  { key: 'idNumber', zh: '证件号码', en: 'ID number', required: false },
  { key: 'areaCode', zh: '区域编码', en: 'Area code', required: true },
] as const satisfies readonly Column<string>[];
export type CustomerColumn = (typeof customerColumns)[number]['key'];

export function headerRow(columns: readonly Column<string>[], locale: Locale): string[] {
  return columns.map((c) => (locale === 'en' ? c.en : c.zh));
}

/**
 * Maps each known column to its index in the file's header row. Headers are accepted in either language or
 * as the key itself, in any order; returns the required columns that are missing.
 */
export function locateColumns<Key extends string>(
  columns: readonly Column<Key>[],
  header: readonly string[],
): { readonly index: ReadonlyMap<Key, number>; readonly missing: readonly Key[] } {
  const index = new Map<Key, number>();
  header.forEach((raw, position) => {
    const name = raw.trim().toLowerCase();
    const column = columns.find((c) =>
      [c.key, c.zh, c.en, ...(c.formerly ?? [])].some((label) => label.toLowerCase() === name),
    );
    if (column !== undefined && !index.has(column.key)) index.set(column.key, position);
  });
  return { index, missing: columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.key) };
}
