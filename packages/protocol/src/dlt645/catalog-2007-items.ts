// DL/T 645-2007 Annex A, the listed items: Table A.3 variables (02 80 …), Table A.4 event records (03 …,
// 10–1E …), Table A.5 parameters (04 …), and the prepaid items (00 90 …, 03 32 …, 03 33 …).
import { type Access, type CatalogItem, di2007, type Unit } from './catalog-types.ts';
import {
  ascii,
  bits,
  type DataFormat,
  datetime,
  decimal,
  digits,
  hex,
  list,
  loadRecords,
  record,
} from './formats.ts';
import { LOAD_CLASS_COUNT, loadRecordDi } from './load-records.ts';
import {
  PHASE_FAULT_WORD,
  STATUS_WORD_1,
  STATUS_WORD_2,
  STATUS_WORD_3,
  STATUS_WORD_7,
} from './status-words.ts';

const items = new Map<number, CatalogItem>();

function add(
  di: number,
  zh: string,
  en: string,
  format: DataFormat,
  unit?: Unit,
  access: Access = 'read',
): void {
  items.set(
    di,
    unit === undefined
      ? { edition: '2007', di, zh, en, format, access }
      : { edition: '2007', di, zh, en, unit, format, access },
  );
}

const ENERGY = decimal(4, 2);
const MONEY = decimal(4, 2);
const COUNT3 = decimal(3, 0);
const TIME6 = datetime('YYMMDDhhmmss');
const OPERATOR = hex(4);
const LAST = 10;
/** 负荷记录模式字: bit n records class n+1. */
const LOAD_MODE_FIELDS = [
  ['voltageCurrent', '电压、电流、频率', 'voltage, current, frequency'],
  ['power', '有、无功功率', 'active and reactive power'],
  ['powerFactor', '功率因数', 'power factor'],
  ['energy', '有、无功总电能', 'active and reactive total energy'],
  ['quadrantReactive', '四象限无功总电能', 'four-quadrant reactive energy'],
  ['demand', '当前需量', 'present demand'],
].map(([name, zh, en], bit) => ({ name: name as string, bit, zh: zh as string, en: en as string }));

// Table A.3, 02 80 00 xx.
add(0x02800001, '零线电流', 'neutral current', decimal(3, 3, true), 'A');
add(0x02800002, '电网频率', 'grid frequency', decimal(2, 2), 'Hz');
add(0x02800003, '一分钟有功总平均功率', 'one-minute average active power', decimal(3, 4), 'kW');
add(0x02800004, '当前有功需量', 'present active demand', decimal(3, 4, true), 'kW');
add(0x02800005, '当前无功需量', 'present reactive demand', decimal(3, 4, true), 'kvar');
add(0x02800006, '当前视在需量', 'present apparent demand', decimal(3, 4, true), 'kVA');
add(0x02800007, '表内温度', 'meter temperature', decimal(2, 1, true), '℃');
add(0x02800008, '时钟电池电压（内部）', 'clock battery voltage', decimal(2, 2), 'V');
add(0x02800009, '停电抄表电池电压（外部）', 'meter-reading battery voltage', decimal(2, 2), 'V');
add(0x0280000a, '内部电池工作时间', 'internal battery running time', decimal(4, 0), 'min');
add(0x0280000b, '当前阶梯电价', 'present step price', decimal(4, 4), 'yuan/kWh');

// Prepaid balances, 00 90 xx xx.
add(0x00900100, '（当前）剩余电量', 'remaining energy', ENERGY, 'kWh');
add(0x00900101, '（当前）透支电量', 'overdraft energy', ENERGY, 'kWh');
add(0x00900200, '（当前）剩余金额', 'remaining money', MONEY, 'yuan');
add(0x00900201, '（当前）透支金额', 'overdraft money', MONEY, 'yuan');

