// Energy and line-loss reports (DOMAIN.md §3): figures in Wh as JSON, or a sheet in kWh.
import { Type } from '@sinclair/typebox';
import { granularities, groupings, lossPeriods, periodStatuses, reportFormats } from '../lists/reports.ts';
import {
  binary,
  count,
  day,
  epochMs,
  id,
  literalUnion,
  mediaTypes,
  nullable,
  okMedia,
  whole,
} from './common.ts';

/** A period as the report covers it: the days of it inside the range, and whether it is over yet. */
export const reportPeriod = Type.Object({
  period: Type.String({ description: 'the key, as in periods' }),
  from: day,
  to: day,
  partial: Type.Boolean({ description: 'the range covers only part of the period: name it by from–to' }),
  status: literalUnion(periodStatuses, {
    description:
      'over: final; running: not over when the report was made, its figures will still grow; ahead',
  }),
});

const madeAt = epochMs('when the report was made: a running period holds what was read until then');
const madeAtLocal = Type.String({ description: 'the same on the site’s clock, YYYY-MM-DD HH:MM' });

export const energyRow = Type.Object({
  kind: literalUnion(groupings),
  id,
  name: Type.String(),
  areaName: Type.String(),
  energyWh: Type.Array(nullable(whole), { description: 'per period; null where nothing was read' }),
  metersRead: Type.Array(count, { description: 'per period' }),
  meters: count,
  totalWh: whole,
});

export const energyReport = Type.Object({
  granularity: literalUnion(granularities),
  groupBy: literalUnion(groupings),
  from: day,
  to: day,
  periods: Type.Array(Type.String()),
  spans: Type.Array(reportPeriod, { description: 'per period' }),
  madeAt,
  madeAtLocal,
  rows: Type.Array(energyRow),
  totalWh: Type.Array(whole, { description: 'per period' }),
});

export const meterRef = Type.Object({
  id,
  commAddress: Type.String(),
  factoryNo: Type.String(),
  areaName: Type.String(),
});

const lossFigures = {
  period: Type.String(),
  level: count,
  parentWh: nullable(whole),
  childrenWh: whole,
  childrenRead: count,
  lossWh: nullable(whole),
  lossBasisPoints: nullable(Type.Integer({ description: '1/100 of a per cent' })),
  complete: Type.Boolean(),
  final: Type.Boolean({
    description: 'false while the period is not over: the loss is provisional (readings still to come)',
  }),
};

export const lineLossRow = Type.Object({
  ...lossFigures,
  parent: meterRef,
  children: count,
  childrenNotRead: Type.Array(meterRef),
});

export const levelTotal = Type.Object({ ...lossFigures, parents: count, childrenNotRead: count });

export const lineLossReport = Type.Object({
  period: literalUnion(lossPeriods),
  from: day,
  to: day,
  periods: Type.Array(Type.String()),
  spans: Type.Array(reportPeriod, { description: 'per period' }),
  madeAt,
  madeAtLocal,
  rows: Type.Array(lineLossRow),
  levels: Type.Array(levelTotal),
});

const format = literalUnion(reportFormats, {
  default: 'json',
  description: 'json: the figures in Wh; xlsx or csv: one sheet in kWh, headers in the Accept-Language',
});
const range = {
  from: Type.String({ format: 'date', description: 'First site-local day, inclusive' }),
  to: Type.String({ format: 'date', description: 'Last site-local day, inclusive' }),
  areaId: Type.Optional(Type.Integer({ minimum: 1 })),
  format,
};
const sheets = {
  [mediaTypes.xlsx]: binary('The .xlsx workbook, in kWh'),
  [mediaTypes.csv]: binary('The .csv file, UTF-8, in kWh'),
};

export const reportsApi = {
  energy: {
    querystring: Type.Object({
      ...range,
      granularity: literalUnion(granularities, { default: 'day' }),
      groupBy: literalUnion(groupings, { default: 'area' }),
      meterId: Type.Optional(Type.Integer({ minimum: 1 })),
    }),
    response: okMedia('Energy per period and row, or its sheet', {
      [mediaTypes.json]: energyReport,
      ...sheets,
    }),
  },
  lineLoss: {
    querystring: Type.Object({ ...range, period: literalUnion(lossPeriods, { default: 'day' }) }),
    response: okMedia('Line loss per level, or its sheet', { [mediaTypes.json]: lineLossReport, ...sheets }),
  },
};
