// A second person's approval in the browser (issue 15 gap 7): finance sees the requests above the site's
// amount that others made, refuses one with a reason (nothing moves) and approves another (the refund is
// carried out once); their own request cannot be approved by themselves.
import { makeAccount } from '@openami/storage/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  announceChromiumMissing,
  chromiumAvailable,
  launchChromium,
  screenshot,
  shows,
  uiTimeoutMs,
} from './support/browser.ts';
import { signIn } from './support/session.ts';
import { startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

const dialog = (page: Page) => page.locator('.ant-modal-content').last();

describe.skipIf(!chromiumAvailable)('approvals above the site’s amount', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let accountId: number;
  const requests: number[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startWebServer({ approval: { aboveFen: 1_000, aboveWh: 10_000 } }),
      launchChromium(),
    ]);
    const { store } = server;
    const now = Date.now();
    const { area, meter, account } = await makeAccount(store, {
      prepaidMode: 'remote',
      alarmEnergyWh: 2_000,
      unitPriceMilliFenPerKwh: 50_000,
      at: now - 1_000,
    });
    accountId = account.id;
    const asker = await server.addUser('asker', 'finance', [area.id]);
    await server.addUser('checker', 'finance', [area.id]);
    await store.ledger.append({
      accountId,
      meterId: meter.id,
      kind: 'sale',
      amountFen: 50_000,
      energyWh: 0,
      adjustmentWh: 0,
      purchaseCount: null,
      writeKwh: null,
      refersToId: null,
      tierCycle: null,
      priceTypeVersionId: null,
      tariffVersionId: null,
      requestId: 'sale-1',
      requestFingerprint: 'x',
      invoiceNo: '00000001',
      operatorUserId: asker.id,
      operatorName: 'asker',
      details: {},
      createdAt: now,
    });
    for (const amountFen of [3_000, 4_000]) {
      const { approval } = await store.approvals.request({
        kind: 'refund',
        accountId,
        areaId: area.id,
        amountFen,
        energyWh: 0,
        request: JSON.stringify({ amountFen, energyWh: 0, reason: '搬家退费' }),
        requestId: `refund-${amountFen}`,
        requestedBy: asker.id,
        requestedByName: 'asker',
        requestedAt: now,
      });
      requests.push(approval.id);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
  });

  it('refuses one with a reason and approves the other, which is carried out once', async () => {
    const [refused, approved] = requests as [number, number];
    await signIn(page, server.url, 'checker');
    await page.goto(`${server.url}/vending/approvals`);
    await shows(page.getByText('待复核申请'));
    await shows(page.getByText('退费'));
    await shows(page.getByText('30.00 元'));

    await page.getByTestId(`refuse-${refused}`).click();
    await dialog(page)
      .getByRole('button', { name: /拒\s*绝/ })
      .click();
    await shows(page.getByText('请填写拒绝理由'));
    await page.getByTestId('approval-reason').fill('证明材料不全');
    await dialog(page)
      .getByRole('button', { name: /拒\s*绝/ })
      .click();
    await shows(page.getByText('已拒绝'));

    await page.getByTestId(`approve-${approved}`).click();
    await dialog(page)
      .getByRole('button', { name: /通\s*过/ })
      .click();
    await shows(page.getByText('已通过并执行'));

    expect((await server.store.approvals.get(refused))?.state).toBe('refused');
    expect((await server.store.approvals.get(approved))?.state).toBe('approved');
    const refunds = (await server.store.ledger.entries(accountId)).filter((e) => e.kind === 'refund');
    expect(refunds).toEqual([expect.objectContaining({ amountFen: -4_000, operatorName: 'asker' })]);

    await page.getByRole('tab', { name: '已处理' }).click();
    await shows(page.getByText('证明材料不全'));
  });

  it('does not let the requester approve their own request', async () => {
    const { store } = server;
    const pending = await store.approvals.request({
      kind: 'refund',
      accountId,
      areaId: (await store.meters.get((await store.accounts.get(accountId))?.meterId ?? 0))?.areaId ?? null,
      amountFen: 2_000,
      energyWh: 0,
      request: JSON.stringify({ amountFen: 2_000, energyWh: 0, reason: '多收' }),
      requestId: 'refund-own',
      requestedBy: (await store.users.getByUsername('checker'))?.id ?? 0,
      requestedByName: 'checker',
      requestedAt: Date.now(),
    });
    await signIn(page, server.url, 'checker');
    await page.goto(`${server.url}/vending/approvals`);
    await page.getByTestId(`approve-${pending.approval.id}`).click();
    await dialog(page)
      .getByRole('button', { name: /通\s*过/ })
      .click();
    await shows(page.getByText('不能复核自己提交的申请'));
    expect((await store.approvals.get(pending.approval.id))?.state).toBe('pending');
  });
});
