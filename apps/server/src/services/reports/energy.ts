import type { ReportMeter } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { energyByHour, type Register } from './hourly.ts';
import { type PeriodSpan, periodSpans, siteNow } from './period-spans.ts';
import { type Granularity, reportRange } from './periods.ts';
import { type MeterSelection, reportMeters } from './report-meters.ts';
import { rollupsOver } from './rollups.ts';

export type EnergyGrouping = 'area' | 'meter';

export interface EnergyReportQuery extends MeterSelection {
  readonly granularity: Granularity;
  readonly from: string;
  readonly to: string;
  readonly groupBy: EnergyGrouping;
}

export interface EnergyRow {
  readonly kind: EnergyGrouping;
  readonly id: number;
  /** The area's name, or the meter's communication address. */
  readonly name: string;
  readonly areaName: string;
  /** Per period, primary-side Wh (register × multiplier); for a meter, null where it has nothing. */
  readonly energyWh: readonly (number | null)[];
  /** For an area, how many of its meters had energy in each period. */
  readonly metersRead: readonly number[];
  readonly meters: number;
  readonly totalWh: number;
}

export interface EnergyReport {
  readonly granularity: Granularity;
  readonly groupBy: EnergyGrouping;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  /** Per period: the days it covers in the range, and whether it is over (see `PeriodSpan`). */
  readonly spans: readonly PeriodSpan[];
  readonly madeAt: number;
  /** The same, as the site's clock read it: `YYYY-MM-DD HH:MM`. */
  readonly madeAtLocal: string;
  readonly rows: readonly EnergyRow[];
  /** Per period over the report's consumption meters (see `consumptionMeters`). */
  readonly totalWh: readonly number[];
}

/**
 * Energy per hour (from raw registers), day or month (roll-ups) or year (the sum of its months), per meter
 * or per area (DOMAIN.md §3); a month or year the range cuts holds the range's days only (`rollupsOver`). An area's energy is what its consumption meters measured: meters that have
 * child meters in the hierarchy (a transformer area's or a building's meter) would count their children
 * twice, so they are left out of area sums and shown only per meter and in line loss.
 */
export async function energyReport(context: ServiceContext, query: EnergyReportQuery): Promise<EnergyReport> {
  const range = reportRange(query.granularity, query.from, query.to, context.timeZone);
  const now = siteNow(context.now, context.timeZone);
  const { meters, areaPath } = await reportMeters(context, query);
  const energy = await periodEnergy(context, query.granularity, range, meters);
  const index = new Map(range.periods.map((p, i) => [p, i]));
  const perMeter = new Map<number, (number | null)[]>();
  for (const meter of meters)
    perMeter.set(
      meter.id,
      range.periods.map(() => null),
    );
  for (const [meterId, byPeriod] of energy) {
    const values = perMeter.get(meterId);
    if (values === undefined) continue;
    for (const [period, wh] of byPeriod) {
      const at = index.get(period);
      if (at !== undefined) values[at] = wh;
    }
  }
  const consumption = consumptionMeters(meters);
  const totalWh = range.periods.map((_, i) =>
    consumption.reduce((sum, m) => sum + (perMeter.get(m.id)?.[i] ?? 0), 0),
  );
  const rows =
    query.groupBy === 'meter'
      ? meters.map((m) => meterRow(m, perMeter.get(m.id) ?? []))
      : await areaRows(context, areaPath, consumption, perMeter, range.periods.length);
  return {
    granularity: query.granularity,
    groupBy: query.groupBy,
    from: range.from,
    to: range.to,
    periods: range.periods,
    spans: periodSpans(query.granularity, range.from, range.to, now),
    madeAt: context.now,
    madeAtLocal: now.minute,
    rows,
    totalWh,
  };
}

/** Meters no other meter in the report names as its parent. */
export function consumptionMeters(meters: readonly ReportMeter[]): ReportMeter[] {
  const parents = new Set(meters.map((m) => m.parentMeterId).filter((id) => id !== null));
  return meters.filter((m) => !parents.has(m.id));
}

