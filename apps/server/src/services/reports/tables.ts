import { formatBasisPoints, formatKwh } from '@openami/domain';
import type { Locale } from '../../errors.ts';
import type { Table } from '../../sheets/table-file.ts';
import type { EnergyReport } from './energy.ts';
import type { LineLossReport } from './line-loss.ts';

/** Energy as one sheet: a row per area or meter, a column per period, in kWh as people read them. */
export function energyReportTable(report: EnergyReport, locale: Locale): Table {
  const zh = locale === 'zh-CN';
  const kwh = (wh: number | null) => (wh === null ? '' : formatKwh(wh));
  const header = [
    report.groupBy === 'area' ? (zh ? '区域' : 'area') : zh ? '表地址' : 'meter address',
    zh ? '所属区域' : 'in area',
    zh ? '电表数' : 'meters',
    ...report.periods.map((p) => `${p} (kWh)`),
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

/** Line loss as one sheet: each parent meter per period, then each level's total. */
export function lineLossTable(report: LineLossReport, locale: Locale): Table {
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
      ];
  const notRead = zh ? '总表未抄到' : 'parent not read';
  return [
    header,
    ...report.rows.map((row) => [
      row.period,
      String(row.level),
      row.parent.commAddress,
      row.parent.areaName,
      row.parentWh === null ? notRead : kwh(row.parentWh),
      kwh(row.childrenWh),
      kwh(row.lossWh),
      percent(row.lossBasisPoints),
      String(row.children),
      row.childrenNotRead.map((c) => c.commAddress).join(' '),
    ]),
    ...report.levels.map((level) => [
      level.period,
      String(level.level),
      zh ? `本层合计（${level.parents} 块总表）` : `level total (${level.parents} parents)`,
      '',
      kwh(level.parentWh),
      kwh(level.childrenWh),
      kwh(level.lossWh),
      percent(level.lossBasisPoints),
      '',
      level.childrenNotRead === 0 ? '' : String(level.childrenNotRead),
    ]),
  ];
}
