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
import { startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

const phone = '13812345678';
const dayMs = 86_400_000;
const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** A card-prepaid household with a purchase, a reading that says 42 kWh are left, and a week of daily use. */
async function household(store: Store): Promise<string> {
  const now = Date.now();
  const { meterId, accountNo } = await enterHousehold(store, {
    areaCode: 'HY',
    meterType: { code: 'DDSY666', name: '单相预付费', cardStandard: 'gb_t_18460' },
    factoryNo: 'F0001',
    commAddress: '000000000001',
    customer: { code: 'C1', name: '李四', unit: '', address: '1-101' },
    unitPriceMilliFenPerKwh: 52_830,
    accountNo: 'HY1101',
    prepaidMode: 'card',
    phones: [phone],
    topUp: { amountFen: 5283, energyWh: 100_000, purchaseCount: 1, invoiceNo: 'INV1' },
    openedDaysAgo: 10,
    toppedUpDaysAgo: 9,
  });
  await store.readings.insertEnergy([
    {
      meterId,
      readAt: now - 60_000,
      activeImportWh: 58_000,
      remainingEnergyWh: 42_000,
      receivedAt: now,
    },
  ]);
  await store.readings.addDailyShares(
    [7, 6, 5, 4, 3, 2, 1].map((back) => ({
      meterId,
      day: shanghaiDay(now - back * dayMs),
      energyWh: 4000 + back * 900,
      readingWh: 50_000,
      readAt: null,
    })),
  );
  return accountNo;
}

/** The code in the outbox for the phone, as the log channel prints it. */
async function codeInOutbox(store: Store): Promise<string> {
  const leased = await store.notifications.lease(Date.now(), 30_000, 100);
  const message = leased.find((m) => m.topic === 'resident-code' && m.recipient === phone);
  const code = message === undefined ? undefined : /(\d{6})/.exec(message.body)?.[1];
  if (code === undefined) throw new Error('no code in the outbox');
  return code;
}

describe.skipIf(!chromiumAvailable)('resident self-service on a phone', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let accountNo: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    accountNo = await household(server.store);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
  });

  it('asks for a code, signs in with it, and shows the balance, use, purchases and alarms', async () => {
    await page.goto(`${server.url}/resident`);
    await expect.poll(() => page.locator('html').getAttribute('lang'), wait).toBe('zh-CN');
    await shows(page.getByText('住户登录'));
    await page.getByTestId('resident-account-no').fill(accountNo);
    await page.getByTestId('resident-phone').fill(phone);
    await page.getByTestId('resident-send-code').click();
    await shows(page.getByText('如户号与手机号匹配，验证码已发送'));
    await expect.poll(async () => page.getByTestId('resident-send-code').isDisabled(), wait).toBe(true);

    // A wrong code is refused in words.
    await page.getByTestId('resident-code').fill('000000');
    const code = await codeInOutbox(server.store);
    if (code === '000000') throw new Error('unlucky code');
    await page.getByTestId('resident-sign-in').click();
    await shows(page.getByText('验证码错误或已失效，请重新获取'));
    await page.getByTestId('resident-code').fill(code);
    await page.getByTestId('resident-sign-in').click();

    await shows(page.getByTestId('resident-account'));
    await expect.poll(() => page.getByTestId('resident-account').textContent(), wait).toContain('李四');
    await expect.poll(() => page.getByTestId('resident-balance').textContent(), wait).toContain('42.00');
    await shows(page.getByTestId('resident-usage-chart').locator('canvas'));
    await expect.poll(() => page.getByTestId('resident-purchases').textContent(), wait).toContain('52.83');
    await shows(page.getByText('暂无告警'));
    // Nothing sticks out of a phone's width.
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'resident-phone');

    // English on request; the session stays.
    await page.getByText('English').click();
    await shows(page.getByText('Energy left'));
    await page.getByTestId('resident-sign-out').click();
    await shows(page.getByText('Resident sign-in'));

    // The resident's session never opened the staff application.
    const staff = await page.request.get(`${server.url}/api/auth/me`);
    expect(staff.status()).toBe(401);
  });
});
