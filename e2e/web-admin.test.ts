import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { e2ePassword, startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

const dialog = (page: Page) => page.locator('.ant-modal-content').last();

describe.skipIf(!chromiumAvailable)('the web application: administration', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    await server.addUser('admin', 'administrator');
    await server.store.areas.create(
      { parentId: null, kind: 'community', code: 'LAKE', name: '湖畔小区' },
      Date.now(),
    );
    // What remote fee control records when it charges an account for use (issue 22: it read
    // "vending.charge / account / local").
    await server.store.audit.append({
      at: Date.now() - 60_000,
      actorUserId: null,
      actorName: 'station',
      sourceIp: 'local',
      action: 'vending.charge',
      entity: 'account',
      entityId: '7',
      details: { entryId: 12, amountFen: -4883, energyWh: -100_000, invoiceNo: null },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
    await signIn(page, server.url, 'admin');
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
  });

  it('adds a cashier for one area, who can then sign in', async () => {
    await page.getByRole('menu').getByText('操作员', { exact: true }).click();
    await page.getByRole('button', { name: '新建操作员' }).click();
    const form = dialog(page);
    await form.locator('#username').fill('li.si');
    await form.locator('#displayName').fill('李四');
    await form.locator('#password').fill('short');
    await pickOption(page, form.locator('#role'), '充值管理员');
    await pickOption(page, form.locator('#areaIds'), '湖畔小区');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => form.locator('.ant-form-item-explain-error').allTextContents(), wait)
      .toEqual(['密码至少 10 个字符']);
    await form.locator('#password').fill(e2ePassword);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('.ant-table-row', { hasText: 'li.si' });
    await shows(row);
    await expect.poll(() => row.textContent(), wait).toContain('充值管理员');
    await expect.poll(() => row.textContent(), wait).toContain('湖畔小区');
    await screenshot(page, 'admin-users');

    const cashier = await context.browser()?.newContext();
    const cashierPage = await cashier?.newPage();
    if (cashierPage === undefined) throw new Error('no second browser context');
    await signIn(cashierPage, server.url, 'li.si');
    expect(await cashierPage.getByRole('menu').getByText('操作员', { exact: true }).count()).toBe(0);
    await cashier?.close();
  });

  it('disables a user, who can then no longer sign in', async () => {
    await server.addUser('zhao.liu', 'viewer');
    await page.getByRole('menu').getByText('操作员', { exact: true }).click();
    const row = page.locator('.ant-table-row', { hasText: 'zhao.liu' });
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    await dialog(page).locator('#disabled').click();
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => row.textContent(), wait).toContain('已停用');

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${server.url}/sign-in`);
    await otherPage.locator('#username').fill('zhao.liu');
    await otherPage.locator('#password').fill(e2ePassword);
    await otherPage.locator('button[type=submit]').click();
    await expect.poll(() => otherPage.getByRole('alert').textContent(), wait).toBe('用户名或密码错误');
    await other.close();
  });

  it('shows the audit log, newest first, and checks its hash chain', async () => {
    await page.getByRole('menu').getByText('审计日志', { exact: true }).click();
    const firstRow = page.locator('.ant-table-tbody .ant-table-row').first();
    // The newest entry is this sign-in, in words.
    await expect.poll(() => firstRow.textContent(), wait).toContain('登录');
    // The station's charge: every value worded, none a code.
    const charge = page
      .locator('.ant-table-tbody .ant-table-row')
      .filter({ hasText: '用电扣费（远程费控）' });
    await expect.poll(() => charge.textContent(), wait).toContain('系统（远程费控）');
    expect(await charge.textContent()).toContain('本机');
    expect(await charge.textContent()).toContain('账户');
    await charge.locator('.ant-table-row-expand-icon').click();
    const details = page.getByTestId('audit-details');
    await expect.poll(() => details.textContent(), wait).toContain('-48.83 元');
    expect(await details.textContent()).toContain('账务记录号');
    const table = (await page.locator('.ant-table').first().textContent()) ?? '';
    expect(table).not.toMatch(/vending\.charge|session\.login|\baccount\b|\blocal\b|station|amountFen/);
    await page.getByRole('button', { name: '校验哈希链' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), wait)
      .toMatch(/^哈希链完整：共 \d+ 条记录未被篡改$/);
    await screenshot(page, 'admin-audit');
  });
});
