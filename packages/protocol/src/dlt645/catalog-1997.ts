// DL/T 645-1997 Appendix A: two-byte identifiers DI1 DI0. DI1's high nibble is the kind of data (9 energy,
// A demand, B demand time and variables, C parameters), its low nibble the period (0 current, 4 last month,
// 8 the month before); DI0's high nibble the quantity, its low nibble the tariff (0 total, FH the block).
import type { Access, CatalogItem, Unit } from './catalog-types.ts';
import { bits, type DataFormat, datetime, decimal, digits, list } from './formats.ts';

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
      ? { edition: '1997', di, zh, en, format, access }
      : { edition: '1997', di, zh, en, unit, format, access },
  );
}

const PERIODS: readonly [number, string, string][] = [
  [0x0, '（当前）', 'current'],
  [0x4, '（上月）', 'last month'],
  [0x8, '（上上月）', 'month before last'],
];
const TARIFFS = 4;
const ENERGY_QUANTITIES: readonly [number, string, string, Unit][] = [
  [0x9010, '正向有功', 'forward active', 'kWh'],
  [0x9020, '反向有功', 'reverse active', 'kWh'],
  [0x9110, '正向无功', 'forward reactive', 'kvarh'],
  [0x9120, '反向无功', 'reverse reactive', 'kvarh'],
  [0x9130, '一象限无功', 'quadrant I reactive', 'kvarh'],
  [0x9140, '四象限无功', 'quadrant IV reactive', 'kvarh'],
  [0x9150, '二象限无功', 'quadrant II reactive', 'kvarh'],
  [0x9160, '三象限无功', 'quadrant III reactive', 'kvarh'],
];
const ENERGY = decimal(4, 2);
const DEMAND = decimal(3, 4);
const DEMAND_TIME = datetime('MMDDhhmm');

for (const [period, periodZh, periodEn] of PERIODS) {
  for (const [base, zh, en, unit] of ENERGY_QUANTITIES) {
    const energyDi = base + (period << 8);
    const demandUnit: Unit = unit === 'kWh' ? 'kW' : 'kvar';
    const series: readonly [number, string, string, DataFormat, Unit | undefined][] = [
      [energyDi, '电能', 'energy', ENERGY, unit],
      // Demand (A…) and its time (B…) follow the energy identifiers with DI1 + 10H and + 20H.
      [energyDi + 0x1000, '最大需量', 'maximum demand', DEMAND, demandUnit],
      [energyDi + 0x2000, '最大需量发生时间', 'maximum demand time', DEMAND_TIME, undefined],
    ];
    for (const [di, whatZh, whatEn, format, itemUnit] of series) {
      add(di, `${periodZh}${zh}总${whatZh}`, `${en} ${whatEn}, total, ${periodEn}`, format, itemUnit);
      for (let t = 1; t <= TARIFFS; t++) {
        add(
          di + t,
          `${periodZh}${zh}费率${t}${whatZh}`,
          `${en} ${whatEn}, tariff ${t}, ${periodEn}`,
          format,
          itemUnit,
        );
      }
      add(
        di + 0xf,
        `${periodZh}${zh}${whatZh}数据块`,
        `${en} ${whatEn} block, ${periodEn}`,
        list(format, 1, 15),
        itemUnit,
      );
    }
  }
}

add(0xb210, '最近一次编程时间', 'last programming time', DEMAND_TIME);
add(0xb211, '最近一次最大需量清零时间', 'last demand clear time', DEMAND_TIME);
add(0xb212, '编程次数', 'programming count', decimal(2, 0));
add(0xb213, '最大需量清零次数', 'demand clear count', decimal(2, 0));
add(0xb214, '电池工作时间', 'battery running time', decimal(3, 0), 'min');
add(0xb310, '总断相次数', 'phase breaks, total count', decimal(2, 0));
add(0xb320, '断相时间累计值', 'phase break minutes, total', decimal(3, 0), 'min');
add(0xb330, '最近一次断相起始时刻', 'last phase break start', DEMAND_TIME);
add(0xb340, '最近一次断相结束时刻', 'last phase break end', DEMAND_TIME);
for (const [i, phaseZh, phaseEn] of [
  [1, 'A相', 'phase A'],
  [2, 'B相', 'phase B'],
  [3, 'C相', 'phase C'],
] as const) {
  add(0xb310 + i, `${phaseZh}断相次数`, `phase breaks, ${phaseEn}`, decimal(2, 0));
  add(0xb320 + i, `${phaseZh}断相时间累计值`, `phase break minutes, ${phaseEn}`, decimal(3, 0), 'min');
  add(0xb330 + i, `${phaseZh}最近一次断相起始时刻`, `last phase break start, ${phaseEn}`, DEMAND_TIME);
  add(0xb340 + i, `${phaseZh}最近一次断相结束时刻`, `last phase break end, ${phaseEn}`, DEMAND_TIME);
}

const PHASE_VALUES: readonly [number, string, string, DataFormat, Unit | undefined, boolean][] = [
  [0xb610, '电压', 'voltage', decimal(2, 0), 'V', false],
  [0xb620, '电流', 'current', decimal(2, 2), 'A', false],
  [0xb630, '瞬时有功功率', 'active power', decimal(3, 4), 'kW', true],
  [0xb640, '瞬时无功功率', 'reactive power', decimal(2, 2), 'kvar', true],
  [0xb650, '功率因数', 'power factor', decimal(2, 3), undefined, true],
];
for (const [base, zh, en, format, unit, hasTotal] of PHASE_VALUES) {
  if (hasTotal) add(base, `总${zh}`, `${en}, total`, format, unit);
  for (const [i, phaseZh, phaseEn] of [
    [1, 'A相', 'phase A'],
    [2, 'B相', 'phase B'],
    [3, 'C相', 'phase C'],
  ] as const) {
    add(base + i, `${phaseZh}${zh}`, `${en}, ${phaseEn}`, format, unit);
  }
  add(base + 0xf, `${zh}数据块`, `${en} block`, list(format, 1, hasTotal ? 4 : 3), unit);
}

add(0xc010, '日期及周次', 'date and weekday', datetime('YYMMDDWW'), undefined, 'read-write');
add(0xc011, '时间', 'time', datetime('hhmmss'), undefined, 'read-write');
add(0xc020, '电表运行状态字', 'meter running status word', bits(1));
add(0xc021, '电网状态字', 'grid status word', bits(1));
add(0xc022, '周休日状态字', 'weekly rest-day word', bits(1), undefined, 'read-write');
add(0xc030, '电表常数（有功）', 'active constant', decimal(3, 0), 'imp/kWh', 'read-write');
add(0xc031, '电表常数（无功）', 'reactive constant', decimal(3, 0), 'imp/kvarh', 'read-write');
add(0xc032, '表号', 'meter number', digits(6), undefined, 'read-write');
add(0xc033, '用户号', 'customer number', digits(6), undefined, 'read-write');
add(0xc034, '设备码', 'device code', digits(6), undefined, 'read-write');
add(0xc111, '最大需量周期', 'demand period', decimal(1, 0), 'min', 'read-write');
add(0xc112, '滑差时间', 'sliding window time', decimal(1, 0), 'min', 'read-write');
add(0xc117, '自动抄表日期', 'monthly reading day', datetime('DDhh'), undefined, 'read-write');

export const ITEMS_1997: ReadonlyMap<number, CatalogItem> = items;