/** Each meter's energy by period label, primary side. */
async function periodEnergy(
  context: ServiceContext,
  granularity: Granularity,
  range: { from: string; to: string; fromMs: number; toMs: number },
  meters: readonly ReportMeter[],
): Promise<Map<number, Map<string, number>>> {
  const ids = meters.map((m) => m.id);
  const multiplier = new Map(meters.map((m) => [m.id, m.multiplier]));
  const result = new Map<number, Map<string, number>>();
  const add = (meterId: number, period: string, wh: number) => {
    const byPeriod = result.get(meterId) ?? new Map<string, number>();
    byPeriod.set(period, (byPeriod.get(period) ?? 0) + wh * (multiplier.get(meterId) ?? 1));
    result.set(meterId, byPeriod);
  };
  if (granularity === 'hour') {
    // An hour needs the readings either side of it: reach an interval of hourly reads beyond each end.
    const margin = 2 * 3_600_000;
    const registers = await context.store.readings.registersOf(
      ids,
      range.fromMs - margin,
      range.toMs + margin,
    );
    const byMeter = new Map<number, Register[]>();
    for (const r of registers) {
      const list = byMeter.get(r.meterId) ?? [];
      list.push({ readAt: r.readAt, wh: r.activeImportWh });
      byMeter.set(r.meterId, list);
    }
    for (const [meterId, list] of byMeter) {
      for (const [hour, wh] of energyByHour(list, context.timeZone)) add(meterId, hour, wh);
    }
    return result;
  }
  for (const row of await rollupsOver(context.store, ids, granularity, range.from, range.to)) {
    add(row.meterId, row.period, row.energyWh);
  }
  return result;
}

function meterRow(meter: ReportMeter, energyWh: readonly (number | null)[]): EnergyRow {
  return {
    kind: 'meter',
    id: meter.id,
    name: meter.commAddress,
    areaName: meter.areaName,
    energyWh,
    metersRead: energyWh.map((wh) => (wh === null ? 0 : 1)),
    meters: 1,
    totalWh: energyWh.reduce<number>((sum, wh) => sum + (wh ?? 0), 0),
  };
}

/**
 * One row per area directly beneath the chosen one (its whole subtree summed), and one for meters in the
 * chosen area itself; without a chosen area, one per top area the caller sees.
 */
async function areaRows(
  context: ServiceContext,
  areaPath: string | undefined,
  meters: readonly ReportMeter[],
  perMeter: ReadonlyMap<number, readonly (number | null)[]>,
  periods: number,
): Promise<EnergyRow[]> {
  const areas = await context.store.areas.getMany([...new Set(meters.map((m) => m.areaId))]);
  const pathOf = new Map(areas.map((a) => [a.id, a.path]));
  const scope = context.principal.scope;
  const groupOf = (path: string): number => {
    const base =
      areaPath ?? (scope.kind === 'paths' ? scope.paths.find((p) => path.startsWith(p)) : undefined) ?? '/';
    const rest = path.slice(base.length).split('/').filter(Boolean);
    const own = base.split('/').filter(Boolean);
    return Number(areaPath === undefined && scope.kind === 'paths' ? own.at(-1) : (rest[0] ?? own.at(-1)));
  };
  const groups = new Map<number, ReportMeter[]>();
  for (const meter of meters) {
    const group = groupOf(pathOf.get(meter.areaId) ?? '/');
    groups.set(group, [...(groups.get(group) ?? []), meter]);
  }
  const names = new Map((await context.store.areas.getMany([...groups.keys()])).map((a) => [a.id, a.name]));
  const rows = [...groups].map(([areaId, members]): EnergyRow => {
    const energyWh = Array.from({ length: periods }, (_, i) =>
      members.reduce((sum, m) => sum + (perMeter.get(m.id)?.[i] ?? 0), 0),
    );
    const metersRead = Array.from(
      { length: periods },
      (_, i) => members.filter((m) => (perMeter.get(m.id)?.[i] ?? null) !== null).length,
    );
    const name = names.get(areaId) ?? String(areaId);
    return {
      kind: 'area',
      id: areaId,
      name,
      areaName: name,
      energyWh,
      metersRead,
      meters: members.length,
      totalWh: energyWh.reduce((sum, wh) => sum + wh, 0),
    };
  });
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}
