// What a DL/T 645-2007 meter answers to "read data" (§7.1) for each identifier of Annex A it models. An
// identifier it does not hold gives undefined (the caller replies 无请求数据); a phase a single-phase meter
// lacks reads as null (all FFH, Annex A note on absent data).
import type { DataValue } from '@openami/protocol';
import { demandValue2007, readDemand2007 } from './demand-items.ts';
import { kindValues } from './energy-kinds.ts';
import { readEvent2007 } from './events-2007.ts';
import type { SimMeter } from './meter.ts';
import { readParameter2007 } from './parameters-2007.ts';
import { TARIFF_COUNT } from './tariff.ts';
import { fixed, kw, kwh, signedKwh, yuan } from './units.ts';

export function readItem2007(meter: SimMeter, di: number, simMs: number): DataValue | undefined {
  switch (di >>> 24) {
    case 0x00:
      return readEnergy(meter, di);
    case 0x01:
      return readDemand2007(meter, di);
    case 0x02:
      return readVariable(meter, di, simMs);
    case 0x03:
    case 0x10:
    case 0x13:
    case 0x19:
    case 0x1b:
    case 0x1d:
    case 0x1e:
      return readEvent2007(meter, di, simMs);
    case 0x04:
      return readParameter2007(meter, di, simMs);
    case 0x05:
      return readFrozen(meter, di);
    default:
      return undefined;
  }
}

/** Combined kinds (组合有功, 组合无功) are signed in Table A.1. */
function energyValue(kind: number, wh: number): number {
  return kind === 0x00 || kind === 0x03 || kind === 0x04 ? signedKwh(wh) : kwh(wh);
}

function readEnergy(meter: SimMeter, di: number): DataValue | undefined {
  const di2 = (di >>> 16) & 0xff;
  const di1 = (di >>> 8) & 0xff;
  const di0 = di & 0xff;
  if (di2 === 0x90) return readPrepaidBalance(meter, di);
  const snapshot = di0 === 0 ? meter.registers.snapshot() : meter.records.settlements.last(di0)?.energies;
  if (snapshot === undefined) return undefined;
  const phase = PHASE_ENERGY.get(di2);
  if (phase !== undefined) {
    if (di1 !== 0 || di0 !== 0) return undefined;
    if (phase.phase >= meter.config.phases) return null;
    return kwh((meter.registers.phaseWh[phase.phase] as number[])[phase.reverse ? 1 : 0] as number);
  }
  const values = kindValues(snapshot, di2);
  if (values === undefined) return undefined;
  if (di1 === 0xff) return values.map((wh) => energyValue(di2, wh));
  if (di1 > TARIFF_COUNT) return undefined;
  return energyValue(di2, values[di1] as number);
}

/** Per-phase forward and reverse active energy (Table A.1: A from 15H, B from 29H, C from 3DH). */
const PHASE_ENERGY: ReadonlyMap<number, { phase: number; reverse: boolean }> = new Map([
  [0x15, { phase: 0, reverse: false }],
  [0x16, { phase: 0, reverse: true }],
  [0x29, { phase: 1, reverse: false }],
  [0x2a, { phase: 1, reverse: true }],
  [0x3d, { phase: 2, reverse: false }],
  [0x3e, { phase: 2, reverse: true }],
]);

function readPrepaidBalance(meter: SimMeter, di: number): DataValue | undefined {
  const money = meter.moneyPrepaid;
  if (money !== undefined) {
    if (di === 0x00900200) return yuan(money.remainingFen);
    if (di === 0x00900201) return yuan(money.overdraftFen);
    return undefined;
  }
  const prepaid = meter.prepaid;
  if (prepaid === undefined) return undefined;
  if (di === 0x00900100) return kwh(Math.max(0, prepaid.remainingWh));
  if (di === 0x00900101) return kwh(prepaid.overdraftWh);
  return undefined;
}

function readVariable(meter: SimMeter, di: number, simMs: number): DataValue | undefined {
  const di2 = (di >>> 16) & 0xff;
  const di1 = (di >>> 8) & 0xff;
  const e = meter.electrical;
  if (di2 === 0x80) return readMisc(meter, di, simMs);
  if ((di & 0xff) !== 0) return undefined;
  const perPhase = PHASE_VALUES.get(di2);
  if (perPhase === undefined) return undefined;
  const phaseValue = (phase: number): number | null =>
    phase < meter.config.phases ? perPhase.phase(meter, phase) : null;
  const hasTotal = perPhase.total !== undefined;
  if (di1 === 0xff) {
    const phases = [0, 1, 2].map(phaseValue);
    return hasTotal && perPhase.total !== undefined ? [perPhase.total(e), ...phases] : phases;
  }
  if (di1 === 0) return perPhase.total?.(e);
  if (di1 > 3) return undefined;
  return phaseValue(di1 - 1);
}

