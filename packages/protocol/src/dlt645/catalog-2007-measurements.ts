// DL/T 645-2007 Annex A, the measured quantities: Table A.1 energy (电能量), Table A.2 maximum demand
// (最大需量及发生时间), Table A.3 variables (变量) and Table A.6 frozen data (冻结量). Families are resolved
// from the identifier's bytes rather than listed one by one: DI2 names the quantity, DI1 the tariff or
// phase (FFH: the whole block), DI0 the settlement day or the n-th last freeze.
import type { CatalogItem, Unit } from './catalog-types.ts';
import { type DataFormat, datetime, decimal, list, record } from './formats.ts';

export const ENERGY = decimal(4, 2);
const SIGNED_ENERGY = decimal(4, 2, true);
const DEMAND = record([
  { name: 'demand', format: decimal(3, 4, true) },
  { name: 'time', format: datetime('YYMMDDhhmm') },
]);
/** Tariffs a block may hold besides the total (§6: up to 63 tariffs; L≤200 allows 49 energies). */
const MAX_TARIFFS = 63;

interface EnergyKind {
  readonly zh: string;
  readonly en: string;
  readonly unit: Unit;
  readonly signed: boolean;
}

const ENERGY_KINDS: ReadonlyMap<number, EnergyKind> = new Map([
  [0x00, { zh: '组合有功', en: 'combined active', unit: 'kWh', signed: true }],
  [0x01, { zh: '正向有功', en: 'forward active', unit: 'kWh', signed: false }],
  [0x02, { zh: '反向有功', en: 'reverse active', unit: 'kWh', signed: false }],
  [0x03, { zh: '组合无功1', en: 'combined reactive 1', unit: 'kvarh', signed: true }],
  [0x04, { zh: '组合无功2', en: 'combined reactive 2', unit: 'kvarh', signed: true }],
  [0x05, { zh: '第一象限无功', en: 'quadrant I reactive', unit: 'kvarh', signed: false }],
  [0x06, { zh: '第二象限无功', en: 'quadrant II reactive', unit: 'kvarh', signed: false }],
  [0x07, { zh: '第三象限无功', en: 'quadrant III reactive', unit: 'kvarh', signed: false }],
  [0x08, { zh: '第四象限无功', en: 'quadrant IV reactive', unit: 'kvarh', signed: false }],
  [0x09, { zh: '正向视在', en: 'forward apparent', unit: 'kVAh', signed: false }],
  [0x0a, { zh: '反向视在', en: 'reverse apparent', unit: 'kVAh', signed: false }],
]);

/** Per-phase energies (Table A.1): A phase from 15H, B from 29H, C from 3DH, in the order of DI2 01H…0AH. */
const PHASE_ENERGY_BASES: readonly [number, string, string][] = [
  [0x15, 'A相', 'phase A'],
  [0x29, 'B相', 'phase B'],
  [0x3d, 'C相', 'phase C'],
];

function settlement(di0: number): { zh: string; en: string } | undefined {
  if (di0 === 0) return { zh: '（当前）', en: 'current' };
  if (di0 <= 0x0c) return { zh: `（上${di0}结算日）`, en: `settlement day -${di0}` };
  return undefined;
}

function tariff(di1: number): { zh: string; en: string } {
  return di1 === 0 ? { zh: '总', en: 'total' } : { zh: `费率${di1}`, en: `tariff ${di1}` };
}

