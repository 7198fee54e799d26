import { type SystemActor, systemActors } from '@openami/contract';
import {
  formatKwh,
  formatYuan,
  type LedgerEntryKind,
  localDate,
  nextDate,
  startOfLocalDay,
} from '@openami/domain';
import type { SalesGroup } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError, type Locale } from '../../errors.ts';
import type { Table } from '../../sheets/table-file.ts';
import { areaPathNames } from '../area-names.ts';

const maxDays = 366;

/** A cashier's group, named by the cashier's display name; the station's charges by what it is. */
export interface CashierSalesGroup extends SalesGroup {
  readonly system: SystemActor | null;
}

export interface SalesReport {
  readonly from: string;
  readonly to: string;
  readonly byCashier: readonly CashierSalesGroup[];
  /** Each area named along its path, so that the "1单元" of two buildings are told apart. */
  readonly byArea: readonly SalesGroup[];
  /** Per kind over everything in the report. */
  readonly totals: readonly Omit<SalesGroup, 'key' | 'name'>[];
}

/**
 * 售电日报 and monthly summaries (002 §3.1.1 "查询日 月售电报表"): the entries made between two site-local
 * dates (inclusive) on meters in the caller's areas, by cashier and by area, each split by kind. Both dates
 * left out: today at the site; one left out: that one day.
 */
export async function salesReport(
  context: ServiceContext,
  fromDate: string | undefined,
  toDate: string | undefined,
): Promise<SalesReport> {
  // A date left out is today at the site (its time zone, not the browser's): the dashboard's "today's sales".
  const today = localDate(context.now, context.timeZone);
  const from = fromDate ?? toDate ?? today;
  const to = toDate ?? (fromDate === undefined ? today : from);
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
  return {
    from,
    to,
    byCashier: await namedCashiers(context, byCashier),
    byArea: await namedAreas(context, byArea),
    totals: [...totals.values()],
  };
}

/** Cashiers by their display names; a name with no user row that is the station's is marked as such. */
async function namedCashiers(context: ServiceContext, groups: readonly SalesGroup[]) {
  const names = [...new Set(groups.map((g) => g.key))];
  const users = new Map(
    await Promise.all(
      names.map(async (name) => [name, await context.store.users.getByUsername(name)] as const),
    ),
  );
  return groups.map((group): CashierSalesGroup => {
    const user = users.get(group.key);
    const system = user === undefined ? systemActors.find((actor) => actor === group.key) : undefined;
    return { ...group, name: user?.displayName || group.name, system: system ?? null };
  });
}

async function namedAreas(context: ServiceContext, groups: readonly SalesGroup[]) {
  const areas = await context.store.areas.getByCodes([...new Set(groups.map((g) => g.key))]);
  const pathOf = new Map(areas.map((a) => [a.code, a.path]));
  const names = await areaPathNames(context.store, [...pathOf.values()]);
  return groups.map((group) => ({ ...group, name: names.get(pathOf.get(group.key) ?? '') ?? group.name }));
}

const words = {
  'zh-CN': {
    header: ['分组', '代码', '名称', '类型', '笔数', '金额（元）', '电量（kWh）'],
    groups: { cashier: '收费员', area: '区域', total: '合计' },
    kinds: { sale: '售电', cancel: '撤销', refund: '退费', adjustment: '找补', charge: '用电扣费' },
    system: {
      station: '系统（远程费控扣费）',
      collector: '采集服务',
      console: '命令行',
      demo: '演示数据',
      retention: '定期数据清理',
    },
  },
  en: {
    header: ['group', 'key', 'name', 'kind', 'entries', 'amount (yuan)', 'energy (kWh)'],
    groups: { cashier: 'cashier', area: 'area', total: 'total' },
    kinds: {
      sale: 'sale',
      cancel: 'cancellation',
      refund: 'refund',
      adjustment: 'adjustment',
      charge: 'charge for use',
    },
    system: {
      station: 'the station (remote fee-control charges)',
      collector: 'the collector',
      console: 'the console',
      demo: 'the demo set-up',
      retention: 'the retention schedule',
    },
  },
} as const satisfies Record<
  Locale,
  {
    header: readonly string[];
    groups: Record<'cashier' | 'area' | 'total', string>;
    kinds: Record<LedgerEntryKind, string>;
    system: Record<SystemActor, string>;
  }
>;

/** The report as one sheet for .xlsx or .csv: money in yuan and energy in kWh, in the reader's words. */
export function salesReportTable(report: SalesReport, locale: Locale): Table {
  const w = words[locale];
  const kind = (k: string) => w.kinds[k as LedgerEntryKind] ?? k;
  const row = (group: string, g: Omit<SalesGroup, 'key' | 'name'> & { key?: string; name?: string }) => [
    group,
    g.key ?? '',
    g.name ?? '',
    kind(g.kind),
    String(g.entries),
    formatYuan(g.amountFen),
    formatKwh(g.energyWh),
  ];
  return [
    [...w.header],
    ...report.byCashier.map((g) =>
      row(w.groups.cashier, g.system === null ? g : { ...g, key: '', name: w.system[g.system] }),
    ),
    ...report.byArea.map((g) => row(w.groups.area, g)),
    ...report.totals.map((g) => row(w.groups.total, g)),
  ];
}
