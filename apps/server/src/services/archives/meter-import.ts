import { createHash } from 'node:crypto';
import { multiplierOf, scopeIncludes } from '@openami/domain';
import type { AreaRow, MeterPatch, MeterRow, NewMeter, Repositories } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Table } from '../../sheets/table-file.ts';
import { recordAudit } from '../audit.ts';
import { RowReader } from './cells.ts';
import { locateColumns, type MeterColumn, meterColumns } from './columns.ts';
import { type ImportReport, type RowProblem, type RowProblemCode, rowProblem } from './row-problems.ts';

interface MeterRowInput {
  readonly line: number;
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly meterTypeCode: string;
  readonly areaCode: string;
  readonly startingReadingWh: number;
  readonly ratios: { ptPrimary: number; ptSecondary: number; ctPrimary: number; ctSecondary: number };
}

/** Imports that change this many meters refresh the planner's statistics afterwards. */
const bulkChange = 5000;

/**
 * Imports a meter archive (stock-in). Every row is checked before anything is written; with any bad row
 * nothing is written unless `goodRowsOnly`. Re-importing the same file changes nothing: rows whose meter
 * exists with the same data count as unchanged, and rows that differ correct the stored meter.
 */
export async function importMeters(
  context: ServiceContext,
  table: Table,
  options: { readonly goodRowsOnly: boolean; readonly fileBytes: Buffer },
): Promise<ImportReport> {
  const [header = [], ...body] = table;
  const { index, missing } = locateColumns(meterColumns, header);
  if (missing.length > 0)
    throw new AppError('IMPORT_FORMAT', { reason: `missing columns: ${missing.join(', ')}` });

  const problems: RowProblem[] = [];
  const parsed: MeterRowInput[] = [];
  const firstLine = new Map<string, number>();
  let dataRows = 0;
  body.forEach((cells, i) => {
    const line = i + 2;
    const row = new RowReader<MeterColumn>(cells, index, line, context.locale);
    if (row.empty) return;
    dataRows += 1;
    const factoryNo = row.text('factoryNo', { required: true, maxLength: 64, noSpaces: true });
    const commAddress = row.text('commAddress', { required: true });
    if (commAddress !== '' && !/^\d{12}$/.test(commAddress)) row.problem('commAddress', 'badAddress');
    const input: MeterRowInput = {
      line,
      factoryNo,
      commAddress,
      meterTypeCode: row.text('meterTypeCode', { required: true, maxLength: 64 }),
      areaCode: row.text('areaCode', { required: true, maxLength: 64 }),
      startingReadingWh: row.integer('startingReadingWh', 0, 0),
      ratios: {
        ptPrimary: row.integer('ptPrimary', 1, 1),
        ptSecondary: row.integer('ptSecondary', 1, 1),
        ctPrimary: row.integer('ctPrimary', 1, 1),
        ctSecondary: row.integer('ctSecondary', 1, 1),
      },
    };
    if (factoryNo !== '') {
      if (firstLine.has(factoryNo)) row.problem('factoryNo', 'duplicateInFile');
      else firstLine.set(factoryNo, line);
    }
    if (row.problems.length > 0) problems.push(...row.problems);
    else parsed.push(input);
  });

  const report = await context.store.transaction(async (tx) => {
    const resolved = await resolveReferences(tx, context, parsed, problems);
    const rejected = problems.sort((a, b) => a.line - b.line);
    if (rejected.length > 0 && !options.goodRowsOnly) {
      const badRows = new Set(rejected.map((p) => p.line)).size;
      throw new AppError('IMPORT_REJECTED', { badRows, problems: rejected.slice(0, 1000) });
    }
    const { creates, updates, unchanged } = resolved;
    await tx.meters.stockInMany(creates, context.now);
    for (const update of updates) await tx.meters.update(update.id, update.patch, context.now);
    const report = {
      rows: dataRows,
      created: creates.length,
      updated: updates.length,
      unchanged,
      rejected,
    };
    await recordAudit(tx, context, 'meter.import', 'meter', '*', {
      fileSha256: createHash('sha256').update(options.fileBytes).digest('hex'),
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      unchanged,
      rejected: rejected.length,
      updatedIds: updates.map((u) => u.id),
    });
    return report;
  });
  if (report.created + report.updated >= bulkChange) await context.store.meters.refreshStatistics();
  return report;
}