/** Table A.1: 00 DI2 DI1 DI0. */
export function energyItem(di: number, di2: number, di1: number, di0: number): CatalogItem | undefined {
  const when = settlement(di0);
  if (when === undefined) return undefined;
  let kind = ENERGY_KINDS.get(di2);
  let phase = { zh: '', en: '' };
  if (kind === undefined) {
    for (const [base, zh, en] of PHASE_ENERGY_BASES) {
      const phaseKind = ENERGY_KINDS.get(di2 - base + 1);
      if (di2 >= base && di2 < base + 10 && phaseKind !== undefined) {
        kind = phaseKind;
        phase = { zh, en: `${en} ` };
      }
    }
    // Per-phase energies have a total only.
    if (kind === undefined || di1 !== 0) return undefined;
  }
  const single = kind.signed ? SIGNED_ENERGY : ENERGY;
  if (di1 === 0xff) {
    return item(
      di,
      `${when.zh}${phase.zh}${kind.zh}电能数据块`,
      `${phase.en}${kind.en} energy block (total and tariffs), ${when.en}`,
      kind.unit,
      list(single, 1, MAX_TARIFFS + 1),
    );
  }
  if (di1 > MAX_TARIFFS) return undefined;
  const t = tariff(di1);
  return item(
    di,
    `${when.zh}${phase.zh}${kind.zh}${t.zh}电能`,
    `${phase.en}${kind.en} energy, ${t.en}, ${when.en}`,
    kind.unit,
    single,
  );
}

/** Table A.2: 01 DI2 DI1 DI0, demand XX.XXXX with its time YYMMDDhhmm. */
export function demandItem(di: number, di2: number, di1: number, di0: number): CatalogItem | undefined {
  const when = settlement(di0);
  const kind = ENERGY_KINDS.get(di2);
  if (when === undefined || kind === undefined || di2 === 0) return undefined;
  const unit: Unit = kind.unit === 'kWh' ? 'kW' : kind.unit === 'kvarh' ? 'kvar' : 'kVA';
  if (di1 === 0xff) {
    return item(
      di,
      `${when.zh}${kind.zh}最大需量及发生时间数据块`,
      `${kind.en} maximum demand and time block, ${when.en}`,
      unit,
      list(DEMAND, 1, MAX_TARIFFS + 1),
    );
  }
  if (di1 > MAX_TARIFFS) return undefined;
  const t = tariff(di1);
  return item(
    di,
    `${when.zh}${kind.zh}${t.zh}最大需量及发生时间`,
    `${kind.en} maximum demand and time, ${t.en}, ${when.en}`,
    unit,
    DEMAND,
  );
}

interface PhaseQuantity {
  readonly zh: string;
  readonly en: string;
  readonly unit?: Unit;
  readonly format: DataFormat;
  /** Whether DI1 = 00H (the total) exists besides the phases 01H–03H. */
  readonly hasTotal: boolean;
}

/** Table A.3: 02 DI2 DI1 00, per-phase instantaneous values. */
const PHASE_QUANTITIES: ReadonlyMap<number, PhaseQuantity> = new Map<number, PhaseQuantity>([
  [0x01, { zh: '电压', en: 'voltage', unit: 'V', format: decimal(2, 1), hasTotal: false }],
  [0x02, { zh: '电流', en: 'current', unit: 'A', format: decimal(3, 3, true), hasTotal: false }],
  [0x03, { zh: '瞬时有功功率', en: 'active power', unit: 'kW', format: decimal(3, 4, true), hasTotal: true }],
  [
    0x04,
    { zh: '瞬时无功功率', en: 'reactive power', unit: 'kvar', format: decimal(3, 4, true), hasTotal: true },
  ],
  [
    0x05,
    { zh: '瞬时视在功率', en: 'apparent power', unit: 'kVA', format: decimal(3, 4, true), hasTotal: true },
  ],
  [0x06, { zh: '功率因数', en: 'power factor', format: decimal(2, 3, true), hasTotal: true }],
  [0x07, { zh: '相角', en: 'phase angle', unit: '°', format: decimal(2, 1), hasTotal: false }],
  [
    0x08,
    {
      zh: '电压波形失真度',
      en: 'voltage waveform distortion',
      unit: '%',
      format: decimal(2, 2),
      hasTotal: false,
    },
  ],
  [
    0x09,
    {
      zh: '电流波形失真度',
      en: 'current waveform distortion',
      unit: '%',
      format: decimal(2, 2),
      hasTotal: false,
    },
  ],
]);

const PHASES = ['总', 'A相', 'B相', 'C相'];
const PHASES_EN = ['total', 'phase A', 'phase B', 'phase C'];

