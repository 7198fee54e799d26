import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  announceChromiumMissing,
  chromiumAvailable,
  launchChromium,
  pickOption,
  screenshot,
  shows,
  uiTimeoutMs,
  wait,
} from './support/browser.ts';
import { signIn } from './support/session.ts';
import { startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

/** The dialog on top, where create and edit forms open. */
const dialog = (page: Page) => page.locator('.ant-modal-content').last();
/** Form-rule messages under the fields of the open dialog. */
const fieldErrors = (page: Page) => dialog(page).locator('.ant-form-item-explain-error').allTextContents();

describe.skipIf(!chromiumAvailable)('the web application: archives', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    await server.addUser('admin', 'administrator');
    const now = Date.now();
    const community = await server.store.areas.create(
      { parentId: null, kind: 'community', code: 'GRN', name: '绿地小区' },
      now,
    );
    await server.store.areas.create(
      { parentId: community.id, kind: 'building', code: 'GRN-1', name: '1号楼' },
      now,
    );
    await server.store.meterTypes.create(
      {
        code: 'DDSY',
        name: 'DDSY 单相预付费',
        model: 'DDSY666',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      now,
    );
  });
  /** A meter in stock in 1号楼, put straight into the store. */
  async function stockInDirect(factoryNo: string, commAddress: string): Promise<void> {
    const meterType = await server.store.meterTypes.getByCode('DDSY');
    const version = await server.store.meterTypes.currentVersion(meterType?.id ?? 0);
    await server.store.meters.stockIn(
      {
        factoryNo,
        commAddress,
        meterTypeId: meterType?.id ?? 0,
        meterTypeVersionId: version?.id ?? 0,
        state: 'in_stock',
        startingReadingWh: 0,
        areaId: (await server.store.areas.getByCode('GRN-1'))?.id ?? 0,
        terminalPortId: null,
        parentMeterId: null,
        ptPrimary: 1,
        ptSecondary: 1,
        ctPrimary: 1,
        ctSecondary: 1,
        multiplier: 1,
        stockedInAt: Date.now(),
      },
      Date.now(),
    );
  }

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    // Fail within the test's time with the locator that was not found, not at the test timeout.
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
    await signIn(page, server.url, 'admin');
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
  });

  it('builds the area tree: a community, and a building beneath it', async () => {
    await page.getByRole('menu').getByText('区域', { exact: true }).click();
    await shows(page.getByTestId('area-tree').getByText('绿地小区 (GRN)'));

    await page.getByRole('button', { name: '新建区域' }).click();
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => fieldErrors(page), wait).toEqual(['请填写编码', '请填写名称']);
    await pickOption(page, dialog(page).locator('#kind'), '小区');
    await dialog(page).locator('#code').fill('SUN');
    await dialog(page).locator('#name').fill('阳光小区');
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    const tree = page.getByTestId('area-tree');
    await shows(tree.getByText('阳光小区 (SUN)'));

    // The new area is selected: the next one goes beneath it.
    await page.getByRole('button', { name: '新建下级区域' }).click();
    await dialog(page).locator('#code').fill('SUN-1');
    await dialog(page).locator('#name').fill('1号楼');
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await shows(tree.getByText('1号楼 (SUN-1)'));
    await shows(
      page.getByText('阳光小区 / 1号楼').or(page.locator('.ant-descriptions').getByText('阳光小区')),
    );
    const building = await server.store.areas.getByCode('SUN-1');
    const community = await server.store.areas.getByCode('SUN');
    expect(building?.parentId).toBe(community?.id);
    await screenshot(page, 'archives-area-tree');
  });

  it('says in the user’s language what the server refuses', async () => {
    const community = await server.store.areas.getByCode('GRN');
    await server.addUser('grn.admin', 'administrator', [community?.id ?? 0]);
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await signIn(page, server.url, 'grn.admin');
    await page.getByRole('menu').getByText('区域', { exact: true }).click();
    // An administrator of one community may not add a top-level area beside it.
    await page.getByRole('button', { name: '新建区域' }).click();
    await dialog(page).locator('#code').fill('OTHER');
    await dialog(page).locator('#name').fill('别的小区');
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect
      .poll(() => dialog(page).getByRole('alert').textContent(), wait)
      .toBe('该对象不在您负责的区域内');
    await dialog(page)
      .getByRole('button', { name: /取\s*消/ })
      .click();

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'New area' }).click();
    await dialog(page).locator('#code').fill('OTHER');
    await dialog(page).locator('#name').fill('Another community');
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog(page).getByRole('alert').textContent(), wait)
      .toBe('This is outside the areas you may act on');
    await screenshot(page, 'archives-refused-en');
  });

  it('checks a meter type as it is typed, and keeps it', async () => {
    await page.getByRole('menu').getByText('电表类型', { exact: true }).click();
    await page.getByRole('button', { name: '新建电表类型' }).click();
    const form = dialog(page);
    await form.locator('#code').fill('DTSY');
    await form.locator('#name').fill('DTSY 三相');
    await form.locator('#model').fill('DTSY666');
    await form.locator('#ratedCurrentA').fill('1.5');
    await form.locator('#maxCurrentA').fill('1');
    await pickOption(page, form.locator('#phases'), '三相');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => fieldErrors(page), wait).toEqual(['最大电流不能小于额定电流']);
    await form.locator('#maxCurrentA').fill('6');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('.ant-table-row', { hasText: 'DTSY666' });
    await shows(row);
    await expect.poll(() => row.textContent(), wait).toContain('1.5(6)A');
    await screenshot(page, 'archives-meter-types');
  });

  it('stocks in a meter, refusing a bad address in words and a duplicate in the server’s words', async () => {
    await page.getByRole('menu').getByText('电表', { exact: true }).click();
    await page.getByRole('button', { name: '电表入库' }).click();
    const form = dialog(page);
    await form.locator('#factoryNo').fill('F-0001');
    await form.locator('#commAddress').fill('1234');
    await pickOption(page, form.locator('#meterTypeId'), 'DDSY 单相预付费');
    await pickOption(page, form.locator('#areaId'), '1号楼');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => fieldErrors(page), wait).toEqual(['通信地址必须是 12 位数字']);
    await form.locator('#commAddress').fill('000000000101');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await shows(page.locator('.ant-table-row', { hasText: 'F-0001' }));

    await page.getByRole('button', { name: '电表入库' }).click();
    await dialog(page).locator('#factoryNo').fill('F-0001');
    await dialog(page).locator('#commAddress').fill('000000000102');
    await pickOption(page, dialog(page).locator('#meterTypeId'), 'DDSY 单相预付费');
    await pickOption(page, dialog(page).locator('#areaId'), '1号楼');
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => dialog(page).getByRole('alert').textContent(), wait).toBe('电表 已存在');
    await screenshot(page, 'archives-meter-duplicate');
  });

  it('imports a meter sheet with one bad row: the row is named, then the good rows go in', async () => {
    await page.getByRole('menu').getByText('电表', { exact: true }).click();
    await page
      .getByRole('button', { name: '导 入' })
      .or(page.getByRole('button', { name: '导入' }))
      .click();
    const sheet = [
      '出厂编号,通信地址,电表类型编码,区域编码,起始读数(Wh)',
      'IMP-001,000000000201,DDSY,GRN-1,0',
      'IMP-002,12AB,DDSY,GRN-1,0',
      'IMP-003,000000000203,DDSY,GRN-1,1500',
    ].join('\n');
    await dialog(page)
      .locator('input[type=file]')
      .setInputFiles({ name: 'meters.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
    await dialog(page).getByRole('button', { name: '开始导入' }).click();
    await expect
      .poll(() => dialog(page).getByRole('alert').textContent(), wait)
      .toContain('导入文件有 1 行错误，未导入任何数据');
    const problems = page.getByTestId('import-problems').locator('.ant-table-row');
    await expect.poll(() => problems.allTextContents(), wait).toEqual(['3通信地址: 必须是12位数字']);
    expect((await server.store.meters.search({ kind: 'all' }, { factoryNo: 'IMP' }, page0)).total).toBe(0);
    await screenshot(page, 'archives-import-rejected');

    await dialog(page).getByRole('button', { name: '只导入正确的行' }).click();
    await expect.poll(() => dialog(page).getByRole('status').textContent(), wait).toContain('导入完成');
    await expect.poll(() => dialog(page).locator('.ant-descriptions').textContent(), wait).toContain('新增2');
    expect((await server.store.meters.search({ kind: 'all' }, { factoryNo: 'IMP' }, page0)).total).toBe(2);
    await screenshot(page, 'archives-import-good-rows');
  });

  it('filters meters and exports what the archive holds', async () => {
    await stockInDirect('EXP-9', '000000000999');
    await page.getByRole('menu').getByText('电表', { exact: true }).click();
    await page.getByPlaceholder('出厂编号').fill('EXP');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const rows = page.locator('.ant-table-tbody .ant-table-row');
    await expect.poll(() => rows.count(), wait).toBe(1);
    await expect.poll(() => rows.first().textContent(), wait).toContain('000000000999');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导\s*出/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('meters.xlsx');
    const path = await download.path();
    // An .xlsx file is a zip archive: "PK".
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
    await screenshot(page, 'archives-meters-filtered');
  });

  it('registers a terminal with its ports, and wires a meter to one of them', async () => {
    await page.getByRole('menu').getByText('采集终端', { exact: true }).click();
    await page.getByRole('button', { name: '新建终端' }).click();
    const form = dialog(page);
    await pickOption(page, form.locator('#areaId'), '绿地小区');
    await form.locator('#name').fill('1号楼集中器');
    await form.locator('#model').fill('DH604');
    await form.locator('#address').fill('192.168.1.20:4001');
    await form.getByRole('button', { name: '添加端口' }).click();
    await expect.poll(() => form.getByTestId('port-row').count(), wait).toBe(2);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('.ant-table-row', { hasText: '1号楼集中器' });
    await shows(row);
    await row.locator('.ant-table-row-expand-icon').click();
    const ports = page.locator('.ant-table-expanded-row .ant-table-row');
    await expect.poll(() => ports.count(), wait).toBe(2);
    await expect.poll(() => ports.nth(1).textContent(), wait).toBe('22400偶校验81DL/T 645-2007');
    await screenshot(page, 'archives-terminal-ports');

    await stockInDirect('WIRE-1', '000000000301');
    await page.getByRole('menu').getByText('电表', { exact: true }).click();
    await page.getByPlaceholder('出厂编号').fill('WIRE');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const meterRow = page.locator('.ant-table-tbody .ant-table-row', { hasText: 'WIRE-1' });
    await expect.poll(() => page.locator('.ant-table-tbody .ant-table-row').count(), wait).toBe(1);
    await meterRow.getByRole('button', { name: /编\s*辑/ }).click();
    await pickOption(page, dialog(page).locator('#state'), '已安装');
    await pickOption(page, dialog(page).locator('#terminalId'), '1号楼集中器');
    await pickOption(page, dialog(page).locator('#terminalPortId'), '端口 2');
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => meterRow.textContent(), wait).toContain('已安装');
    const terminal = (await server.store.terminals.list({ kind: 'all' }, { name: '1号楼' }, terminalPage))
      .items[0];
    const port2 = (await server.store.terminals.ports(terminal?.id ?? 0)).find((p) => p.portNo === 2);
    const meter = (await server.store.meters.search({ kind: 'all' }, { factoryNo: 'WIRE-1' }, page0))
      .items[0];
    expect(meter?.terminalPortId).toBe(port2?.id);

    // Opened again, the form finds the terminal that owns the meter's port.
    await meterRow.getByRole('button', { name: /编\s*辑/ }).click();
    await expect
      .poll(() => dialog(page).locator('.ant-select-selection-item').allTextContents(), wait)
      .toContain('1号楼集中器 (DH604)');
    await screenshot(page, 'archives-meter-wiring');
  });

  it('keeps a price type in yuan per kWh, exactly', async () => {
    await page.getByRole('menu').getByText('电价类型', { exact: true }).click();
    await page.getByRole('button', { name: '新建电价类型' }).click();
    const form = dialog(page);
    await form.locator('#code').fill('RES');
    await form.locator('#name').fill('居民电价');
    await form.locator('#unitPriceYuan').fill('0.528301');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => form.locator('.ant-form-item-explain-error').allTextContents(), wait)
      .toEqual(['请输入金额，最多 5 位小数，例如 0.5283']);
    await form.locator('#unitPriceYuan').fill('0.5283');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => page.locator('.ant-table-row', { hasText: '居民电价' }).textContent(), wait)
      .toContain('0.5283 元/kWh');
    expect((await server.store.priceTypes.getByCode('RES'))?.unitPriceMilliFenPerKwh).toBe(52_830);
  });

  it('counts what the archive holds on the dashboard', async () => {
    await stockInDirect('DASH-1', '000000000401');
    const meters = (await server.store.meters.search({ kind: 'all' }, {}, page0)).total;
    expect(meters).toBeGreaterThan(0);
    await page.getByRole('menu').getByText('概览', { exact: true }).click();
    const card = page.getByTestId('count-dashboard.meters');
    await expect
      .poll(() => card.locator('.ant-statistic-content-value').textContent(), wait)
      .toBe(String(meters));
    await shows(page.getByTestId('meter-state-chart').locator('canvas'));
    await screenshot(page, 'dashboard');
  });

  it('imports customers in English, naming the bad row in English, and gives the template', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menu').getByText('Customers', { exact: true }).click();
    await page.getByRole('button', { name: 'Import' }).click();
    const sheet = [
      'Customer code,Name,Address,Area code',
      'C-2001,Wang Wu,GRN 1-201,GRN-1',
      'C-2002,Zhao Liu,,NOWHERE',
    ];
    await dialog(page)
      .locator('input[type=file]')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet.join('\n')) });
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog(page).getByRole('alert').textContent(), wait).toContain('1 rows are bad');
    await expect
      .poll(() => page.getByTestId('import-problems').locator('.ant-table-row').allTextContents(), wait)
      .toEqual(['3Area code: no such area']);
    await screenshot(page, 'archives-customer-import-en');
    await dialog(page).locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click();

    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.ant-card-extra').getByRole('button', { name: 'Template' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('customers-template.xlsx');
  });

  it('keeps customers: create one and find it by name', async () => {
    await page.getByRole('menu').getByText('用户', { exact: true }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const form = dialog(page);
    await form.locator('#code').fill('C-1001');
    await form.locator('#name').fill('张三');
    await form.locator('#address').fill('绿地小区1号楼101');
    await pickOption(page, form.locator('#areaId'), '1号楼');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await shows(page.locator('.ant-table-row', { hasText: '张三' }));
    await page.getByPlaceholder('名称').fill('张');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => page.locator('.ant-table-tbody .ant-table-row').count(), wait).toBe(1);
    await screenshot(page, 'archives-customers');
  });

  it('shows the household on each meter, and each customer’s room, phones, accounts and meters', async () => {
    // What the lists show, whatever this archive holds: the server's own answers are its tests' business.
    // biome-ignore lint/suspicious/noExplicitAny: the API's JSON, rewritten item by item.
    const withHousehold = (fill: (item: any) => object) => async (route: Route) => {
      const answer = await (await route.fetch()).json();
      answer.items = answer.items.map((item: object) => ({ ...item, ...fill(item) }));
      await route.fulfill({ json: answer });
    };
    await page.route(
      (url) => url.pathname === '/api/meters',
      withHousehold(() => ({
        account: {
          id: 42,
          accountNo: 'A0042',
          customer: { id: 42, name: '李四', unit: '1-2-301', address: '' },
        },
      })),
    );
    await page.route(
      (url) => url.pathname === '/api/customers',
      withHousehold(() => ({
        phones: ['13800000001', '13900000002'],
        accounts: [
          {
            id: 42,
            accountNo: 'A0042',
            state: 'open',
            meterId: 1,
            factoryNo: 'HH-1',
            phones: ['13800000001', '13900000002'],
          },
        ],
      })),
    );

    await stockInDirect('HH-1', '000000000421');
    const building = (await server.store.areas.getByCode('GRN-1'))?.id ?? 0;
    await server.store.customers.create(
      { code: 'C-4201', name: '李四', unit: '1-2-301', address: '', idNumber: '', areaId: building },
      null,
      Date.now(),
    );

    await page.goto(`${server.url}/archives/meters`);
    const meters = page.locator('.ant-table');
    const meter = meters.locator('.ant-table-row', { hasText: 'HH-1' });
    await shows(meter);
    for (const header of ['用户', '房号 / 地址', '户号'])
      await shows(meters.locator('thead th', { hasText: header }));
    for (const word of ['李四', '1-2-301', 'A0042']) await shows(meter.getByText(word, { exact: true }));
    await screenshot(page, 'archives-meters-household');

    await page.goto(`${server.url}/archives/customers`);
    const customers = page.locator('.ant-table');
    const customer = customers.locator('.ant-table-row', { hasText: 'C-4201' });
    await shows(customer);
    for (const header of ['房号', '电话', '户号', '表号'])
      await shows(customers.locator('thead th', { hasText: header }));
    // The room column says what it holds (it was “单位”, which reads as an employer).
    expect(await customers.locator('thead th', { hasText: '单位' }).count()).toBe(0);
    for (const word of ['1-2-301', '13800000001', '13900000002', 'A0042', 'HH-1'])
      await shows(customer.getByText(word, { exact: true }));
    await screenshot(page, 'archives-customers-household');
  });
});

const page0 = { offset: 0, limit: 10, sort: 'id', direction: 'asc' } as const;
const terminalPage = { offset: 0, limit: 10, sort: 'id', direction: 'asc' } as const;
