import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  announceChromiumMissing,
  chromiumAvailable,
  launchChromium,
  screenshot,
  shows,
  uiTimeoutMs,
  wait,
} from './support/browser.ts';
import { signIn } from './support/session.ts';
import { startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

/** Today as the browser's calendar names it: the page's default range ends on it. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe.skipIf(!chromiumAvailable)('the web application: reports', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    await server.addUser('admin', 'administrator');
    const { store } = server;
    const now = Date.now();
    const community = await store.areas.create(
      { parentId: null, kind: 'community', code: 'HY', name: '和园小区' },
      now,
    );
    const building = await store.areas.create(
      { parentId: community.id, kind: 'building', code: 'HY-1', name: '1号楼' },
      now,
    );
    const type = await store.meterTypes.create(
      {
        code: 'DTSD1352',
        name: '三相四线',
        model: 'DTSD1352',
        constantImpPerKwh: 6400,
        ratedCurrentMa: 1_500,
        maxCurrentMa: 6_000,
        phases: 3,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      now,
    );
    const version = await store.meterTypes.currentVersion(type.id);
    const meter = (address: string, areaId: number, parentMeterId: number | null) =>
      store.meters.stockIn(
        {
          factoryNo: `HY${address}`,
          commAddress: address,
          meterTypeId: type.id,
          meterTypeVersionId: version?.id ?? 0,
          state: 'installed',
          startingReadingWh: 0,
          areaId,
          terminalPortId: null,
          parentMeterId,
          ptPrimary: 1,
          ptSecondary: 1,
          ctPrimary: 1,
          ctSecondary: 1,
          multiplier: 1,
          stockedInAt: now,
        },
        now,
      );
    const parent = await meter('300000000001', building.id, null);
    const homes = [
      await meter('200101001001', building.id, parent.id),
      await meter('200101001002', building.id, parent.id),
    ];
    // Today: 5.2 kWh into the building, 3 + 2 kWh to its homes: 0.2 kWh lost, 3.85 %.
    const share = (meterId: number, energyWh: number) => ({
      meterId,
      day: today(),
      energyWh,
      readingWh: energyWh,
      readAt: null,
    });
    await store.readings.addDailyShares([
      share(parent.id, 5_200),
      share(homes[0]?.id ?? 0, 3_000),
      share(homes[1]?.id ?? 0, 2_000),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
  });

  it('shows an area’s daily energy and a line-loss row, and exports the loss as .xlsx that parses', async () => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('menu').getByText('报表', { exact: true }).click();
    await shows(page.getByText('统计报表').last());

    // Energy per area, per day, over the last seven days: today holds the homes' 5 kWh.
    const energy = page.getByTestId('energy-table');
    const areaRow = energy.locator('.ant-table-row').filter({ hasText: '和园小区' });
    await expect.poll(() => areaRow.textContent(), wait).toContain('5.000');
    await shows(page.getByTestId('energy-chart').locator('canvas'));
    await screenshot(page, 'reports-energy');

    await page.getByRole('tab', { name: '线损' }).click();
    const row = page
      .getByTestId('line-loss-rows')
      .locator('.ant-table-row')
      .filter({ hasText: '300000000001' })
      .filter({ hasText: today() });
    await expect.poll(() => row.textContent(), wait).toContain('3.85');
    await expect.poll(() => row.textContent(), wait).toContain('0.200');
    await shows(page.getByTestId('line-loss-levels').locator('.ant-table-row').first());
    await screenshot(page, 'reports-line-loss');
    // Printed, only the report's tables show: no menu, no filters, no buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('menu').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /导出 Excel/ }).isVisible()).toBe(false);
    expect(await row.isVisible()).toBe(true);
    await screenshot(page, 'reports-line-loss-print');
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^line-loss-day-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet?.eachRow((r) => {
      rows.push((Array.isArray(r.values) ? r.values.slice(1) : []).map((v) => String(v ?? '')));
    });
    expect(rows[0]).toContain('线损率（%）');
    expect(rows.find((r) => r.includes('300000000001') && r.includes(today()))).toEqual(
      expect.arrayContaining([today(), '1', '5.200', '5.000', '0.200', '3.85']),
    );
  });
});
