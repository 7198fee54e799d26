// 错误信息字 ERR: the byte an abnormal reply carries (DL/T 645-2007 Table "错误信息字"; 1997 likewise
// with other meanings for bits 0–2).
import type { Edition } from './constants.ts';

export type ErrorReason2007 =
  | 'other'
  | 'no-data'
  | 'unauthorized'
  | 'baud-rate-unchangeable'
  | 'too-many-year-zones'
  | 'too-many-day-periods'
  | 'too-many-tariffs';

export type ErrorReason1997 =
  | 'illegal-data'
  | 'bad-identifier'
  | 'password'
  | 'too-many-year-zones'
  | 'too-many-day-periods'
  | 'too-many-tariffs';

export type ErrorReason = ErrorReason2007 | ErrorReason1997;

/** Bit n of the error word → reason; undefined bits are reserved. */
const BITS_2007: readonly (ErrorReason2007 | undefined)[] = [
  'other', // D0 其他错误
  'no-data', // D1 无请求数据
  'unauthorized', // D2 密码错/未授权
  'baud-rate-unchangeable', // D3 通信速率不能更改
  'too-many-year-zones', // D4 年时区数超
  'too-many-day-periods', // D5 日时段数超
  'too-many-tariffs', // D6 费率数超
];

const BITS_1997: readonly (ErrorReason1997 | undefined)[] = [
  'illegal-data', // D0 非法数据
  'bad-identifier', // D1 数据标识错
  'password', // D2 密码错
  undefined, // D3 保留
  'too-many-year-zones', // D4 年时区数超
  'too-many-day-periods', // D5 日时段数超
  'too-many-tariffs', // D6 费率数超
];

/** The reasons an error word names, lowest bit first; reserved bits are ignored. */
export function errorReasons(edition: Edition, errorWord: number): ErrorReason[] {
  const table: readonly (ErrorReason | undefined)[] = edition === '2007' ? BITS_2007 : BITS_1997;
  const reasons: ErrorReason[] = [];
  table.forEach((reason, bit) => {
    if (reason !== undefined && (errorWord & (1 << bit)) !== 0) reasons.push(reason);
  });
  return reasons;
}

/** The error word for a set of reasons (the simulator's abnormal replies). */
export function errorWordOf(edition: Edition, reasons: readonly ErrorReason[]): number {
  const table: readonly (ErrorReason | undefined)[] = edition === '2007' ? BITS_2007 : BITS_1997;
  let word = 0;
  for (const reason of reasons) {
    const bit = table.indexOf(reason);
    if (bit >= 0) word |= 1 << bit;
  }
  return word;
}

/** What each reason means, for people (zh-CN and en). */
export const ERROR_REASON_TEXT: Readonly<Record<ErrorReason, { readonly zh: string; readonly en: string }>> =
  {
    other: { zh: '其他错误', en: 'other error' },
    'no-data': { zh: '无请求数据', en: 'the meter has no such data' },
    unauthorized: { zh: '密码错或未授权', en: 'wrong password or not authorised' },
    'baud-rate-unchangeable': { zh: '通信速率不能更改', en: 'the baud rate cannot be changed' },
    'too-many-year-zones': { zh: '年时区数超', en: 'too many yearly time zones' },
    'too-many-day-periods': { zh: '日时段数超', en: 'too many daily periods' },
    'too-many-tariffs': { zh: '费率数超', en: 'too many tariffs' },
    'illegal-data': { zh: '非法数据', en: 'illegal data' },
    'bad-identifier': { zh: '数据标识错', en: 'unknown data identifier' },
    password: { zh: '密码错', en: 'wrong password' },
  };

/**
 * 安全认证错误信息字 SERR: the two bytes (low byte first) a refused 03H command answers with
 * (Q/GDW 1365-2013, 安全认证 abnormal reply C3H).
 */
export type SecurityErrorReason =
  | 'other'
  | 'repeated-recharge'
  | 'esam-verification'
  | 'authentication'
  | 'customer-number'
  | 'purchase-count'
  | 'hoarding-limit';

const SECURITY_BITS: readonly SecurityErrorReason[] = [
  'other', // D0 其他错误
  'repeated-recharge', // D1 重复充值
  'esam-verification', // D2 ESAM验证失败
  'authentication', // D3 身份认证失败
  'customer-number', // D4 客户编号不匹配
  'purchase-count', // D5 充值次数错误
  'hoarding-limit', // D6 购电超囤积
];

export function securityErrorReasons(errorWord: number): SecurityErrorReason[] {
  return SECURITY_BITS.filter((_, bit) => (errorWord & (1 << bit)) !== 0);
}

export function securityErrorWordOf(reasons: readonly SecurityErrorReason[]): number {
  let word = 0;
  for (const reason of reasons) word |= 1 << SECURITY_BITS.indexOf(reason);
  return word;
}

export const SECURITY_ERROR_TEXT: Readonly<
  Record<SecurityErrorReason, { readonly zh: string; readonly en: string }>
> = {
  other: { zh: '其他错误', en: 'other error' },
  'repeated-recharge': { zh: '重复充值', en: 'this top-up was already taken' },
  'esam-verification': { zh: 'ESAM验证失败', en: 'the meter security module rejected the MAC' },
  authentication: { zh: '身份认证失败', en: 'identity authentication failed or expired' },
  'customer-number': { zh: '客户编号不匹配', en: 'the customer number does not match the meter' },
  'purchase-count': { zh: '充值次数错误', en: 'the purchase count is not the next one' },
  'hoarding-limit': { zh: '购电超囤积', en: 'the top-up would exceed the hoarding limit' },
};
