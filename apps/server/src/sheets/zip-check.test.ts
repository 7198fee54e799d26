import { describe, expect, it } from 'vitest';
import { sheetXml, xlsxWith } from '../../test/zip.ts';
import { readTable, TableFormatError, TableLimitError, writeTable } from './table-file.ts';
import { worksheetRows } from './zip-check.ts';

const MiB = 1024 * 1024;
const limits = { unpackedBytes: 64 * MiB, rows: 100_000 };

async function refusal(body: Buffer, format: 'xlsx' | 'csv' = 'xlsx'): Promise<unknown> {
  return readTable(format, body, limits).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('reading an import file within limits', () => {
  it('refuses a zip bomb by its directory, before anything is unpacked', async () => {
    // 128 MiB of spaces inside a sheet deflate to about 128 KiB.
    const bomb = xlsxWith({ data: Buffer.from(sheetXml(' '.repeat(128 * MiB))) });
    expect(bomb.length).toBeLessThan(1 * MiB);
    const error = await refusal(bomb);
    expect(error).toBeInstanceOf(TableLimitError);
    expect(error).toMatchObject({ limit: 'unpacked' });
  });

  it('refuses a zip bomb that claims a small size, stopping the inflation at the cap', async () => {
    const liar = xlsxWith({ data: Buffer.from(sheetXml(' '.repeat(128 * MiB))), claimedSize: 1000 });
    const before = process.memoryUsage().arrayBuffers;
    const error = await refusal(liar);
    expect(error).toMatchObject({ name: 'TableLimitError', limit: 'unpacked' });
    // Nothing close to the 128 MiB was kept.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(96 * MiB);
  });

  it('refuses a sheet with more rows than the cap, counted or numbered', async () => {
    const many = xlsxWith({ data: Buffer.from(sheetXml('<row/>'.repeat(100_001))) });
    expect(await refusal(many)).toMatchObject({ limit: 'rows' });
    const far = xlsxWith({ data: Buffer.from(sheetXml('<row r="5000000"><c r="A5000000"/></row>')) });
    expect(await refusal(far)).toMatchObject({ limit: 'rows' });
    const csv = Buffer.from('a\n'.repeat(100_001));
    expect(await refusal(csv, 'csv')).toMatchObject({ limit: 'rows' });
  });

  it('reads a file at the limits, and a workbook the app writes', async () => {
    expect(await readTable('csv', Buffer.from('a\n'.repeat(100_000)), limits)).toHaveLength(100_000);
    const table = [['h'], ['1'], ['2']];
    expect(await readTable('xlsx', await writeTable('xlsx', table, 's'), limits)).toEqual(table);
  });

  it('says what is wrong with a zip that is not one', async () => {
    expect(await refusal(Buffer.from('PK not really'))).toBeInstanceOf(TableFormatError);
  });

  it('counts rows whatever the prefix, and not rowBreaks', () => {
    expect(worksheetRows('<x:row r="3"><c/></x:row><row><c/></row><rowBreaks count="1"/>')).toBe(3);
    expect(worksheetRows('<row/><row/>')).toBe(2);
  });
});
