// The API's errors: every one leaves the server as `{ code, message, details }` (schemas/errors.ts), its
// HTTP status and message templates here. docs/errors.md lists them, checked against this table by a test.
import type { PlanProblemCode } from '@openami/domain';

/**
 * Every error the API returns, by stable code. A code is never reused or renamed; clients compare codes,
 * never message text. Messages are templates: `{name}` is filled from the error's details.
 */
export const errorTable = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is not valid' },
  BODY_TOO_LARGE: {
    status: 413,
    zh: '请求内容超过 {limitMiB} MiB 的上限',
    en: 'The request body is larger than the {limitMiB} MiB limit',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，请 {retryAfterSeconds} 秒后再试',
    en: 'Too many failed sign-ins; try again in {retryAfterSeconds} s',
  },
  SIGN_IN_EXPIRED: {
    status: 401,
    zh: '登录已超时，请重新输入用户名和密码',
    en: 'The sign-in has expired; enter your username and password again',
  },
  SECOND_FACTOR_FAILED: {
    status: 401,
    zh: '动态验证码或恢复码不正确',
    en: 'Wrong authenticator code or recovery code',
  },
  SECOND_FACTOR_ENROLMENT_REQUIRED: {
    status: 403,
    zh: '您的角色须启用两步验证：请先绑定身份验证器',
    en: 'Your role requires two-step verification: enrol an authenticator app first',
  },
  SESSION_REQUIRED: {
    status: 403,
    zh: '此操作须在浏览器中用密码登录后进行，API 令牌不能执行',
    en: 'This needs a browser session signed in with your password; an API token may not do it',
  },
  TOTP_ALREADY_ENABLED: {
    status: 409,
    zh: '已启用两步验证；如需更换，请先停用',
    en: 'Two-step verification is already on; turn it off first to replace it',
  },
  TOTP_NOT_STARTED: {
    status: 409,
    zh: '请先开始绑定身份验证器',
    en: 'Start enrolling an authenticator app first',
  },
  TOTP_REQUIRED: {
    status: 409,
    zh: '您的角色须启用两步验证，不能停用',
    en: 'Your role requires two-step verification; it cannot be turned off',
  },
  CURRENT_PASSWORD_WRONG: { status: 403, zh: '当前密码不正确', en: 'The current password is wrong' },
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
  TERMINAL_ADDRESS_CLASH: {
    status: 409,
    zh: 'TCP 地址 {address}（本终端串口 {portNo}）已属于终端“{terminal}”的串口 {otherPortNo}：同一地址无法区分两个串口，请改用未占用的起始端口',
    en: 'The TCP address {address} (port {portNo} here) already belongs to port {otherPortNo} of terminal "{terminal}": one address cannot reach two ports; choose a base port not in use',
  },
  TERMINAL_REGISTRATION_CLASH: {
    status: 409,
    zh: '注册包 {address} 与终端“{terminal}”的注册包相同，或一个是另一个的开头：主站无法区分这两台终端，请为本终端设置不同的注册包',
    en: 'The registration packet {address} is the same as terminal "{terminal}"\'s, or one begins the other: the master station cannot tell the two apart; give this terminal one of its own',
  },
  TERMINAL_ADDRESS_INVALID: {
    status: 422,
    zh: 'TCP 服务器模式的终端地址须为 主机:起始端口（如 192.168.1.10:4001），且每个串口的端口（起始端口 + 串口号 − 1）不超过 65535',
    en: 'A terminal in TCP-server mode needs its address as host:base port (e.g. 192.168.1.10:4001), with every port (base port + port number − 1) at most 65535',
  },
  CONCENTRATOR_ADDRESS_TAKEN: {
    status: 409,
    zh: '行政区划码 {areaCode}、终端地址 {terminalAddress} 已属于集中器“{concentrator}”：主站无法区分地址相同的两台集中器',
    en: 'Area code {areaCode}, terminal address {terminalAddress} already belongs to concentrator "{concentrator}": the master station cannot tell two concentrators with one address apart',
  },
  MEASURING_POINT_TAKEN: {
    status: 409,
    zh: '集中器“{concentrator}”的测量点 {point} 已接电表 {meterNo}',
    en: 'Measuring point {point} of concentrator "{concentrator}" already has meter {meterNo}',
  },
  METER_ON_TERMINAL_PORT: {
    status: 409,
    zh: '该电表已接在采集终端串口上；一块电表只能经串口或集中器测量点之一采集，请先从串口上取下',
    en: 'This meter is on a terminal port; a meter is read through a port or a concentrator measuring point, never both: take it off the port first',
  },
  METER_ON_CONCENTRATOR: {
    status: 409,
    zh: '该电表已接在集中器测量点上；一块电表只能经串口或集中器测量点之一采集，请先从测量点上取下',
    en: 'This meter is on a concentrator measuring point; a meter is read through a port or a concentrator measuring point, never both: take it off the point first',
  },
  CONCENTRATOR_NOT_EMPTY: {
    status: 409,
    zh: '集中器下还有 {meterCount} 块电表，请先将其从测量点上取下再删除',
    en: 'The concentrator still has {meterCount} meters behind it; take them off their measuring points before deleting it',
  },
  NEW_METER_INSTALLED: {
    status: 409,
    zh: '电表 {meterNo} 已装表在用，不能作为换上的新表；请选择库存中的电表（或修好的故障表）',
    en: 'Meter {meterNo} is installed and in use, so it cannot be the new meter; choose a meter from stock (or a faulty one back from repair)',
  },
  NEW_METER_REMOVED: {
    status: 409,
    zh: '电表 {meterNo} 已拆除，不能再装用；请选择库存中的电表',
    en: 'Meter {meterNo} was removed from service and cannot be installed again; choose a meter from stock',
  },
  NEW_METER_SAME: {
    status: 409,
    zh: '户号 {accountNo} 现在就在电表 {meterNo} 上；换表请选择另一块电表',
    en: 'Account {accountNo} is already on meter {meterNo}; choose another meter to move it to',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '暂时无法连接数据库，请稍后重试',
    en: 'The database cannot be reached just now; try again shortly',
  },
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
    zh: '数据项 {item}（{name}）不能写入这个值：值须符合格式 {format}',
    en: 'Data item {item} ({name}) cannot take this value: it must fit the format {format}',
  },
  ITEM_READ_ONLY: {
    status: 422,
    zh: '数据项 {item}（{name}）只能读取，不能写入',
    en: 'Data item {item} ({name}) can be read but not written',
  },
  BAD_PLAN: { status: 422, zh: '采集方案无法执行：{reason}', en: 'This reading plan cannot run: {reason}' },
  ALARM_NOT_OPEN: {
    status: 409,
    zh: '该告警已确认或已解除',
    en: 'This alarm has already been acknowledged or cleared',
  },
  BAD_ALARM_RULE: {
    status: 422,
    zh: '告警规则不正确：{problems}',
    en: 'The alarm rule is not valid: {problems}',
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
  IMPORT_TOO_LARGE: {
    status: 413,
    zh: '导入文件解压后超过 {limitMiB} MiB，请拆分为几个文件分批导入',
    en: 'The import file unpacks to more than {limitMiB} MiB; split it into several files and import them one by one',
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    zh: '导入文件超过 {limit} 行，请拆分为几个文件分批导入',
    en: 'The import file has more than {limit} rows; split it into several files and import them one by one',
  },
  ACCOUNT_CLOSED: { status: 409, zh: '账户已销户，不能售电', en: 'The account is closed' },
  NO_TARIFF: {
    status: 409,
    zh: '电价类型 {priceTypeId} 此时没有生效的电价',
    en: 'Price type {priceTypeId} has no tariff in force now',
  },
  BAD_TARIFF: { status: 422, zh: '电价定义不正确：{problems}', en: 'The tariff is not valid: {problems}' },
  REQUEST_ID_REUSED: {
    status: 409,
    zh: '请求号 {requestId} 已用于另一笔不同的业务',
    en: 'Request id {requestId} was already used for a different request',
  },
  CARD_REQUIRED: { status: 422, zh: '插卡售电须先读用户卡', en: 'A card sale needs the card read first' },
  BAD_CARD: {
    status: 422,
    zh: '卡内数据无法识别：{problems}',
    en: 'The card image is not valid: {problems}',
  },
  CARD_WRONG_METER: {
    status: 409,
    zh: '购电卡的表号 {cardMeterNo} 与电表 {meterNo} 不符',
    en: 'The card belongs to meter {cardMeterNo}, not {meterNo}',
  },
  CARD_REPLACED: {
    status: 409,
    zh: '此卡已补发新卡（第 {currentSerial} 张），不能再使用',
    en: 'This card was replaced (card {currentSerial} is current) and no longer works',
  },
  BLANK_CARD_ACCOUNT_HAS_CARD: {
    status: 409,
    zh: '该户已有购电卡（第 {cardSerial} 张，已购电 {purchaseCount} 次），空白卡只用于首次购电；请读用户的购电卡再售电，卡已丢失的请先补卡',
    en: "This account already has a card (card {cardSerial}, {purchaseCount} purchases) and a blank card is only for the first purchase: read the customer's card to sell, or replace the card first if it is lost",
  },
  BLANK_CARD_AFTER_METER_REPLACEMENT: {
    status: 409,
    zh: '该户已换表，用户继续使用原购电卡（旧表 {replacedMeterNo}）：请读原卡售电，新表号会写入卡中；卡已丢失的请先补卡',
    en: "The account's meter was replaced and the customer keeps the card of the old meter ({replacedMeterNo}): read that card to sell (the new meter's number is written onto it), or replace the card first if it is lost",
  },
  CARD_NOT_LOADED: {
    status: 409,
    zh: '第 {purchaseCount} 次购电尚未插表，请用户先插卡一次再购电',
    en: 'Purchase {purchaseCount} has not been loaded into the meter: insert the card once, then sell',
  },
  CARD_COUNT_MISMATCH: {
    status: 409,
    zh: '卡内购电次数 {cardCount} 与系统记录 {expectedCount} 不符',
    en: 'The card holds purchase {cardCount}; the account is at purchase {expectedCount}',
  },
  CARD_LOCKED: {
    status: 409,
    zh: '此卡密码错误三次已锁死，请将卡内数据转入新卡',
    en: 'The card is locked after three wrong passwords; move it to a new card',
  },
  CARD_NOT_CUSTOMER: {
    status: 409,
    zh: '这不是用户购电卡（{kind}）',
    en: 'This is not a customer card ({kind})',
  },
  CARD_NOT_LOCKED: {
    status: 409,
    zh: '此卡未锁死，照常使用；丢失的卡请补卡',
    en: 'The card is not locked: use it as it is, or replace it as lost',
  },
  CARD_WRONG_ACCOUNT: {
    status: 409,
    zh: '此卡属于户号 {cardAccountNo}，不是 {accountNo}',
    en: 'The card belongs to account {cardAccountNo}, not {accountNo}',
  },
  NEW_CARD_NOT_BLANK: {
    status: 409,
    zh: '新卡不是空白卡（{kind}），请先擦除',
    en: 'The new card is not blank ({kind}); erase it first',
  },
  NEW_CARD_SAME: {
    status: 409,
    zh: '新卡与锁死的卡是同一张卡（{cardId}）',
    en: 'The new card is the locked card itself ({cardId})',
  },
  CARD_VOID: {
    status: 409,
    zh: '卡 {cardId} 已作废，不能再使用',
    en: 'Card {cardId} is void and can never be used again',
  },
  CARD_UNWRITABLE: {
    status: 409,
    zh: '卡 {cardId} 密码错误三次已锁死，不能再写入，请换一张卡',
    en: 'Card {cardId} is locked after three wrong passwords and can never be written again; use another card',
  },
  CARD_IN_USE: {
    status: 409,
    zh: '卡 {cardId} 是户号 {accountNo} 在用的购电卡（第 {cardSerial} 张），不能改作专用卡',
    en: 'Card {cardId} is the current card of account {accountNo} (card {cardSerial}); it cannot be made into a special card',
  },
  METER_NOT_IN_AREA: {
    status: 422,
    zh: '电表 {meterNo} 不在区域 {areaCode} 内，该区域的清零卡对它无效',
    en: 'Meter {meterNo} is not in area {areaCode}; a clear card of that area would not work on it',
  },
  CARD_NOT_READING: {
    status: 409,
    zh: '这不是查电卡或抄表卡（{kind}），卡内没有读数',
    en: 'This is not a check or meter-reading card ({kind}); it carries no readings',
  },
  CARD_READING_UNKNOWN_METER: {
    status: 422,
    zh: '表号 {meterNo} 不在电表档案中，读数未保存',
    en: 'No meter {meterNo} in the archive; the reading was not stored',
  },
  CARD_READING_OUTSIDE_AREAS: {
    status: 403,
    zh: '电表 {meterNo} 不在您负责的区域内，读数未保存',
    en: 'Meter {meterNo} is outside the areas you may act on; the reading was not stored',
  },
  CARD_READING_REPEATED: {
    status: 422,
    zh: '卡内电表 {meterNo} 的读数重复出现，只保存第一条',
    en: 'The card holds meter {meterNo} more than once; only the first reading is stored',
  },
  WRITE_ENERGY_NOT_WHOLE: {
    status: 422,
    zh: '购电量必须是电表侧的整度数（倍率 {multiplier}）',
    en: 'The purchase must be whole kWh on the meter (multiplier {multiplier})',
  },
  WRITE_ENERGY_NOT_POSITIVE: {
    status: 422,
    zh: '写卡电量为 {writeKwh} 度，必须大于零',
    en: 'The card would carry {writeKwh} kWh; it must be more than zero',
  },
  BELOW_MINIMUM_WRITE: {
    status: 422,
    zh: '写卡电量 {writeKwh} 度小于 JB/T 8382 电表的最小购电量 {minimumKwh} 度',
    en: 'The card would carry {writeKwh} kWh, below the {minimumKwh} kWh a JB/T 8382 meter needs',
  },
  FIRST_PURCHASE_NOT_ABOVE_PRESET: {
    status: 422,
    zh: '首次购电 {writeKwh} 度必须大于预置电量 {presetKwh} 度',
    en: 'The first purchase ({writeKwh} kWh) must exceed the preset energy ({presetKwh} kWh)',
  },
  HOARDING_LIMIT: {
    status: 422,
    zh: '购电 {writeKwh} 度加剩余电量 {remainingKwh} 度超过囤积限量 {hoardingLimitKwh} 度，本次最多购 {mostKwh} 度',
    en: '{writeKwh} kWh plus the {remainingKwh} kWh remaining exceeds the hoarding limit of {hoardingLimitKwh} kWh; at most {mostKwh} kWh now',
  },
  MONEY_BUYS_NOTHING: {
    status: 422,
    zh: '金额 {amountFen} 分不够购买最小售电单位',
    en: '{amountFen} fen does not buy the smallest unit of energy sold',
  },
  CANCEL_NOT_LAST_SALE: {
    status: 409,
    zh: '只能撤销账户最近一笔未撤销的售电',
    en: 'Only the latest sale of the account that is not cancelled can be cancelled',
  },
  CANCEL_CARD_LOADED: {
    status: 409,
    zh: '该笔购电已插表，不能撤销，只能退费',
    en: 'The purchase is already in the meter; it cannot be cancelled, only refunded',
  },
  CANCEL_AFTER_REFUND: {
    status: 409,
    zh: '该笔售电之后已有退费，不能撤销',
    en: 'Money was refunded after this sale; it cannot be cancelled',
  },
  REFUND_EXCEEDS_BALANCE: {
    status: 409,
    zh: '退费超过账户余额（余额 {balanceFen} 分，{netEnergyWh} Wh）',
    en: 'The refund exceeds what the account holds ({balanceFen} fen, {netEnergyWh} Wh)',
  },
  BALANCE_DRIFT: {
    status: 409,
    zh: '账户 {accountNo} 的余额汇总与流水不符，已告警；请管理员核对并重建（openami ledger）后再退费或撤销',
    en: 'The balance kept for account {accountNo} does not match its ledger; an alarm was raised. An administrator must check and rebuild it (openami ledger) before money can go out',
  },
  LOCAL_TOP_UP_FINAL: {
    status: 409,
    zh: '电表已确认收到这笔充值，钱在电表里，不能撤销或退费',
    en: 'The meter confirmed it holds this top-up: the money is in the meter and cannot be cancelled or refunded',
  },
  LOCAL_TOP_UP_IN_FLIGHT: {
    status: 409,
    zh: '记录 {entryId} 的充值正在写入电表，请等电表答复后再办理',
    en: 'The top-up of entry {entryId} is being written to the meter: wait for its answer',
  },
  LOCAL_TOP_UP_UNCERTAIN: {
    status: 409,
    zh: '记录 {entryId} 的充值电表未答复，是否已写入尚不清楚：请重发充值，由电表的购电记录决定（不会重复充值）',
    en: "The meter did not answer the top-up of entry {entryId}, so whether it took it is not known: send it again, and the meter's purchase records decide (it never takes it twice)",
  },
  LOCAL_TOP_UP_UNDELIVERED: {
    status: 409,
    zh: '记录 {entryId} 的充值尚未写入电表：请先重发或撤销这笔充值，再售电',
    en: 'The top-up of entry {entryId} has not reached the meter: send it again or cancel it before a new sale',
  },
  LOCAL_TOP_UP_NOT_TAKEN: {
    status: 409,
    zh: '记录 {entryId} 的充值电表没有收下，钱仍在账户上：请撤销这笔售电以退回',
    en: 'The meter did not take the top-up of entry {entryId}; its money is still on the account: cancel that sale to pay it back',
  },
  LOCAL_SALE_CANCELLED: {
    status: 409,
    zh: '记录 {entryId} 的售电已撤销，不再充值到电表',
    en: 'The sale of entry {entryId} was cancelled: its top-up is not sent to the meter',
  },
  APPROVAL_OWN_REQUEST: {
    status: 403,
    zh: '不能复核自己提交的申请，请由另一位有复核权限的人员办理',
    en: 'You cannot approve or refuse your own request: another user with the approval permission must',
  },
  APPROVAL_DECIDED: {
    status: 409,
    zh: '申请 {approvalId} 已有人处理过，不能再处理',
    en: 'Request {approvalId} was already decided',
  },
  LOCAL_HOARDING_LIMIT: {
    status: 422,
    zh: '充值 {amountYuan} 元加电表剩余金额 {remainingYuan} 元超过电表囤积金额限值 {limitYuan} 元，本次最多充值 {mostYuan} 元',
    en: 'A top-up of {amountYuan} yuan plus the {remainingYuan} yuan in the meter exceeds its hoarding limit of {limitYuan} yuan; at most {mostYuan} yuan now',
  },
  NOT_LOCAL_SALE: {
    status: 409,
    zh: '该记录不是本地费控账户的售电记录',
    en: 'The entry is not a sale of a local fee-control account',
  },
  NOT_REMOTE_ACCOUNT: {
    status: 409,
    zh: '该账户不是远程费控账户',
    en: 'The account is not under remote fee control',
  },
  READING_WENT_BACK: {
    status: 409,
    zh: '电表读数 {register} 倒退，可能已换表或清零，请先处理换表',
    en: "The meter's {register} register went backwards (replaced or cleared?); handle that first",
  },
  RECEIPT_FONT_MISSING: {
    status: 503,
    zh: '服务器未安装打印 PDF 收据所需的中文字体（Debian 软件包 {package}）',
    en: 'The server lacks the Chinese font PDF receipts need (Debian package {package})',
  },
  RESIDENT_CODE_INVALID: {
    status: 401,
    zh: '验证码错误或已失效，请重新获取',
    en: 'The code is wrong or no longer valid; ask for a new one',
  },
  RESIDENT_CODE_TOO_SOON: {
    status: 429,
    zh: '验证码刚刚发送过，请 {retryAfterSeconds} 秒后再试',
    en: 'A code went out a moment ago; try again in {retryAfterSeconds} s',
  },
  RESIDENT_SIGN_IN_UNAVAILABLE: {
    status: 503,
    zh: '未配置短信通道，住户暂不能登录',
    en: 'No SMS channel is configured, so residents cannot sign in',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorTable;

/**
 * `BAD_PLAN`'s `{reason}` in each language, by the plan problem's code (`details.problem.code`) with its
 * parameters: why a reading plan cannot run, in words a person acts on.
 */
export const planProblemWords: Readonly<
  Record<PlanProblemCode, { readonly zh: string; readonly en: string }>
> = {
  'bad-kind': {
    zh: '方案类型须为抄读、日冻结、时钟核对或广播校时',
    en: 'the kind must be read, daily frozen values, clock check or time synchronisation',
  },
  'bad-items': {
    zh: '数据项须为数据组或数据标识的列表',
    en: 'the items must be a list of item groups or data identifiers',
  },
  'no-items': { zh: '抄读方案至少需要一个数据项', en: 'a read plan needs at least one item' },
  'unknown-item': {
    zh: '不认识的数据项“{item}”：请选择数据组（电能量、瞬时量、预付费、状态字、时钟、日冻结数据），或填写 DL/T 645-2007 的 8 位十六进制数据标识',
    en: 'unknown data item “{item}”: choose an item group (energy, instantaneous, prepaid, status words, clock, daily frozen values) or give an 8-digit hexadecimal DL/T 645-2007 identifier',
  },
  'bad-targets': {
    zh: '采集对象须为区域、电表类型或电表的列表',
    en: 'the targets must list areas, meter types or meters',
  },
  'unknown-target': {
    zh: '不认识的采集对象“{target}”：只能按区域、电表类型或电表选择',
    en: 'unknown target “{target}”: choose areas, meter types or meters',
  },
  'bad-target-ids': {
    zh: '采集对象“{target}”须为记录编号的列表',
    en: 'the targets “{target}” must be a list of record numbers',
  },
  'bad-schedule': { zh: '缺少执行时间安排', en: 'the schedule is missing' },
  'bad-schedule-kind': {
    zh: '执行时间须为按间隔、每天或每月',
    en: 'the schedule must be an interval, daily or monthly',
  },
  'bad-interval': {
    zh: '间隔 {minutes} 分钟不能把一天分成整数次执行：请选择能整除 1440 的分钟数（如 15、30、60）',
    en: 'an interval of {minutes} minutes does not divide the day into whole runs: choose minutes that divide 1440 (such as 15, 30, 60)',
  },
  'bad-offset': {
    zh: '偏移须为小于间隔的整分钟数',
    en: 'the offset must be whole minutes less than the interval',
  },
  'bad-month-day': { zh: '每月执行须指定 1 到 31 日', en: 'a monthly run needs a day from 1 to 31' },
  'bad-time-of-day': {
    zh: '执行时刻“{at}”不是 时:分（00:00 到 23:59）',
    en: 'the time “{at}” is not HH:MM (00:00 to 23:59)',
  },
  unreadable: {
    zh: '方案在数据库中的记录无法读取，请重新保存该方案',
    en: 'the plan as stored cannot be read: save the plan again',
  },
};

/** Every error code, in the table's order. */
export const errorCodes = Object.keys(errorTable) as ErrorCode[];
