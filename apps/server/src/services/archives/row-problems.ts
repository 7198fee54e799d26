import type { Locale } from '../../errors.ts';
import { customerColumns, meterColumns } from './columns.ts';

/** Why a row of an import was refused: a stable code, and a message in the requester's language. */
export const rowProblems = {
  required: { zh: '必填项为空', en: 'is required' },
  notInteger: { zh: '必须是非负整数', en: 'must be a whole number, 0 or more' },
  notPositive: { zh: '必须是正整数', en: 'must be a whole number above 0' },
  badAddress: { zh: '必须是12位数字', en: 'must be 12 digits' },
  badCode: { zh: '不能含空白字符', en: 'must not contain spaces' },
  tooLong: { zh: '过长', en: 'is too long' },
  duplicateInFile: { zh: '与文件中前面的行重复', en: 'repeats an earlier row of the file' },
  unknownMeterType: { zh: '电表类型不存在', en: 'no such meter type' },
  unknownArea: { zh: '区域不存在', en: 'no such area' },
  outsideAreas: { zh: '不在您负责的区域内', en: 'is outside the areas you may act on' },
  typeChanged: { zh: '已入库电表不能更换类型', en: 'a stocked meter cannot change its type' },
  badMultiplier: { zh: '互感器变比不正确', en: 'the transformer ratios do not give a whole multiplier' },
} as const;
export type RowProblemCode = keyof typeof rowProblems;

export interface RowProblem {
  /** The file's line number: 1 is the header row, so data starts at 2. */
  readonly line: number;
  readonly column: string;
  readonly code: RowProblemCode;
  readonly message: string;
}

/** Column headers by key, so that a message names the column as the file's reader knows it. */
const headers: ReadonlyMap<string, { readonly zh: string; readonly en: string }> = new Map(
  [...meterColumns, ...customerColumns].map((c) => [c.key, c]),
);

export function rowProblem(line: number, column: string, code: RowProblemCode, locale: Locale): RowProblem {
  const text = rowProblems[code];
  const header = headers.get(column);
  const name = header === undefined ? column : locale === 'en' ? header.en : header.zh;
  return { line, column, code, message: `${name}: ${locale === 'en' ? text.en : text.zh}` };
}

/** Rows of an import in their report: how many of each outcome, and every refused row. */
export interface ImportReport {
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly RowProblem[];
}
