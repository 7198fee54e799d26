// Maximum demand as the catalogs carry it: 2007 XX.XXXX kW with YYMMDDhhmm (Table A.2), 1997 demand (Axxx)
// and its time MMDDhhmm (Bxxx) as separate items.
import type { DataValue } from '@openami/protocol';
import type { DemandMaximum, DemandSnapshot } from './demand.ts';
import type { SimMeter } from './meter.ts';
import { TARIFF_COUNT } from './tariff.ts';
import { dateTime, kw } from './units.ts';

/** A maximum not yet reached reads as zeros, as a meter fresh from the factory (or a demand clear) sends. */
const ZERO_TIME_2007 = { year: 2000, month: 0, day: 0, hour: 0, minute: 0 };
const ZERO_TIME_1997 = { month: 0, day: 0, hour: 0, minute: 0 };

function demandSource(meter: SimMeter, reverse: boolean, settlement: number): DemandSnapshot | undefined {
  if (settlement === 0) return (reverse ? meter.demand.reverse : meter.demand.forward).snapshot();
  const record = meter.records.settlements.last(settlement);
  return record === undefined ? undefined : reverse ? record.demand.reverse : record.demand.forward;
}

export function demandValue2007(maximum: DemandMaximum, utcOffsetMinutes: number): DataValue {
  if (maximum.atMs === undefined) return { demand: 0, time: ZERO_TIME_2007 };
  const t = dateTime(maximum.atMs, utcOffsetMinutes);
  return {
    demand: kw(maximum.watts),
    time: { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute },
  };
}

/** 01 DI2 DI1 DI0: forward (01) and reverse (02) active demand; reactive and apparent are not modelled. */
export function readDemand2007(meter: SimMeter, di: number): DataValue | undefined {
  const di2 = (di >>> 16) & 0xff;
  const di1 = (di >>> 8) & 0xff;
  const di0 = di & 0xff;
  if ((di2 !== 0x01 && di2 !== 0x02) || di0 > 12) return undefined;
  const source = demandSource(meter, di2 === 0x02, di0);
  if (source === undefined) return undefined;
  const value = (m: DemandMaximum) => demandValue2007(m, meter.config.utcOffsetMinutes);
  if (di1 === 0xff) return source.map(value);
  return di1 <= TARIFF_COUNT ? value(source[di1] as DemandMaximum) : undefined;
}

/** 1997: A0xx / A4xx / A8xx demand, B0xx / B4xx / B8xx its time; xx 1x forward, 2x reverse active. */
export function readDemand1997(meter: SimMeter, di: number): DataValue | undefined {
  const kind = di >>> 12;
  const period = (di >>> 8) & 0x0f;
  const quantity = di & 0xf0;
  const tariff = di & 0x0f;
  if ((kind !== 0xa && kind !== 0xb) || (quantity !== 0x10 && quantity !== 0x20)) return undefined;
  const settlement = period === 0 ? 0 : period === 4 ? 1 : period === 8 ? 2 : -1;
  if (settlement < 0) return undefined;
  const source = demandSource(meter, quantity === 0x20, settlement);
  if (source === undefined) return undefined;
  const value = (m: DemandMaximum): DataValue => {
    if (kind === 0xa) return Math.abs(kw(m.watts));
    if (m.atMs === undefined) return ZERO_TIME_1997;
    const t = dateTime(m.atMs, meter.config.utcOffsetMinutes);
    return { month: t.month, day: t.day, hour: t.hour, minute: t.minute };
  };
  if (tariff === 0x0f) return source.map(value);
  return tariff <= TARIFF_COUNT ? value(source[tariff] as DemandMaximum) : undefined;
}