// Table A.5 parameters.
add(0x04000101, '日期及星期', 'date and weekday', datetime('YYMMDDWW'), undefined, 'read-write');
add(0x04000102, '时间', 'time', datetime('hhmmss'), undefined, 'read-write');
add(0x04000103, '最大需量周期', 'demand period', decimal(1, 0), 'min', 'read-write');
add(0x04000104, '滑差时间', 'sliding window time', decimal(1, 0), 'min', 'read-write');
add(0x04000105, '校表脉冲宽度', 'calibration pulse width', decimal(2, 0), 'ms', 'read-write');
add(
  0x04000106,
  '两套时区表切换时间',
  'time-zone table switch time',
  datetime('YYMMDDhhmm'),
  undefined,
  'read-write',
);
add(
  0x04000107,
  '两套日时段表切换时间',
  'daily period table switch time',
  datetime('YYMMDDhhmm'),
  undefined,
  'read-write',
);
add(0x04000201, '年时区数', 'number of yearly time zones', decimal(1, 0), undefined, 'read-write');
add(0x04000202, '日时段表数', 'number of daily period tables', decimal(1, 0), undefined, 'read-write');
add(0x04000203, '日时段数', 'number of daily periods', decimal(1, 0), undefined, 'read-write');
add(0x04000204, '费率数', 'number of tariffs', decimal(1, 0), undefined, 'read-write');
add(0x04000205, '公共假日数', 'number of public holidays', decimal(2, 0), undefined, 'read-write');
add(0x04000306, '电流互感器变比', 'CT ratio', decimal(3, 0), undefined, 'read-write');
add(0x04000307, '电压互感器变比', 'PT ratio', decimal(3, 0), undefined, 'read-write');
add(0x04000401, '通信地址', 'communication address', digits(6), undefined, 'read-write');
add(0x04000402, '表号', 'meter number', digits(6), undefined, 'read-write');
add(0x04000403, '资产管理编码', 'asset code', ascii(32), undefined, 'read-write');
add(0x04000404, '额定电压', 'rated voltage', ascii(6));
add(0x04000405, '额定电流/基本电流', 'rated current', ascii(6));
add(0x04000406, '最大电流', 'maximum current', ascii(6));
add(0x04000407, '有功准确度等级', 'active accuracy class', ascii(4));
add(0x04000408, '无功准确度等级', 'reactive accuracy class', ascii(4));
add(0x04000409, '电表有功常数', 'active constant', decimal(3, 0), 'imp/kWh');
add(0x0400040a, '电表无功常数', 'reactive constant', decimal(3, 0), 'imp/kvarh');
add(0x0400040b, '电表型号', 'meter model', ascii(10));
add(0x0400040c, '生产日期', 'manufacture date', ascii(10));
add(0x0400040d, '协议版本号', 'protocol version', ascii(16));
const statusWords = [
  STATUS_WORD_1,
  STATUS_WORD_2,
  STATUS_WORD_3,
  PHASE_FAULT_WORD,
  PHASE_FAULT_WORD,
  PHASE_FAULT_WORD,
  STATUS_WORD_7,
];
const statusNames = ['', '', '', '（A相故障）', '（B相故障）', '（C相故障）', '（合相故障）'];
statusWords.forEach((fields, i) => {
  add(
    di2007(0x04, 0x00, 0x05, i + 1),
    `电表运行状态字${i + 1}${statusNames[i]}`,
    `running status word ${i + 1}`,
    bits(2, fields),
  );
});
add(0x040005ff, '电表运行状态字数据块', 'running status words 1-7', list(bits(2), 1, 7));
add(0x04000703, '通信口1通信速率特征字', 'port 1 baud rate word', bits(1));
add(
  0x04000901,
  '负荷记录模式字',
  'load record mode word',
  bits(1, LOAD_MODE_FIELDS),
  undefined,
  'read-write',
);
add(0x04000a01, '负荷记录起始时间', 'load record start time', datetime('MMDDhhmm'), undefined, 'read-write');
for (let loadClass = 1; loadClass <= LOAD_CLASS_COUNT; loadClass++) {
  add(
    di2007(0x04, 0x00, 0x0a, loadClass + 1),
    `第${loadClass}类负荷记录间隔时间`,
    `load class ${loadClass} recording interval`,
    decimal(2, 0),
    'min',
    'read-write',
  );
}
add(0x04000b01, '每月第1结算日', 'first monthly settlement day', datetime('DDhh'), undefined, 'read-write');
add(0x04000e01, '正向有功功率上限值', 'forward active power limit', decimal(3, 4), 'kW', 'read-write');
add(0x04000e02, '反向有功功率上限值', 'reverse active power limit', decimal(3, 4), 'kW', 'read-write');
add(0x04000e03, '电压上限值', 'voltage upper limit', decimal(2, 1), 'V', 'read-write');
add(0x04000e04, '电压下限值', 'voltage lower limit', decimal(2, 1), 'V', 'read-write');
add(0x04000f01, '报警电量1限值', 'alarm energy 1', ENERGY, 'kWh', 'read-write');
add(0x04000f02, '报警电量2限值', 'alarm energy 2', ENERGY, 'kWh', 'read-write');
add(0x04000f03, '囤积电量限值', 'hoarding energy limit', ENERGY, 'kWh', 'read-write');
add(0x04000f04, '透支电量限值', 'credit (overdraft) energy limit', ENERGY, 'kWh', 'read-write');
add(0x04001001, '报警金额1限值', 'alarm money 1', MONEY, 'yuan', 'read-write');
add(0x04001002, '报警金额2限值', 'alarm money 2', MONEY, 'yuan', 'read-write');
add(0x04001003, '透支金额限值', 'credit (overdraft) money limit', MONEY, 'yuan', 'read-write');
add(0x04001004, '囤积金额限值', 'hoarding money limit', MONEY, 'yuan', 'read-write');
add(0x04001005, '合闸允许金额限值', 'close-permit money threshold', MONEY, 'yuan', 'read-write');
// 第一套费率电价 1–4 (Q/GDW 1365 fee-control meters): the price of each tariff, XXXX.XXXX yuan/kWh.
for (let rate = 1; rate <= 4; rate++)
  add(
    0x04050100 + rate,
    `第一套费率电价${rate}`,
    `tariff ${rate} price`,
    decimal(4, 4),
    'yuan/kWh',
    'read-write',
  );
