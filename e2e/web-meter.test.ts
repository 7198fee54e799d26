// The meter page's account and balance, frozen values and events (issue 7) in the browser: a remote
// household with a top-up, five daily freezes and an alarm, entered through the store; a viewer sees the
// account without its money.
import type { Store } from '@openami/storage';
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
import { enterHousehold } from './support/household.ts';
import { signIn } from './support/session.ts';
import { startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

/** A local calendar day `back` days before today, as the browser on this machine names it. */
function localDay(back: number): string {
  const today = new Date();
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 和园 2-301: a remote account topped up with 88.00 yuan, its meter's freezes and a cover opened. */
async function household(store: Store): Promise<{ meterId: number; accountNo: string }> {
  const now = Date.now();
  const { areaId, meterId, accountNo } = await enterHousehold(store, {
    areaCode: 'HY',
    meterType: { code: 'DDZY', name: '单相远程费控', cardStandard: 'none' },
    factoryNo: 'M2301',
    commAddress: '000000002301',
    customer: { code: 'C2301', name: '赵六', unit: '2-301', address: '和园 2 栋 301' },
    unitPriceMilliFenPerKwh: 48_830,
    accountNo: 'HY2301',
    prepaidMode: 'remote',
    phones: [],
    topUp: { amountFen: 8_800, energyWh: 0, purchaseCount: null, invoiceNo: 'INV2301' },
    openedDaysAgo: 10,
    toppedUpDaysAgo: 1,
  });
  // Five midnights, the register advancing 5.50 kWh a day, the tariffs splitting it.
  await store.readings.insertDailyFrozen(
    [5, 4, 3, 2, 1].map((back, i) => {
      const total = 1_234_560 + i * 5_500;
      return {
        meterId,
        day: localDay(back),
        frozenAt: now - back * 86_400_000,
        activeImportWh: total,
        tariff1Wh: 100_000 + i * 500,
        tariff2Wh: 400_000 + i * 2_000,
        tariff3Wh: 500_000 + i * 2_000,
        tariff4Wh: total - 1_000_000 - i * 4_500,
        receivedAt: now,
      };
    }),
  );
  await store.alarms.raise(
    {
      kind: 'cover-open',
      objectType: 'meter',
      objectId: String(meterId),
      severity: 'critical',
      areaId,
      evidence: { before: 0, after: 1 },
    },
    now - 3_600_000,
  );
  return { meterId, accountNo };
}

describe.skipIf(!chromiumAvailable)('the meter page: account and balance, frozen values, events', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let meterId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    ({ meterId } = await household(server.store));
    await server.addUser('admin', 'administrator');
    await server.addUser('viewer', 'viewer');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
  });

  it('shows the remote account’s balance, the daily freezes with their advance, and the alarm', async () => {
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/archives/meters/${meterId}`);
    const account = page.getByTestId('meter-account');
    await shows(account.getByText('HY2301'));
    await shows(account.getByText('赵六'));
    await shows(account.getByText('2-301 · 和园 2 栋 301'));
    await shows(account.getByText('远程费控'));
    await expect
      .poll(() => account.getByTestId('account-balance').textContent(), wait)
      .toBe('88.00 元（售电台账）');

    const frozen = page.getByTestId('meter-frozen');
    const rows = frozen.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), wait).toBe(5);
    // Newest first: yesterday's 1 256.56 kWh, 5.50 more than the day before; the oldest has no day before.
    const newest = rows.first();
    await shows(newest.getByText(localDay(1), { exact: true }));
    await shows(newest.getByText('1256.56', { exact: true }));
    await shows(newest.getByText('5.50', { exact: true }));
    await shows(rows.last().getByText('—', { exact: true }));

    const events = page.getByTestId('meter-events');
    const alarm = events.locator('tbody tr').filter({ hasText: '开表盖' });
    await shows(alarm.getByText('紧急'));
    await shows(alarm.getByText('待确认'));
    await screenshot(page, 'meter-account-frozen-events');

    // The counter opens on the account.
    await account.getByTestId('to-counter').click();
    await shows(page.getByTestId('account-facts').getByText('HY2301'));
  });

  it('exports the freezes as CSV', async () => {
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/archives/meters/${meterId}`);
    const frozen = page.getByTestId('meter-frozen');
    await expect.poll(() => frozen.locator('tbody tr.ant-table-row').count(), wait).toBe(5);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      frozen.getByTestId('frozen-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('frozen-M2301.csv');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const lines = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '日期,冻结时间,正向有功总 (kWh),尖（费率1） (kWh),峰（费率2） (kWh),平（费率3） (kWh),谷（费率4） (kWh),较前一日 (kWh)',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(
      new RegExp(`^${localDay(1)},.*,1256\\.56,102\\.00,408\\.00,508\\.00,238\\.56,5\\.50$`),
    );
  });

  it('shows a viewer the account without its money, in English', async () => {
    await signIn(page, server.url, 'viewer');
    await page.getByText('English', { exact: true }).click();
    await page.goto(`${server.url}/archives/meters/${meterId}`);
    const account = page.getByTestId('meter-account');
    await shows(account.getByText('HY2301'));
    await shows(account.getByText('Not shown: you may not read the vending ledger'));
    expect(await account.getByText('88.00').count()).toBe(0);
    expect(await account.getByTestId('to-counter').count()).toBe(0);
    await shows(page.getByTestId('meter-events').getByText('Meter cover opened'));
    await screenshot(page, 'meter-account-viewer-en');
  });
});
