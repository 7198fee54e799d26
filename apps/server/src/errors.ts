/**
 * Every error the API returns, by stable code. A code is never reused or renamed; clients compare codes,
 * never message text. Messages are templates: `{name}` is filled from the error's details.
 */
export const errorTable = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已暂时锁定',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  CSRF_FAILED: { status: 403, zh: '请求缺少有效的 CSRF 令牌', en: 'The request lacks a valid CSRF token' },
  FORBIDDEN: { status: 403, zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
  AREA_FORBIDDEN: {
    status: 403,
    zh: '该对象不在您负责的区域内',
    en: 'This is outside the areas you may act on',
  },
  NOT_FOUND: { status: 404, zh: '{entity}不存在', en: '{entity} not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  ALREADY_EXISTS: { status: 409, zh: '{entity} 已存在', en: '{entity} already exists' },
  IN_USE: {
    status: 409,
    zh: '{entity} 仍被引用，不能删除',
    en: '{entity} is still referenced and cannot be deleted',
  },
  BAD_REFERENCE: { status: 422, zh: '引用的 {entity} 不存在', en: 'The referenced {entity} does not exist' },
  METER_STATE: {
    status: 409,
    zh: '电表状态不能从 {from} 变为 {to}',
    en: 'A meter cannot move from {from} to {to}',
  },
  METER_HAS_ACCOUNT: { status: 409, zh: '该电表已开户', en: 'This meter already has an open account' },
  FIELD_UNAVAILABLE: {
    status: 503,
    zh: '本服务未连接采集前置机，无法实时抄读或下发命令',
    en: 'No collector runs in this server, so it cannot read meters or send commands now',
  },
  METER_NOT_COLLECTED: {
    status: 409,
    zh: '该电表未安装在采集终端端口上，无法通信',
    en: 'This meter is not installed on a terminal port, so it cannot be reached',
  },
  UNKNOWN_ITEM: {
    status: 422,
    zh: '未知的数据项：{item}',
    en: 'Unknown data item: {item}',
  },
  BAD_WRITE: {
    status: 422,
    zh: '无法写入该参数：{reason}',
    en: 'This parameter cannot be written: {reason}',
  },
  BAD_PLAN: { status: 422, zh: '采集方案无法执行：{reason}', en: 'This reading plan cannot run: {reason}' },
  ALARM_NOT_OPEN: {
    status: 409,
    zh: '该告警已确认或已解除',
    en: 'This alarm has already been acknowledged or cleared',
  },
  COMMAND_UNAVAILABLE: {
    status: 503,
    zh: '未配置电表密码（OPENAMI_METER_PASSWORD），电表会拒绝命令',
    en: 'No meter password is configured (OPENAMI_METER_PASSWORD); the meter would refuse the command',
  },
  BAD_MULTIPLIER: { status: 422, zh: '互感器变比不正确：{reason}', en: 'Bad transformer ratio: {reason}' },
  IMPORT_REJECTED: {
    status: 422,
    zh: '导入文件有 {badRows} 行错误，未导入任何数据',
    en: '{badRows} rows are bad; nothing was imported',
  },
  IMPORT_FORMAT: {
    status: 400,
    zh: '无法读取导入文件：{reason}',
    en: 'Cannot read the import file: {reason}',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorTable;

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

export type Locale = 'zh-CN' | 'en';

/** Entity names as they appear in `details.entity`, and how a zh-CN message names them. */
const entityNamesZh: Readonly<Record<string, string>> = {
  account: '账户',
  'open account': '在用账户',
  alarm: '告警',
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
  terminal: '采集终端',
  token: '访问令牌',
  'terminal port': '终端端口',
  user: '操作员',
};

export function renderMessage(code: ErrorCode, locale: Locale, details: Details): string {
  const template = locale === 'en' ? errorTable[code].en : errorTable[code].zh;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details[key];
    if (value === undefined) return whole;
    if (key === 'entity' && locale === 'zh-CN') return entityNamesZh[String(value)] ?? String(value);
    return String(value);
  });
}

/** The requester's language: English when it asks for it first, otherwise zh-CN (the default). */
export function localeOf(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
