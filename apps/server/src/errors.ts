// The error table (code, HTTP status, zh-CN and en templates) is the API contract's; the server raises its
// codes as `AppError` and words them in the requester's language.
import { type ErrorCode, errorTable, type Locale, planProblemWords } from '@openami/contract';

export { type ErrorCode, errorTable, type Locale };

export type Details = Readonly<Record<string, unknown>>;

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: Details;

  constructor(code: ErrorCode, details: Details = {}) {
    super(renderMessage(code, 'en', details));
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorTable[this.code].status;
  }
}

/** Entity names as they appear in `details.entity`, and how a zh-CN message names them. */
const entityNamesZh: Readonly<Record<string, string>> = {
  account: '账户',
  'open account': '在用账户',
  alarm: '告警',
  'alarm rule': '告警规则',
  approval: '复核申请',
  area: '区域',
  'collection run': '采集任务',
  'reading plan': '采集方案',
  command: '命令',
  customer: '用户',
  meter: '电表',
  'meter type': '电表类型',
  'parent meter': '上级电表',
  'price type': '电价类型',
  record: '记录',
  sale: '售电记录',
  'ledger entry': '账务记录',
  terminal: '采集终端',
  token: '访问令牌',
  'terminal port': '终端端口',
  user: '操作员',
};

/** A meter's states as `METER_STATE` names them (`from`, `to`), in each language: no code in a message. */
const meterStateNames: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  'zh-CN': { in_stock: '库存', installed: '已安装', faulty: '故障', removed: '已拆除' },
  en: { in_stock: 'in stock', installed: 'installed', faulty: 'faulty', removed: 'removed' },
};

/** Why a reading plan cannot run, in the requester's language (`problem`: its code and parameters). */
export function planProblemText(
  problem: { readonly code: string; readonly params: Readonly<Record<string, unknown>> },
  locale: Locale,
): string | undefined {
  const words = (planProblemWords as Readonly<Record<string, { zh: string; en: string }>>)[problem.code];
  if (words === undefined) return undefined;
  return (locale === 'en' ? words.en : words.zh).replace(/\{(\w+)\}/g, (whole, key: string) =>
    problem.params[key] === undefined ? whole : String(problem.params[key]),
  );
}

function isProblem(value: unknown): value is { code: string; params: Readonly<Record<string, unknown>> } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { params?: unknown }).params === 'object'
  );
}

export function renderMessage(code: ErrorCode, locale: Locale, details: Details): string {
  const template = locale === 'en' ? errorTable[code].en : errorTable[code].zh;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    // A name that differs by language travels as `nameZh` and `nameEn` (catalog items' names, say).
    const localised = details[`${key}${locale === 'en' ? 'En' : 'Zh'}`];
    if (localised !== undefined) return String(localised);
    const value = details[key];
    if (value === undefined) return whole;
    if (code === 'BAD_PLAN' && key === 'reason' && isProblem(details.problem)) {
      return planProblemText(details.problem, locale) ?? String(value);
    }
    if (key === 'entity' && locale === 'zh-CN') return entityNamesZh[String(value)] ?? String(value);
    if (code === 'METER_STATE' && (key === 'from' || key === 'to')) {
      return meterStateNames[locale][String(value)] ?? String(value);
    }
    return String(value);
  });
}

/** The requester's language: English when it asks for it first, otherwise zh-CN (the default). */
export function localeOf(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
