import ExcelJS from 'exceljs';
import { CsvError, formatCsv, neutraliseFormula, parseCsv } from './csv.ts';
import { checkXlsx, type UnpackLimits, ZipCheckError } from './zip-check.ts';

/** A sheet as plain strings: the first row holds the headers. */
export type Table = string[][];
export type TableFormat = 'csv' | 'xlsx';

export const contentTypes: Readonly<Record<TableFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export class TableFormatError extends Error {
  override readonly name = 'TableFormatError';
}

/** What one sheet may cost to read: the unpacked size of an .xlsx, and the rows of either format. */
export type TableLimits = UnpackLimits;

/** A file past one of the `TableLimits`: `unpacked` (an .xlsx's unpacked size) or `rows`. */
export class TableLimitError extends Error {
  override readonly name = 'TableLimitError';
  readonly limit: 'unpacked' | 'rows';
  constructor(limit: 'unpacked' | 'rows', message: string) {
    super(message);
    this.limit = limit;
  }
}

export const defaultTableLimits: TableLimits = { unpackedBytes: 64 * 1024 * 1024, rows: 100_000 };

function tooManyRows(limits: TableLimits): TableLimitError {
  return new TableLimitError('rows', `more than ${limits.rows} rows`);
}

export async function readTable(
  format: TableFormat,
  body: Buffer,
  limits: TableLimits = defaultTableLimits,
): Promise<Table> {
  if (format === 'csv') {
    let table: Table;
    try {
      table = parseCsv(body.toString('utf8'));
    } catch (error) {
      if (error instanceof CsvError) throw new TableFormatError(error.message);
      throw error;
    }
    if (table.length > limits.rows) throw tooManyRows(limits);
    return table;
  }
  // Before the library unpacks the whole zip into memory: its size, as claimed and as inflated, and rows.
  try {
    checkXlsx(body, limits);
  } catch (error) {
    if (!(error instanceof ZipCheckError)) throw error;
    if (error.kind === 'format') throw new TableFormatError(error.message);
    throw new TableLimitError(error.kind, error.message);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it expects.
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  } catch {
    throw new TableFormatError('not an .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new TableFormatError('the workbook has no sheet');
  // Rows are walked up to the last row number, empty ones included: a lone row 10 000 000 is refused too.
  if (sheet.rowCount > limits.rows) throw tooManyRows(limits);
  const table: Table = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    // `row.values` is 1-based and sparse; exceljs's columnCount rescans every row, so it is not used here.
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: string[] = [];
    for (let column = 1; column < values.length; column++) cells.push(cellText(values[column]));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

export async function writeTable(format: TableFormat, table: Table, sheetName: string): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(formatCsv(table), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of table) sheet.addRow(row.map(neutraliseFormula));
  // Every column is text: factory numbers and addresses have leading zeros that a number would lose.
  sheet.columns.forEach((column) => {
    column.numFmt = '@';
    column.width = 18;
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
