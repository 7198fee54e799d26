import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../../test/harness.ts';
import { sheetXml, xlsxWith } from '../../../test/zip.ts';
import type { App } from '../../app.ts';
import { formatCsv, parseCsv } from '../../sheets/csv.ts';
import { readTable, writeTable } from '../../sheets/table-file.ts';

describe('csv', () => {
  it('reads quotes, doubled quotes, commas, line breaks, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,"b,c","say ""hi"""\r\n"two\nlines",,x\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['two\nlines', '', 'x'],
    ]);
  });

  it('writes what it reads, and defuses formulas', () => {
    const rows = [['=SUM(A1)', '-12', 'a"b', 'x,y']];
    expect(parseCsv(formatCsv(rows))).toEqual([["'=SUM(A1)", '-12', 'a"b', 'x,y']]);
  });

  it('round-trips an .xlsx sheet with leading zeros kept', async () => {
    const table = [
      ['出厂编号', '通信地址'],
      ['0001', '000000000001'],
    ];
    expect(await readTable('xlsx', await writeTable('xlsx', table, 'meters'))).toEqual(table);
  });
});

describeEachEngine('archive import and export', (context) => {
  let app: App;
  let admin: Actor;
  let outsider: Actor;
  const codes = { area: `IMP${process.pid}`, type: `IMPT${process.pid}`, elsewhere: `ELS${process.pid}` };

  beforeAll(async () => {
    app = await appFor(context.store);
    await context.store.areas.create(
      { parentId: null, kind: 'community', code: codes.area, name: 'a' },
      harnessNow,
    );
    const elsewhere = await context.store.areas.create(
      { parentId: null, kind: 'community', code: codes.elsewhere, name: 'e' },
      harnessNow,
    );
    await context.store.meterTypes.create(
      {
        code: codes.type,
        name: 'n',
        model: 'm',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      harnessNow,
    );
    admin = await signIn(app, context.store, 'administrator', 'all');
    outsider = await signIn(app, context.store, 'installer', [elsewhere]);
  });
  afterAll(() => app.close());

  const csv = (rows: string[][]) =>
    formatCsv([
      [
        'factoryNo',
        'commAddress',
        'meterTypeCode',
        'areaCode',
        'startingReadingWh',
        'ctPrimary',
        'ctSecondary',
      ],
      ...rows,
    ]);
  const upload = (actor: Actor, body: string | Buffer, query = 'format=csv') =>
    app.inject({
      method: 'POST',
      url: `/api/meters/import?${query}`,
      headers: {
        ...actor.headers,
        'content-type': query.includes('xlsx') ? 'application/octet-stream' : 'text/csv',
      },
      payload: body,
    });
  const row = (n: number, overrides: Partial<Record<number, string>> = {}) => {
    const cells = [`IMP-${n}`, String(n).padStart(12, '0'), codes.type, codes.area, '0', '100', '5'];
    for (const [i, v] of Object.entries(overrides)) cells[Number(i)] = v ?? '';
    return cells;
  };

  it('serves templates in both formats and languages', async () => {
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/meters/import-template?format=xlsx',
      headers: admin.headers,
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readTable('xlsx', xlsx.rawPayload);
    expect(sheet[0]?.[0]).toBe('Factory number');
    const zh = await app.inject({
      method: 'GET',
      url: '/api/customers/import-template?format=csv',
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
    });
    expect(parseCsv(zh.body)[0]?.[0]).toBe('用户编号');
  });

  it('reports every bad row with its line and imports nothing', async () => {
    const response = await upload(
      admin,
      csv([row(1), row(2, { 1: '12345' }), row(3, { 2: 'NO-SUCH-TYPE' }), row(1), row(5, { 4: '-3' })]),
    );
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json<{
      code: string;
      details: { badRows: number; problems: { line: number; column: string; code: string }[] };
    }>();
    expect(body.code).toBe('IMPORT_REJECTED');
    expect(body.details.badRows).toBe(4);
    expect(body.details.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, 'commAddress', 'badAddress'],
      [4, 'meterTypeCode', 'unknownMeterType'],
      [5, 'factoryNo', 'duplicateInFile'],
      [6, 'startingReadingWh', 'notInteger'],
    ]);
    expect(await context.store.meters.getByFactoryNo('IMP-1')).toBeUndefined();
  });

  it('imports only the good rows when asked, and a re-import changes nothing', async () => {
    const file = csv([row(10), row(11, { 1: 'bad' }), row(12)]);
    const first = await upload(admin, file, 'format=csv&goodRowsOnly=true');
    expect(first.json()).toMatchObject({
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: [{ line: 3 }],
    });
    expect((await context.store.meters.getByFactoryNo('IMP-10'))?.multiplier).toBe(20);
    const again = await upload(admin, file, 'format=csv&goodRowsOnly=true');
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const corrected = await upload(admin, csv([row(10, { 1: '000000000099' }), row(12)]));
    expect(corrected.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejected: [] });
    expect((await context.store.meters.getByFactoryNo('IMP-10'))?.commAddress).toBe('000000000099');
  });

  it('exports .xlsx that imports back unchanged', async () => {
    await upload(admin, csv([row(20), row(21)]));
    const exported = await app.inject({
      method: 'GET',
      url: '/api/meters/export?format=xlsx',
      headers: admin.headers,
    });
    expect(exported.statusCode).toBe(200);
    const table = await readTable('xlsx', exported.rawPayload);
    expect(table.length).toBeGreaterThanOrEqual(3);
    const reimport = await upload(admin, exported.rawPayload, 'format=xlsx');
    expect(reimport.json()).toMatchObject({ created: 0, updated: 0, rejected: [] });
  });

  it('refuses rows for areas outside the importer’s', async () => {
    const response = await upload(outsider, csv([row(30)]));
    expect(response.json()).toMatchObject({
      code: 'IMPORT_REJECTED',
      details: { problems: [{ line: 2, column: 'areaCode', code: 'outsideAreas' }] },
    });
  });

  it('imports customers, versioning a changed one', async () => {
    const header = ['code', 'name', 'unit', 'address', 'idNumber', 'areaCode'];
    const send = (rows: string[][]) =>
      app.inject({
        method: 'POST',
        url: '/api/customers/import?format=csv',
        headers: { ...admin.headers, 'content-type': 'text/csv' },
        payload: formatCsv([header, ...rows]),
      });
    expect((await send([['CUS-1', '张三', '', '1-101', '', codes.area]])).json()).toMatchObject({
      created: 1,
    });
    expect((await send([['CUS-1', '张三', '', '1-102', '', codes.area]])).json()).toMatchObject({
      updated: 1,
    });
    const customer = await context.store.customers.getByCode('CUS-1');
    expect(customer?.version).toBe(2);
    const missing = await send([['CUS-2', '', '', '', '', 'NOWHERE']]);
    expect(missing.json()).toMatchObject({ code: 'IMPORT_REJECTED', details: { badRows: 1 } });
  });

  it('heads the customer’s room 房号 / Room, and still reads the former 单位 header', async () => {
    const template = await app.inject({
      method: 'GET',
      url: '/api/customers/import-template?format=csv',
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
    });
    expect(parseCsv(template.body)[0]?.[2]).toBe('房号');
    const en = await app.inject({
      method: 'GET',
      url: '/api/customers/import-template?format=csv',
      headers: admin.headers,
    });
    expect(parseCsv(en.body)[0]?.[2]).toBe('Room');
    for (const [code, roomHeader] of [
      ['CUS-R1', '房号'],
      ['CUS-R2', '单位'],
    ] as const) {
      const sent = await app.inject({
        method: 'POST',
        url: '/api/customers/import?format=csv',
        headers: { ...admin.headers, 'content-type': 'text/csv' },
        payload: formatCsv([
          ['用户编号', '用户名称', roomHeader, '地址', '证件号码', '区域编码'],
          [code, '赵六', '3-502', '阳光小区3号楼', '', codes.area],
        ]),
      });
      expect(sent.json(), roomHeader).toMatchObject({ created: 1 });
      expect((await context.store.customers.getByCode(code))?.unit).toBe('3-502');
    }
  });

  it('rejects a file that is not what it claims to be', async () => {
    const response = await upload(admin, Buffer.from('not a zip'), 'format=xlsx');
    expect(response.json()).toMatchObject({ code: 'IMPORT_FORMAT' });
  });

  it('refuses an .xlsx that unpacks past the cap (a zip bomb), in words', async () => {
    // 128 MiB of spaces in the sheet, under 1 MiB as sent.
    const bomb = xlsxWith({ data: Buffer.from(sheetXml(' '.repeat(128 * 1024 * 1024))) });
    const response = await upload(admin, bomb, 'format=xlsx');
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      message:
        'The import file unpacks to more than 64 MiB; split it into several files and import them one by one',
      details: { limitMiB: 64 },
    });
  });

  it('refuses more than 100 000 rows, in words', async () => {
    // The header and 100 000 empty lines.
    const body = csv(Array.from({ length: 100_000 }, () => []));
    const response = await upload(admin, body);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'IMPORT_TOO_MANY_ROWS',
      message:
        'The import file has more than 100000 rows; split it into several files and import them one by one',
    });
    const zh = await upload({ ...admin, headers: { ...admin.headers, 'accept-language': 'zh-CN' } }, body);
    expect(zh.json()).toMatchObject({ message: '导入文件超过 100000 行，请拆分为几个文件分批导入' });
  });

  it('refuses a file over the 8 MiB upload cap', async () => {
    const response = await upload(admin, Buffer.alloc(8 * 1024 * 1024 + 1, 0x41));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'BODY_TOO_LARGE', details: { limitMiB: 8 } });
  });
});
