// 写数据 (DL/T 645-2007 §7.3): which parameters a meter lets the master change, and what changes.
import {
  type DataValue,
  decodeItem,
  type ErrorReason,
  lookupItem,
  type MeterDateTime,
} from '@openami/protocol';
import { fromMeterDateTime, toMeterDateTime } from '../time/local-time.ts';
import { LOAD_INTERVAL_RANGE_MIN } from './load-records.ts';
import type { SimMeter } from './meter.ts';
import { NETWORKED_CAPACITY_LIMIT } from './meter-config.ts';

/** Applies a write; returns the reason for an abnormal reply, or undefined when it was done. */
export function writeItem2007(
  meter: SimMeter,
  di: number,
  value: Uint8Array,
  operatorCode: string,
  simMs: number,
): ErrorReason | undefined {
  const item = lookupItem('2007', di);
  if (item === undefined) return 'no-data';
  if (item.access === 'read') return 'unauthorized';
  let decoded: DataValue;
  try {
    decoded = decodeItem('2007', di, value).value;
  } catch {
    return 'other';
  }
  const applied = apply(meter, di, decoded, operatorCode, simMs);
  if (applied !== undefined) return applied;
  meter.records.programming.add({ timeMs: meter.meterClock(simMs), operatorCode, dataIdentifiers: [di] });
  return undefined;
}

function apply(
  meter: SimMeter,
  di: number,
  value: DataValue,
  operatorCode: string,
  simMs: number,
): ErrorReason | undefined {
  const offset = meter.config.utcOffsetMinutes;
  const prepaid = meter.prepaid;
  const wh = typeof value === 'number' ? Math.round(value * 1000) : undefined;
  switch (di) {
    case 0x04000101:
    case 0x04000102: {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'other';
      const now = toMeterDateTime(meter.meterClock(simMs), offset);
      const next = { ...now, ...(value as MeterDateTime) };
      meter.setClock(simMs, fromMeterDateTime(next, offset), operatorCode);
      return undefined;
    }
    case 0x04000401:
      if (typeof value !== 'string') return 'other';
      meter.address = value;
      return undefined;
    case 0x04000e01:
      if (wh === undefined) return 'other';
      meter.setCapacityLimit(
        {
          maxPowerW: wh,
          tripDelayMs: meter.capacity?.tripDelayMs ?? NETWORKED_CAPACITY_LIMIT.tripDelayMs,
          restoreAfterMs: meter.capacity?.restoreAfterMs ?? NETWORKED_CAPACITY_LIMIT.restoreAfterMs,
        },
        simMs,
      );
      return undefined;
    case 0x04000f01:
    case 0x04000f02:
    case 0x04000f03:
    case 0x04000f04:
      if (prepaid === undefined) return 'no-data';
      if (wh === undefined) return 'other';
      if (di === 0x04000f01) prepaid.alarmEnergyWh = wh;
      if (di === 0x04000f02) prepaid.alarm2EnergyWh = wh;
      if (di === 0x04000f03) prepaid.hoardingLimitWh = wh;
      if (di === 0x04000f04) prepaid.creditLimitWh = wh;
      meter.advanceTo(simMs);
      return undefined;
    case 0x04001001:
    case 0x04001002:
    case 0x04001003:
    case 0x04001004: {
      const money = meter.moneyPrepaid;
      if (money === undefined) return 'no-data';
      if (typeof value !== 'number') return 'other';
      const fen = Math.round(value * 100);
      if (di === 0x04001001) money.alarm1Fen = fen;
      if (di === 0x04001002) money.alarm2Fen = fen;
      if (di === 0x04001003) money.creditLimitFen = fen;
      if (di === 0x04001004) money.hoardingLimitFen = fen;
      meter.advanceTo(simMs);
      return undefined;
    }
    case 0x04050101:
    case 0x04050102:
    case 0x04050103:
    case 0x04050104: {
      const money = meter.moneyPrepaid;
      if (money === undefined) return 'no-data';
      if (typeof value !== 'number') return 'other';
      meter.advanceTo(simMs);
      money.pricesPerKwh[di - 0x04050101] = Math.round(value * 10_000);
      return undefined;
    }
    case 0x04000901:
      // 负荷记录模式字: bits 0-5 select the six classes, bits 6-7 are reserved.
      if (value === null || typeof value !== 'object' || !('raw' in value)) return 'other';
      meter.advanceTo(simMs);
      meter.loadRecords.modeWord = (value.raw as number) & 0x3f;
      return undefined;
    case 0x04000a01: {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'other';
      const { month, day, hour, minute } = value as MeterDateTime;
      if (month === undefined || day === undefined || hour === undefined || minute === undefined)
        return 'other';
      meter.loadRecords.startTime = { month, day, hour, minute };
      return undefined;
    }
    case 0x04000a02:
    case 0x04000a03:
    case 0x04000a04:
    case 0x04000a05:
    case 0x04000a06:
    case 0x04000a07: {
      const { min, max } = LOAD_INTERVAL_RANGE_MIN;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return 'other';
      meter.advanceTo(simMs);
      meter.loadRecords.intervalsMin[di - 0x04000a02] = value;
      return undefined;
    }
    default:
      // A parameter the standard lets a master write, but this meter keeps fixed (CT/PT ratios, tables).
      return 'unauthorized';
  }
}
