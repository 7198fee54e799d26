import { formatKwh, formatYuan, nextDate, startOfLocalDay } from '@openami/domain';
import type { SalesGroup } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Table } from '../../sheets/table-file.ts';

const maxDays = 366;

export interface SalesReport {
  readonly from: string;
  readonly to: string;
  readonly byCashier: readonly SalesGroup[];
  readonly byArea: readonly SalesGroup[];
  /** Per kind over everything in the report. */
  readonly totals: readonly Omit<SalesGroup, 'key' | 'name'>[];
}

/**
 * 售电日报 and monthly summaries (002 §3.1.1 "查询日 月售电报表"): the entries made between two site-local
 * dates (inclusive) on meters in the caller's areas, by cashier and by area, each split by kind.
 */
export async function salesReport(context: ServiceContext, from: string, to: string): Promise<SalesReport> {
  const fromMs = startOfLocalDay(from, context.timeZone);
  const toMs = startOfLocalDay(nextDate(to), context.timeZone);
  if (toMs <= fromMs || toMs - fromMs > maxDays * 86_400_000 + 3_600_000) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ field: 'to', problem: `must be on or after from, at most ${maxDays} days later` }],
    });
  }
  const { byCashier, byArea } = await context.store.ledger.salesReport(context.principal.scope, fromMs, toMs);
  const totals = new Map<string, { kind: string; entries: number; amountFen: number; energyWh: number }>();
  for (const group of byArea) {
    const total = totals.get(group.kind) ?? { kind: group.kind, entries: 0, amountFen: 0, energyWh: 0 };
    total.entries += group.entries;
    total.amountFen += group.amountFen;
    total.energyWh += group.energyWh;
    totals.set(group.kind, total);
  }
  return { from, to, byCashier, byArea, totals: [...totals.values()] };
}

/** The report as one sheet for .xlsx or .csv: money in yuan and energy in kWh, as finance reads them. */
export function salesReportTable(report: SalesReport, locale: 'zh-CN' | 'en'): Table {
  const zh = locale === 'zh-CN';
  const header = zh
    ? ['分组', '代码', '名称', '类型', '笔数', '金额（元）', '电量（kWh）']
    : ['group', 'key', 'name', 'kind', 'entries', 'amount (yuan)', 'energy (kWh)'];
  const row = (group: string, g: Omit<SalesGroup, 'key' | 'name'> & { key?: string; name?: string }) => [
    group,
    g.key ?? '',
    g.name ?? '',
    g.kind,
    String(g.entries),
    formatYuan(g.amountFen),
    formatKwh(g.energyWh),
  ];
  return [
    header,
    ...report.byCashier.map((g) => row(zh ? '收费员' : 'cashier', g)),
    ...report.byArea.map((g) => row(zh ? '区域' : 'area', g)),
    ...report.totals.map((g) => row(zh ? '合计' : 'total', g)),
  ];
}
