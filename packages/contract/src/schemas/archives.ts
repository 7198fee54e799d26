// Archive import and export: the meter archive and the customers as .xlsx or .csv, row by row reports.
import { Type } from '@sinclair/typebox';
import { meterStates, tableFormats } from '../lists/archive.ts';
import { count, literalUnion, ok, sheetFile } from './common.ts';

export const rowProblem = Type.Object({
  line: Type.Integer({ description: "the file's line: 1 is the header row, so data starts at 2" }),
  column: Type.String(),
  code: Type.String({ description: 'why the row was refused: required, notInteger, badAddress, …' }),
  message: Type.String({ description: "in the requester's language" }),
});

export const importReport = Type.Object({
  rows: count,
  created: count,
  updated: count,
  unchanged: count,
  rejected: Type.Array(rowProblem),
});

const formatQuery = { format: literalUnion(tableFormats, { default: 'xlsx' }) };
const importQuery = Type.Object({
  ...formatQuery,
  goodRowsOnly: Type.Boolean({ default: false, description: 'import the good rows even when some are bad' }),
});

export const archivesApi = {
  template: { querystring: Type.Object(formatQuery), response: sheetFile('An empty import sheet') },
  exportMeters: {
    querystring: Type.Object({
      ...formatQuery,
      areaId: Type.Optional(Type.Integer({ minimum: 1 })),
      state: Type.Optional(literalUnion(meterStates)),
    }),
    response: sheetFile('The meter archive, in the import layout'),
  },
  exportCustomers: {
    querystring: Type.Object({ ...formatQuery, areaId: Type.Optional(Type.Integer({ minimum: 1 })) }),
    response: sheetFile('The customers, in the import layout'),
  },
  importMeters: { querystring: importQuery, response: ok(importReport) },
  importCustomers: { querystring: importQuery, response: ok(importReport) },
};