type Quantities = SimMeter['electrical'];
interface PhaseValue {
  readonly phase: (meter: SimMeter, phase: number) => number;
  readonly total?: (e: Quantities) => number;
}

const at = (values: readonly number[], phase: number) => values[phase] as number;
const PHASE_VALUES: ReadonlyMap<number, PhaseValue> = new Map<number, PhaseValue>([
  [0x01, { phase: (m, p) => fixed(at(m.electrical.voltageV, p), 1, 2, false) }],
  [0x02, { phase: (m, p) => fixed(at(m.electrical.currentA, p), 3, 3, true) }],
  [0x03, { phase: (m, p) => kw(at(m.electrical.activeW, p)), total: (e) => kw(e.totalActiveW) }],
  [0x04, { phase: (m, p) => kw(at(m.electrical.reactiveVar, p)), total: (e) => kw(e.totalReactiveVar) }],
  [
    0x05,
    {
      phase: (m, p) => kw(Math.hypot(at(m.electrical.activeW, p), at(m.electrical.reactiveVar, p))),
      total: (e) => kw(e.totalApparentVA),
    },
  ],
  [
    0x06,
    {
      phase: (m, p) => fixed(at(m.electrical.powerFactor, p), 3, 2, true),
      total: (e) => fixed(e.totalPowerFactor, 3, 2, true),
    },
  ],
  [0x07, { phase: (m, p) => fixed(at(m.electrical.phaseAngleDeg, p), 1, 2, false) }],
]);

function readMisc(meter: SimMeter, di: number, simMs: number): DataValue | undefined {
  const e = meter.electrical;
  switch (di) {
    case 0x02800001:
      return fixed(e.neutralA, 3, 3, true);
    case 0x02800002:
      return fixed(e.frequencyHz, 2, 2, false);
    case 0x02800003:
      // The load is constant within a minute, so the one-minute average is the present power.
      return kw(e.totalActiveW);
    case 0x02800007:
      return fixed(25 + (10 * Math.abs(e.totalActiveW)) / Math.max(1, meter.config.peakPowerW), 1, 2, true);
    case 0x02800004:
      // 当前有功需量: the sliding average, negative while power flows backwards.
      return kw(meter.demand.forward.presentW - meter.demand.reverse.presentW);
    case 0x02800008:
      return 3.6;
    case 0x0280000a: {
      const clock = meter.meterClock(simMs);
      let minutes = 0;
      for (const record of meter.records.powerDowns.all())
        minutes += ((record.endMs ?? clock) - record.startMs) / 60_000;
      return Math.floor(minutes);
    }
    case 0x0280000b: {
      // A money-type meter prices by the tariff in force; it keeps no steps, so this is that price.
      const money = meter.moneyPrepaid;
      return money === undefined ? undefined : money.priceOf(meter.tariffAt(simMs)) / 10_000;
    }
    default:
      return undefined;
  }
}

function readFrozen(meter: SimMeter, di: number): DataValue | undefined {
  const di2 = (di >>> 16) & 0xff;
  const di1 = (di >>> 8) & 0xff;
  const n = di & 0xff;
  if (di2 === 0x04) {
    const hourly = meter.records.hourlyFreezes.last(n);
    if (hourly === undefined) return undefined;
    if (di1 === 0x00) return dateTimeMinutes(hourly.timeMs, meter.config.utcOffsetMinutes);
    if (di1 === 0x01) return kwh(hourly.forwardWh);
    if (di1 === 0x02) return kwh(hourly.reverseWh);
    return undefined;
  }
  const log =
    di2 === 0x06 ? meter.records.dailyFreezes : di2 === 0x01 ? meter.records.instantFreezes : undefined;
  const record = log?.last(n);
  if (record === undefined) return undefined;
  const offset = meter.config.utcOffsetMinutes;
  if (di1 === 0x00) return dateTimeMinutes(record.timeMs, offset);
  if (di1 >= 0x01 && di1 <= 0x08) {
    const values = kindValues(record.energies, di1);
    return values?.map((wh) => energyValue(di1, wh));
  }
  if (di1 === 0x09 || di1 === 0x0a) {
    const demand = di1 === 0x09 ? record.demand.forward : record.demand.reverse;
    return demand.map((m) => demandValue2007(m, offset));
  }
  if (di1 === 0x10) return record.powers.map((w) => (w === undefined ? null : kw(w)));
  return undefined;
}

function dateTimeMinutes(epochMs: number, utcOffsetMinutes: number): DataValue {
  const local = new Date(epochMs + utcOffsetMinutes * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}