add(0x04001401, '跳闸延时时间', 'trip delay', decimal(2, 0), 'min', 'read-write');
for (let level = 0; level <= 9; level++) {
  add(
    di2007(0x04, 0x00, 0x0c, level + 1),
    `${level}级密码`,
    `level ${level} password`,
    hex(4),
    undefined,
    'write',
  );
}

// Table A.4 event records, the n-th last (1…10) in DI0.
const COVER_RECORD = record([
  { name: 'start', format: TIME6 },
  { name: 'end', format: TIME6 },
  ...['forwardActive', 'reverseActive', 'q1Reactive', 'q2Reactive', 'q3Reactive', 'q4Reactive'].map(
    (name) => ({ name: `${name}Start`, format: ENERGY }),
  ),
  ...['forwardActive', 'reverseActive', 'q1Reactive', 'q2Reactive', 'q3Reactive', 'q4Reactive'].map(
    (name) => ({ name: `${name}End`, format: ENERGY }),
  ),
]);
const RECORDS: readonly [number, string, string, DataFormat][] = [
  [
    0x03110000,
    '掉电',
    'power down',
    record([
      { name: 'start', format: TIME6 },
      { name: 'end', format: TIME6 },
    ]),
  ],
  [
    0x03300000,
    '编程',
    'programming',
    record([
      { name: 'time', format: TIME6 },
      { name: 'operatorCode', format: OPERATOR },
      { name: 'dataIdentifiers', format: list(hex(4), 10, 10) },
    ]),
  ],
  [
    0x03300300,
    '事件清零',
    'event clear',
    record([
      { name: 'time', format: TIME6 },
      { name: 'operatorCode', format: OPERATOR },
      { name: 'dataIdentifier', format: hex(4) },
    ]),
  ],
  [
    0x03300400,
    '校时',
    'clock change',
    record([
      { name: 'operatorCode', format: OPERATOR },
      { name: 'before', format: TIME6 },
      { name: 'after', format: TIME6 },
    ]),
  ],
  [0x03300d00, '开表盖', 'meter cover open', COVER_RECORD],
  [0x03300e00, '开端钮盒', 'terminal cover open', COVER_RECORD],
];
for (const [base, zh, en, format] of RECORDS) {
  add(base, `${zh}总次数`, `${en}: count`, COUNT3);
  for (let n = 1; n <= LAST; n++) add(base + n, `（上${n}次）${zh}记录`, `${en} record -${n}`, format);
}
add(0x03300100, '电表清零总次数', 'meter clear: count', COUNT3);
add(0x03300200, '需量清零总次数', 'demand clear: count', COUNT3);

// Relay trip (1D) and close (1E) records: count in 00 01, fields in DI1 01…08, the whole record in FF.
const RELAY_FIELDS: readonly [string, string, string, DataFormat, Unit?][] = [
  ['time', '发生时刻', 'time', TIME6],
  ['operatorCode', '操作者代码', 'operator code', OPERATOR],
  ['forwardActive', '正向有功总电能', 'forward active energy', ENERGY, 'kWh'],
  ['reverseActive', '反向有功总电能', 'reverse active energy', ENERGY, 'kWh'],
  ['q1Reactive', '第一象限无功总电能', 'quadrant I reactive energy', ENERGY, 'kvarh'],
  ['q2Reactive', '第二象限无功总电能', 'quadrant II reactive energy', ENERGY, 'kvarh'],
  ['q3Reactive', '第三象限无功总电能', 'quadrant III reactive energy', ENERGY, 'kvarh'],
  ['q4Reactive', '第四象限无功总电能', 'quadrant IV reactive energy', ENERGY, 'kvarh'],
];
for (const [di3, zh, en] of [
  [0x1d, '跳闸', 'relay trip'],
  [0x1e, '合闸', 'relay close'],
] as const) {
  add(di2007(di3, 0, 0, 1), `${zh}总次数`, `${en}: count`, COUNT3);
  for (let n = 1; n <= LAST; n++) {
    RELAY_FIELDS.forEach(([, fieldZh, fieldEn, format, unit], i) => {
      add(di2007(di3, 0, i + 1, n), `（上${n}次）${zh}${fieldZh}`, `${en} -${n}: ${fieldEn}`, format, unit);
    });
    add(
      di2007(di3, 0, 0xff, n),
      `（上${n}次）${zh}记录`,
      `${en} record -${n}`,
      record(RELAY_FIELDS.map(([name, , , format]) => ({ name, format }))),
    );
  }
}

