// What a DL/T 645-1997 meter answers (Appendix A identifiers): energies current / last month / the month
// before, instantaneous values, clock, status and identity. Demand and phase-break records are not modelled.
import type { DataValue } from '@openami/protocol';
import { readDemand1997 } from './demand-items.ts';
import { kindValues } from './energy-kinds.ts';
import type { SimMeter } from './meter.ts';
import { dateTime, fixed, kw, kwh } from './units.ts';

/** DI0 high nibble of 9xxx → the 2007 kind of Table A.1 it corresponds to. */
const ENERGY_KIND_1997: ReadonlyMap<number, number> = new Map([
  [0x9010, 0x01], // 正向有功
  [0x9020, 0x02], // 反向有功
  // 正向/反向无功 as the 2007 default combinations (组合无功1 = QI+QII, 组合无功2 = QIII+QIV).
  [0x9110, 0x03],
  [0x9120, 0x04],
  [0x9130, 0x05], // 一象限
  [0x9140, 0x08], // 四象限
  [0x9150, 0x06], // 二象限
  [0x9160, 0x07], // 三象限
]);

export function readItem1997(meter: SimMeter, di: number, simMs: number): DataValue | undefined {
  const high = di >>> 12;
  if (high === 0x9) return readEnergy(meter, di);
  const period = (di >>> 8) & 0x0f;
  if ((high === 0xa || high === 0xb) && (period === 0 || period === 4 || period === 8))
    return readDemand1997(meter, di);
  if ((di & 0xff00) === 0xb600) return readVariable(meter, di);
  const offset = meter.config.utcOffsetMinutes;
  const clock = dateTime(meter.meterClock(simMs), offset);
  switch (di) {
    case 0xc010:
      return { year: clock.year, month: clock.month, day: clock.day, weekday: clock.weekday };
    case 0xc011:
      return { hour: clock.hour, minute: clock.minute, second: clock.second };
    case 0xc020: {
      // D5 有功功率方向, D6 无功功率方向 (1 = reverse).
      const e = meter.electrical;
      const raw = (e.totalActiveW < 0 ? 1 << 5 : 0) | (e.totalReactiveVar < 0 ? 1 << 6 : 0);
      return { raw, flags: {} };
    }
    case 0xc021:
    case 0xc022:
      return { raw: 0, flags: {} };
    case 0xc030:
    case 0xc031:
      return meter.config.constantImpPerKwh;
    case 0xc032:
    case 0xc033:
      return meter.config.meterNumber;
    case 0xc034:
      return meter.address;
    case 0xc111:
      return 15;
    case 0xc112:
      return 1;
    case 0xc117:
      return { day: 1, hour: 0 };
    case 0xb212:
      return meter.records.programming.count % 10_000;
    case 0xb213:
      return meter.records.demandClears % 10_000;
    case 0xb210: {
      const last = meter.records.programming.last(1);
      return last === undefined ? null : monthMinute(dateTime(last.timeMs, offset));
    }
    default:
      return undefined;
  }
}

function monthMinute(t: ReturnType<typeof dateTime>): DataValue {
  return { month: t.month, day: t.day, hour: t.hour, minute: t.minute };
}

function readEnergy(meter: SimMeter, di: number): DataValue | undefined {
  const period = (di >>> 8) & 0x0f;
  const base = (di & 0xf0f0) | 0x0000;
  const kind = ENERGY_KIND_1997.get(base);
  const tariff = di & 0x0f;
  if (kind === undefined) return undefined;
  const snapshot =
    period === 0
      ? meter.registers.snapshot()
      : period === 4
        ? meter.records.settlements.last(1)?.energies
        : period === 8
          ? meter.records.settlements.last(2)?.energies
          : undefined;
  if (snapshot === undefined) return undefined;
  const values = kindValues(snapshot, kind)?.map((wh) => kwh(Math.abs(wh)));
  if (values === undefined) return undefined;
  if (tariff === 0x0f) return values;
  return tariff <= 4 ? values[tariff] : undefined;
}

function readVariable(meter: SimMeter, di: number): DataValue | undefined {
  const e = meter.electrical;
  const quantity = di & 0xfff0;
  const which = di & 0x0f;
  const phases = meter.config.phases;
  const perPhase: Readonly<Record<number, (p: number) => number>> = {
    46608: (p) => fixed(e.voltageV[p] as number, 0, 2, false),
    46624: (p) => fixed(Math.abs(e.currentA[p] as number), 2, 2, false),
    46640: (p) => Math.abs(kw(e.activeW[p] as number)),
    46656: (p) => fixed(Math.abs(e.reactiveVar[p] as number) / 1000, 2, 2, false),
    46672: (p) => fixed(Math.abs(e.powerFactor[p] as number), 3, 2, false),
  };
  const totals: Readonly<Record<number, number>> = {
    46640: Math.abs(kw(e.totalActiveW)),
    46656: fixed(Math.abs(e.totalReactiveVar) / 1000, 2, 2, false),
    46672: fixed(Math.abs(e.totalPowerFactor), 3, 2, false),
  };
  const phaseValue = perPhase[quantity];
  if (phaseValue === undefined) return undefined;
  const value = (p: number) => (p < phases ? phaseValue(p) : null);
  const total = totals[quantity];
  if (which === 0x0f) return total === undefined ? [0, 1, 2].map(value) : [total, ...[0, 1, 2].map(value)];
  if (which === 0) return total;
  return which <= 3 ? value(which - 1) : undefined;
}
