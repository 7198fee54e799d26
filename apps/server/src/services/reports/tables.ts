import { formatBasisPoints, formatKwh } from '@openami/domain';
import type { Locale } from '../../errors.ts';
import type { Table } from '../../sheets/table-file.ts';
import type { EnergyReport } from './energy.ts';
import type { LineLossReport } from './line-loss.ts';
import { periodLabel, periodNote } from './period-words.ts';

/**
 * Energy as one sheet: a row per area or meter, a column per period, in kWh as people read them. A period's
 * column says which days it holds when the range cuts it, and that it is not over when it is not.
 */
export function energyReportTable(report: EnergyReport, locale: Locale, timeZone: string): Table {
  const zh = locale === 'zh-CN';
  const kwh = (wh: number | null) => (wh === null ? '' : formatKwh(wh));
  const header = [
    report.groupBy === 'area' ? (zh ? '区域' : 'area') : zh ? '表地址' : 'meter address',
    zh ? '所属区域' : 'in area',
    zh ? '电表数' : 'meters',
    ...report.spans.map((span) => {
      const note = periodNote(span, report.madeAt, locale, timeZone);
      return `${periodLabel(span)}${note === '' ? '' : zh ? `（${note}）` : ` (${note})`} (kWh)`;
    }),
    zh ? '合计（kWh）' : 'total (kWh)',
  ];
  return [
    header,
    ...report.rows.map((row) => [
      row.name,
      row.areaName,
      String(row.meters),
      ...row.energyWh.map(kwh),
      kwh(row.totalWh),
    ]),
    [
      zh ? '合计（用户表）' : 'total (consumption meters)',
      '',
      '',
      ...report.totalWh.map(kwh),
      kwh(report.totalWh.reduce((s, wh) => s + wh, 0)),
    ],
  ];
}

/**
 * Line loss as one sheet: each parent meter per period, then each level's total. A period not over has its
 * loss marked provisional in the last column.
 */
export function lineLossTable(report: LineLossReport, locale: Locale, timeZone: string): Table {
  const zh = locale === 'zh-CN';
  const kwh = (wh: number | null) => (wh === null ? '' : formatKwh(wh));
  const percent = (bp: number | null) => (bp === null ? '' : formatBasisPoints(bp));
  const header = zh
    ? [
        '日期',
        '层级',
        '总表地址',
        '总表区域',
        '总表电量（kWh）',
        '分表电量和（kWh）',
        '损耗电量（kWh）',
        '线损率（%）',
        '分表数',
        '未抄到分表',
        '说明',
      ]
    : [
        'period',
        'level',
        'parent meter',
        'parent area',
        'parent (kWh)',
        'children sum (kWh)',
        'loss (kWh)',
        'loss (%)',
        'children',
        'children not read',
        'note',
      ];
  const notRead = zh ? '总表未抄到' : 'parent not read';
  const spanOf = new Map(report.spans.map((span) => [span.period, span]));
  const label = (period: string) => {
    const span = spanOf.get(period);
    return span === undefined ? period : periodLabel(span);
  };
  const note = (period: string) => {
    const span = spanOf.get(period);
    if (span === undefined || span.status === 'over') return '';
    const when = periodNote(span, report.madeAt, locale, timeZone);
    return zh ? `${when}：线损为暂估，不是最终结果` : `${when}: the loss is provisional, not final`;
  };
  return [
    header,
    ...report.rows.map((row) => [
      label(row.period),
      String(row.level),
      row.parent.commAddress,
      row.parent.areaName,
      row.parentWh === null ? notRead : kwh(row.parentWh),
      kwh(row.childrenWh),
      kwh(row.lossWh),
      percent(row.lossBasisPoints),
      String(row.children),
      row.childrenNotRead.map((c) => c.commAddress).join(' '),
      note(row.period),
    ]),
    ...report.levels.map((level) => [
      label(level.period),
      String(level.level),
      zh ? `本层合计（${level.parents} 块总表）` : `level total (${level.parents} parents)`,
      '',
      kwh(level.parentWh),
      kwh(level.childrenWh),
      kwh(level.lossWh),
      percent(level.lossBasisPoints),
      '',
      level.childrenNotRead === 0 ? '' : String(level.childrenNotRead),
      note(level.period),
    ]),
  ];
}
