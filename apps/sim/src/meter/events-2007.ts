// Event records as DL/T 645-2007 Table A.4 lays them out: a total count, and the n-th last record (1…10).
import type { DataValue } from '@openami/protocol';
import type { EventLog } from './event-log.ts';
import type { MoneyPurchaseRecord } from './fee-control.ts';
import type { SimMeter } from './meter.ts';
import type { CoverRecord, RelayRecord } from './meter-records.ts';
import type { PurchaseRecord } from './prepaid.ts';
import { dateTime, kwh, yuan } from './units.ts';

const TOTAL_NAMES = [
  'forwardActive',
  'reverseActive',
  'q1Reactive',
  'q2Reactive',
  'q3Reactive',
  'q4Reactive',
];
/** Unused identifier slots of a programming record are filled with FFFFFFFFH. */
const NO_IDENTIFIER = 'FFFFFFFF';
const PROGRAMMING_SLOTS = 10;

export function readEvent2007(meter: SimMeter, di: number, simMs: number): DataValue | undefined {
  const di3 = di >>> 24;
  const di2 = (di >>> 16) & 0xff;
  const di1 = (di >>> 8) & 0xff;
  const di0 = di & 0xff;
  const time = (ms: number | undefined) =>
    ms === undefined ? null : dateTime(ms, meter.config.utcOffsetMinutes);
  if (di3 === 0x1d || di3 === 0x1e) {
    if (di2 !== 0) return undefined;
    return relay(di3 === 0x1d ? meter.records.relayTrips : meter.records.relayCloses, di1, di0, time);
  }
  if (di3 === 0x19 || di3 === 0x1b) {
    const phase = di2 - 1;
    if (phase < 0 || phase > 2) return undefined;
    if (phase >= meter.config.phases) return null;
    const condition = (di3 === 0x19 ? meter.records.overCurrent : meter.records.reversePower)[phase];
    if (condition === undefined) return undefined;
    if (di1 === 0 && di0 === 1) return condition.starts.count;
    if (di1 === 0 && di0 === 2) return condition.totalMinutes(meter.meterClock(simMs));
    if (di1 === 1 && di0 >= 1 && di0 <= 10) return time(condition.starts.last(di0));
    return undefined;
  }
  if (di3 !== 0x03) return undefined;
  const base = di & 0xffffff00;
  switch (base) {
    case 0x03110000:
      return counted(meter.records.powerDowns, di0, (r) => ({ start: time(r.startMs), end: time(r.endMs) }));
    case 0x03300000:
      return counted(meter.records.programming, di0, (r) => ({
        time: time(r.timeMs),
        operatorCode: r.operatorCode,
        dataIdentifiers: Array.from({ length: PROGRAMMING_SLOTS }, (_, i) => {
          const id = r.dataIdentifiers[i];
          return id === undefined ? NO_IDENTIFIER : id.toString(16).toUpperCase().padStart(8, '0');
        }),
      }));
    case 0x03300100:
      return di0 === 0 ? meter.records.meterClears : undefined;
    case 0x03300200:
      return di0 === 0 ? meter.records.demandClears : undefined;
    case 0x03300300:
      return counted(meter.records.eventClears, di0, (r) => ({
        time: time(r.timeMs),
        operatorCode: r.operatorCode,
        dataIdentifier: r.dataIdentifier.toString(16).toUpperCase().padStart(8, '0'),
      }));
    case 0x03300400:
      return counted(meter.records.clockChanges, di0, (r) => ({
        operatorCode: r.operatorCode,
        before: time(r.beforeMs),
        after: time(r.afterMs),
      }));
    case 0x03300d00:
      return counted(meter.records.coverOpens, di0, (r) => cover(r, time));
    case 0x03300e00:
      return counted(meter.records.terminalCoverOpens, di0, (r) => cover(r, time));
    default:
      return purchase(meter, di, time);
  }
}

function counted<T>(log: EventLog<T>, n: number, present: (record: T) => DataValue): DataValue | undefined {
  if (n === 0) return log.count;
  if (n > 10) return undefined;
  const record = log.last(n);
  return record === undefined ? undefined : present(record);
}

function cover(record: CoverRecord, time: (ms: number | undefined) => DataValue): DataValue {
  const fields: Record<string, DataValue> = { start: time(record.startMs), end: time(record.endMs) };
  TOTAL_NAMES.forEach((name, i) => {
    fields[`${name}Start`] = kwh(record.startTotals[i] as number);
    const end = record.endTotals?.[i];
    fields[`${name}End`] = end === undefined ? null : kwh(end);
  });
  return fields;
}

function relay(
  log: EventLog<RelayRecord>,
  di1: number,
  di0: number,
  time: (ms: number | undefined) => DataValue,
): DataValue | undefined {
  if (di1 === 0 && di0 === 1) return log.count;
  if (di0 < 1 || di0 > 10) return undefined;
  const record = log.last(di0);
  if (record === undefined) return undefined;
  const fields: DataValue[] = [
    time(record.timeMs),
    record.operatorCode,
    ...record.totals.map((wh) => kwh(wh)),
  ];
  if (di1 >= 1 && di1 <= 8) return fields[di1 - 1];
  if (di1 !== 0xff) return undefined;
  const names = ['time', 'operatorCode', ...TOTAL_NAMES];
  return Object.fromEntries(names.map((name, i) => [name, fields[i] as DataValue]));
}

/** 03 32 (energy-type purchases) and 03 33 (money-type): DI1 the field, DI0 the n-th last purchase. */
function purchase(
  meter: SimMeter,
  di: number,
  time: (ms: number | undefined) => DataValue,
): DataValue | undefined {
  const kind = (di >>> 16) & 0xff;
  const record =
    kind === 0x32
      ? energyPurchase(meter.prepaid?.purchases.last(di & 0xff))
      : kind === 0x33
        ? moneyPurchase(meter.moneyPrepaid?.purchases.last(di & 0xff))
        : undefined;
  if (record === undefined) return undefined;
  switch ((di >>> 8) & 0xff) {
    case 0x01: {
      const t = time(record.timeMs) as Record<string, number>;
      return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute } as DataValue;
    }
    case 0x02:
      return record.purchaseCount % 10_000;
    case 0x03:
      return record.amount;
    // The format is unsigned: a balance below zero reads as 0 here and shows in 透支电量/透支金额.
    case 0x04:
      return record.before;
    case 0x05:
      return record.after;
    case 0x06:
      return record.total;
    default:
      return undefined;
  }
}

interface PurchaseView {
  readonly timeMs: number;
  readonly purchaseCount: number;
  readonly amount: number;
  readonly before: number;
  readonly after: number;
  readonly total: number;
}

function energyPurchase(record: PurchaseRecord | undefined): PurchaseView | undefined {
  if (record === undefined) return undefined;
  return {
    timeMs: record.timeMs,
    purchaseCount: record.purchaseCount,
    amount: kwh(record.energyWh),
    before: kwh(Math.max(0, record.remainingBeforeWh)),
    after: kwh(Math.max(0, record.remainingAfterWh)),
    total: kwh(record.totalPurchasedWh),
  };
}

function moneyPurchase(record: MoneyPurchaseRecord | undefined): PurchaseView | undefined {
  if (record === undefined) return undefined;
  return {
    timeMs: record.timeMs,
    purchaseCount: record.purchaseCount,
    amount: yuan(record.amountFen),
    before: yuan(record.remainingBeforeFen),
    after: yuan(record.remainingAfterFen),
    total: yuan(record.totalPurchasedFen),
  };
}