async function resolveReferences(
  tx: Repositories,
  context: ServiceContext,
  rows: readonly MeterRowInput[],
  problems: RowProblem[],
) {
  const types = new Map(
    (await tx.meterTypes.getByCodes([...new Set(rows.map((r) => r.meterTypeCode))])).map((t) => [t.code, t]),
  );
  const typeVersions = new Map<number, number>();
  for (const type of types.values()) {
    const version = await tx.meterTypes.currentVersion(type.id);
    if (version !== undefined) typeVersions.set(type.id, version.id);
  }
  const areas = await tx.areas.getByCodes([...new Set(rows.map((r) => r.areaCode))]);
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  const areaById = new Map(areas.map((a) => [a.id, a]));
  const existing = new Map(
    (await tx.meters.getByFactoryNos(rows.map((r) => r.factoryNo))).map((m) => [m.factoryNo, m]),
  );
  const outsideScope = (area: AreaRow | undefined) =>
    area !== undefined && !scopeIncludes(context.principal.scope, area.path);

  const creates: NewMeter[] = [];
  const updates: { id: number; patch: MeterPatch }[] = [];
  let unchanged = 0;
  const problem = (line: number, column: string, code: RowProblemCode) =>
    problems.push(rowProblem(line, column, code, context.locale));
  for (const row of rows) {
    const type = types.get(row.meterTypeCode);
    const area = areaByCode.get(row.areaCode);
    const multiplier = multiplierOf(
      { primary: row.ratios.ptPrimary, secondary: row.ratios.ptSecondary },
      { primary: row.ratios.ctPrimary, secondary: row.ratios.ctSecondary },
    );
    const before = problems.length;
    if (type === undefined) problem(row.line, 'meterTypeCode', 'unknownMeterType');
    if (area === undefined) problem(row.line, 'areaCode', 'unknownArea');
    else if (outsideScope(area)) problem(row.line, 'areaCode', 'outsideAreas');
    if (!multiplier.ok) problem(row.line, 'ctPrimary', 'badMultiplier');
    const current = existing.get(row.factoryNo);
    if (current !== undefined) {
      const currentArea = areaById.get(current.areaId) ?? (await tx.areas.get(current.areaId));
      if (currentArea !== undefined) areaById.set(currentArea.id, currentArea);
      if (outsideScope(currentArea)) {
        problem(row.line, 'factoryNo', 'outsideAreas');
      }
      if (type !== undefined && current.meterTypeId !== type.id)
        problem(row.line, 'meterTypeCode', 'typeChanged');
    }
    if (problems.length > before || type === undefined || area === undefined || !multiplier.ok) continue;
    const fields = {
      commAddress: row.commAddress,
      areaId: area.id,
      startingReadingWh: row.startingReadingWh,
      ...row.ratios,
      multiplier: multiplier.multiplier,
    };
    if (current === undefined) {
      creates.push({
        ...fields,
        factoryNo: row.factoryNo,
        meterTypeId: type.id,
        meterTypeVersionId: typeVersions.get(type.id) ?? 0,
        state: 'in_stock',
        terminalPortId: null,
        parentMeterId: null,
        stockedInAt: context.now,
      });
    } else {
      const patch = Object.fromEntries(
        Object.entries(fields).filter(([key, value]) => current[key as keyof MeterRow] !== value),
      ) as MeterPatch;
      if (Object.keys(patch).length === 0) unchanged += 1;
      else updates.push({ id: current.id, patch });
    }
  }
  return { creates, updates, unchanged };
}
