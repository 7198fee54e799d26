import { createHash } from 'node:crypto';
import { scopeIncludes } from '@openami/domain';
import type { CustomerFields } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Table } from '../../sheets/table-file.ts';
import { recordAudit } from '../audit.ts';
import { RowReader } from './cells.ts';
import { type CustomerColumn, customerColumns, locateColumns } from './columns.ts';
import { type ImportReport, type RowProblem, rowProblem } from './row-problems.ts';

interface CustomerRowInput {
  readonly line: number;
  readonly areaCode: string;
  readonly fields: Omit<CustomerFields, 'areaId'>;
}

/**
 * Imports customers, keyed by customer code: new codes are created, changed rows make a new customer
 * version (history keeps the old one), identical rows are left alone, so a re-import changes nothing.
 */
export async function importCustomers(
  context: ServiceContext,
  table: Table,
  options: { readonly goodRowsOnly: boolean; readonly fileBytes: Buffer },
): Promise<ImportReport> {
  const [header = [], ...body] = table;
  const { index, missing } = locateColumns(customerColumns, header);
  if (missing.length > 0)
    throw new AppError('IMPORT_FORMAT', { reason: `missing columns: ${missing.join(', ')}` });

  const problems: RowProblem[] = [];
  const parsed: CustomerRowInput[] = [];
  const seen = new Set<string>();
  let dataRows = 0;
  body.forEach((cells, i) => {
    const line = i + 2;
    const row = new RowReader<CustomerColumn>(cells, index, line, context.locale);
    if (row.empty) return;
    dataRows += 1;
    const code = row.text('code', { required: true, maxLength: 64, noSpaces: true });
    const input: CustomerRowInput = {
      line,
      areaCode: row.text('areaCode', { required: true, maxLength: 64 }),
      fields: {
        code,
        name: row.text('name', { required: true }),
        unit: row.text('unit'),
        address: row.text('address'),
        idNumber: row.text('idNumber', { maxLength: 32 }),
      },
    };
    if (code !== '' && seen.has(code)) row.problem('code', 'duplicateInFile');
    seen.add(code);
    if (row.problems.length > 0) problems.push(...row.problems);
    else parsed.push(input);
  });

  return context.store.transaction(async (tx) => {
    const areas = new Map(
      (await tx.areas.getByCodes([...new Set(parsed.map((r) => r.areaCode))])).map((a) => [a.code, a]),
    );
    const existing = new Map(
      (await tx.customers.getByCodes(parsed.map((r) => r.fields.code))).map((c) => [c.code, c]),
    );
    const areaById = new Map([...areas.values()].map((a) => [a.id, a]));
    const creates: CustomerFields[] = [];
    const updates: { id: number; patch: Partial<CustomerFields> }[] = [];
    let unchanged = 0;
    for (const row of parsed) {
      const area = areas.get(row.areaCode);
      if (area === undefined) {
        problems.push(rowProblem(row.line, 'areaCode', 'unknownArea', context.locale));
        continue;
      }
      if (!scopeIncludes(context.principal.scope, area.path)) {
        problems.push(rowProblem(row.line, 'areaCode', 'outsideAreas', context.locale));
        continue;
      }
      const fields: CustomerFields = { ...row.fields, areaId: area.id };
      const current = existing.get(fields.code);
      if (current === undefined) {
        creates.push(fields);
        continue;
      }
      const currentArea = areaById.get(current.areaId) ?? (await tx.areas.get(current.areaId));
      if (currentArea !== undefined) areaById.set(currentArea.id, currentArea);
      if (currentArea === undefined || !scopeIncludes(context.principal.scope, currentArea.path)) {
        problems.push(rowProblem(row.line, 'code', 'outsideAreas', context.locale));
        continue;
      }
      const patch = Object.fromEntries(
        Object.entries(fields).filter(([key, value]) => current[key as keyof CustomerFields] !== value),
      ) as Partial<CustomerFields>;
      if (Object.keys(patch).length === 0) unchanged += 1;
      else updates.push({ id: current.id, patch });
    }
    const rejected = problems.sort((a, b) => a.line - b.line);
    const badRows = new Set(rejected.map((p) => p.line)).size;
    if (rejected.length > 0 && !options.goodRowsOnly) {
      throw new AppError('IMPORT_REJECTED', { badRows, problems: rejected.slice(0, 1000) });
    }
    await tx.customers.createMany(creates, context.principal.userId, context.now);
    for (const update of updates)
      await tx.customers.update(update.id, update.patch, context.principal.userId, context.now);
    const report = {
      rows: dataRows,
      created: creates.length,
      updated: updates.length,
      unchanged,
      rejected,
    };
    await recordAudit(tx, context, 'customer.import', 'customer', '*', {
      fileSha256: createHash('sha256').update(options.fileBytes).digest('hex'),
      created: report.created,
      updated: report.updated,
      unchanged,
      rejected: rejected.length,
    });
    return report;
  });
}