// Per-phase events: loss of voltage (10), phase break (13), over-current (19), reverse power (1B):
// count (DI1 00, DI0 01), cumulative minutes (DI0 02), and the n-th last start time (DI1 01).
for (const [di3, zh, en] of [
  [0x10, '失压', 'voltage loss'],
  [0x13, '断相', 'phase break'],
  [0x19, '过流', 'over-current'],
  [0x1b, '潮流反向', 'reverse power'],
] as const) {
  for (const [phase, phaseZh, phaseEn] of [
    [1, 'A相', 'phase A'],
    [2, 'B相', 'phase B'],
    [3, 'C相', 'phase C'],
  ] as const) {
    add(di2007(di3, phase, 0, 1), `${phaseZh}${zh}总次数`, `${en} ${phaseEn}: count`, COUNT3);
    add(
      di2007(di3, phase, 0, 2),
      `${phaseZh}${zh}总累计时间`,
      `${en} ${phaseEn}: total minutes`,
      COUNT3,
      'min',
    );
    for (let n = 1; n <= LAST; n++)
      add(
        di2007(di3, phase, 1, n),
        `（上${n}次）${phaseZh}${zh}发生时刻`,
        `${en} ${phaseEn} -${n}: start`,
        TIME6,
      );
  }
}

// Purchase records: 03 33 (money, 电费型) and 03 32 (energy, 电量型), field in DI1, n-th last in DI0.
for (const [di2, kindZh, kindEn, unit] of [
  [0x33, '金额', 'money', 'yuan'],
  [0x32, '电量', 'energy', 'kWh'],
] as const) {
  for (let n = 1; n <= LAST; n++) {
    const which = `（上${n}次）`;
    add(
      di2007(0x03, di2, 0x01, n),
      `${which}购电日期`,
      `purchase -${n} (${kindEn}): date`,
      datetime('YYMMDDhhmm'),
    );
    add(
      di2007(0x03, di2, 0x02, n),
      `${which}购电后总购电次数`,
      `purchase -${n} (${kindEn}): purchase count`,
      decimal(2, 0),
    );
    add(
      di2007(0x03, di2, 0x03, n),
      `${which}购电${kindZh}`,
      `purchase -${n}: ${kindEn} bought`,
      ENERGY,
      unit,
    );
    add(
      di2007(0x03, di2, 0x04, n),
      `${which}购电前剩余${kindZh}`,
      `purchase -${n}: ${kindEn} remaining before`,
      ENERGY,
      unit,
    );
    add(
      di2007(0x03, di2, 0x05, n),
      `${which}购电后剩余${kindZh}`,
      `purchase -${n}: ${kindEn} remaining after`,
      ENERGY,
      unit,
    );
    add(
      di2007(0x03, di2, 0x06, n),
      `${which}购电后累计购电${kindZh}`,
      `purchase -${n}: total ${kindEn} bought`,
      ENERGY,
      unit,
    );
  }
}

// Table A.7 负荷记录: every class (DI2 00) or one of the six, earliest, from a given time or latest block.
for (let loadClass = 0; loadClass <= LOAD_CLASS_COUNT; loadClass++) {
  const which =
    loadClass === 0 ? { zh: '', en: '' } : { zh: `第${loadClass}类负荷`, en: `class ${loadClass} ` };
  for (const [selector, zh, en] of [
    ['earliest', '最早记录块', 'earliest block'],
    ['from-time', '给定时间记录块', 'blocks from a given time'],
    ['latest', '最近一个记录块', 'latest block'],
  ] as const) {
    add(loadRecordDi(loadClass, selector), `${which.zh}${zh}`, `load records: ${which.en}${en}`, loadRecords);
  }
}

export const LISTED_ITEMS_2007: ReadonlyMap<number, CatalogItem> = items;
