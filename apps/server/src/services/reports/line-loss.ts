import { type LineLoss, levelLoss, lineLoss } from '@openami/domain';
import type { ReportMeter } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { type PeriodSpan, periodSpans, siteNow } from './period-spans.ts';
import { reportRange } from './periods.ts';
import { reportMeters } from './report-meters.ts';
import { rollupsOver } from './rollups.ts';

export type LossPeriod = 'day' | 'month';

export interface LineLossQuery {
  readonly period: LossPeriod;
  readonly from: string;
  readonly to: string;
  readonly areaId?: number | undefined;
}

export interface MeterRef {
  readonly id: number;
  readonly commAddress: string;
  readonly factoryNo: string;
  readonly areaName: string;
}

/** One parent meter in one period: its energy against its children's. */
export interface LineLossRow extends Omit<LineLoss, 'childrenNotRead'> {
  readonly period: string;
  /** 1 for the top of the hierarchy (a transformer area's meter), 2 for the meters beneath it, … */
  readonly level: number;
  readonly parent: MeterRef;
  readonly children: number;
  readonly childrenNotRead: readonly MeterRef[];
  /** False while the period is not over: the loss is provisional, the readings of its rest still to come. */
  readonly final: boolean;
}

export interface LevelTotal extends Omit<LineLoss, 'childrenNotRead'> {
  readonly period: string;
  readonly level: number;
  readonly parents: number;
  readonly childrenNotRead: number;
  readonly final: boolean;
}

export interface LineLossReport {
  readonly period: LossPeriod;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly spans: readonly PeriodSpan[];
  readonly madeAt: number;
  /** The same, as the site's clock read it: `YYYY-MM-DD HH:MM`. */
  readonly madeAtLocal: string;
  readonly rows: readonly LineLossRow[];
  readonly levels: readonly LevelTotal[];
}

/**
 * Line loss per level of the meter hierarchy, per day or month (DOMAIN.md §3): for every meter in the area
 * with child meters, its energy less theirs, primary side (register × multiplier). A child with no roll-up
 * for the period is named as not read and left out of the sum; a parent not read gives no loss. The loss of
 * a period not over yet (today) is provisional (`final: false`): its meters are read at different times.
 */
export async function lineLossReport(context: ServiceContext, query: LineLossQuery): Promise<LineLossReport> {
  const range = reportRange(query.period, query.from, query.to, context.timeZone);
  const { meters } = await reportMeters(context, { areaId: query.areaId });
  const byId = new Map(meters.map((m) => [m.id, m]));
  const children = new Map<number, ReportMeter[]>();
  for (const meter of meters) {
    if (meter.parentMeterId === null || !byId.has(meter.parentMeterId)) continue;
    children.set(meter.parentMeterId, [...(children.get(meter.parentMeterId) ?? []), meter]);
  }
  const parents = meters.filter((m) => children.has(m.id));
  const involved = [...new Set([...parents, ...[...children.values()].flat()].map((m) => m.id))];
  const rollups = await rollupsOver(context.store, involved, query.period, range.from, range.to);
  const energy = new Map<string, number>();
  for (const r of rollups) {
    energy.set(`${r.meterId}|${r.period}`, r.energyWh * (byId.get(r.meterId)?.multiplier ?? 1));
  }
  const rows: LineLossRow[] = [];
  const levels: LevelTotal[] = [];
  const periods = range.periods;
  const now = siteNow(context.now, context.timeZone);
  const spans = periodSpans(query.period, range.from, range.to, now);
  const finalPeriods = new Set(spans.filter((span) => span.status === 'over').map((span) => span.period));
  for (const period of periods) {
    const final = finalPeriods.has(period);
    const of = (id: number) => energy.get(`${id}|${period}`) ?? null;
    const byLevel = new Map<number, LineLoss[]>();
    for (const parent of parents) {
      const kids = children.get(parent.id) ?? [];
      const loss = lineLoss(
        of(parent.id),
        kids.map((k) => ({ meterId: k.id, energyWh: of(k.id) })),
      );
      const level = levelOf(parent, byId);
      byLevel.set(level, [...(byLevel.get(level) ?? []), loss]);
      rows.push({
        ...loss,
        period,
        level,
        parent: refOf(parent),
        children: kids.length,
        childrenNotRead: loss.childrenNotRead.map((id) => refOf(byId.get(id) as ReportMeter)),
        final,
      });
    }
    for (const [level, losses] of [...byLevel].sort(([a], [b]) => a - b)) {
      const total = levelLoss(losses);
      levels.push({
        ...total,
        period,
        level,
        parents: losses.length,
        childrenNotRead: total.childrenNotRead.length,
        final,
      });
    }
  }
  rows.sort((a, b) => a.period.localeCompare(b.period) || a.level - b.level || a.parent.id - b.parent.id);
  return {
    period: query.period,
    from: range.from,
    to: range.to,
    periods,
    spans,
    madeAt: context.now,
    madeAtLocal: now.minute,
    rows,
    levels,
  };
}

/** How deep a parent sits: 1 when no meter of the report is above it. */
function levelOf(meter: ReportMeter, byId: ReadonlyMap<number, ReportMeter>): number {
  let level = 1;
  const seen = new Set([meter.id]);
  for (let up = meter.parentMeterId; up !== null; ) {
    const parent = byId.get(up);
    // A loop in the archive (a meter its own ancestor) must not hang the report.
    if (parent === undefined || seen.has(parent.id)) break;
    seen.add(parent.id);
    level += 1;
    up = parent.parentMeterId;
  }
  return level;
}

function refOf(meter: ReportMeter): MeterRef {
  return {
    id: meter.id,
    commAddress: meter.commAddress,
    factoryNo: meter.factoryNo,
    areaName: meter.areaName,
  };
}