export function phaseQuantityItem(
  di: number,
  di2: number,
  di1: number,
  di0: number,
): CatalogItem | undefined {
  const quantity = PHASE_QUANTITIES.get(di2);
  if (quantity === undefined || di0 !== 0) return undefined;
  const first = quantity.hasTotal ? 0 : 1;
  if (di1 === 0xff) {
    const count = 4 - first;
    return item(
      di,
      `${quantity.zh}数据块`,
      `${quantity.en} block (${PHASES_EN.slice(first).join(', ')})`,
      quantity.unit,
      list(quantity.format, 1, count),
    );
  }
  if (di1 < first || di1 > 3) return undefined;
  return item(
    di,
    `${PHASES[di1]}${quantity.zh}`,
    `${quantity.en}, ${PHASES_EN[di1]}`,
    quantity.unit,
    quantity.format,
  );
}

/** Table A.6: frozen data. DI2 = kind of freeze, DI1 = what, DI0 = the n-th last (01H…). */
const FREEZES: ReadonlyMap<number, { zh: string; en: string; keep: number }> = new Map([
  [0x00, { zh: '定时冻结', en: 'timed freeze', keep: 12 }],
  [0x01, { zh: '瞬时冻结', en: 'instant freeze', keep: 3 }],
  [0x04, { zh: '整点冻结', en: 'hourly freeze', keep: 254 }],
  [0x06, { zh: '日冻结', en: 'daily freeze', keep: 62 }],
]);

export function frozenItem(di: number, di2: number, di1: number, di0: number): CatalogItem | undefined {
  const freeze = FREEZES.get(di2);
  if (freeze === undefined || di0 === 0 || di0 > freeze.keep) return undefined;
  const which = { zh: `（上${di0}次）${freeze.zh}`, en: `${freeze.en} -${di0}` };
  if (di1 === 0x00)
    return item(di, `${which.zh}时间`, `${which.en}: time`, undefined, datetime('YYMMDDhhmm'));
  if (di2 === 0x04) {
    // Hourly freezes keep the forward and reverse active totals only.
    if (di1 === 0x01)
      return item(
        di,
        `${which.zh}正向有功总电能`,
        `${which.en}: forward active energy, total`,
        'kWh',
        ENERGY,
      );
    if (di1 === 0x02)
      return item(
        di,
        `${which.zh}反向有功总电能`,
        `${which.en}: reverse active energy, total`,
        'kWh',
        ENERGY,
      );
    return undefined;
  }
  if (di1 >= 0x01 && di1 <= 0x08) {
    const kind = ENERGY_KINDS.get(di1) as EnergyKind;
    const format = list(kind.signed ? SIGNED_ENERGY : ENERGY, 1, MAX_TARIFFS + 1);
    return item(
      di,
      `${which.zh}${kind.zh}电能数据`,
      `${which.en}: ${kind.en} energy (total and tariffs)`,
      kind.unit,
      format,
    );
  }
  if (di1 === 0x09 || di1 === 0x0a) {
    const kind = ENERGY_KINDS.get(di1 - 8) as EnergyKind;
    return item(
      di,
      `${which.zh}${kind.zh}最大需量及发生时间数据`,
      `${which.en}: ${kind.en} maximum demand and time`,
      'kW',
      list(DEMAND, 1, MAX_TARIFFS + 1),
    );
  }
  if (di1 === 0x10) {
    // 变量数据: active power total, A, B, C then reactive power total, A, B, C.
    return item(
      di,
      `${which.zh}变量数据`,
      `${which.en}: active and reactive power`,
      undefined,
      list(decimal(3, 4, true), 8, 8),
    );
  }
  return undefined;
}

function item(di: number, zh: string, en: string, unit: Unit | undefined, format: DataFormat): CatalogItem {
  return unit === undefined
    ? { edition: '2007', di, zh, en, format, access: 'read' }
    : { edition: '2007', di, zh, en, unit, format, access: 'read' };
}
