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
import { e2ePassword, startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

describe.skipIf(!chromiumAvailable)('the web application: sign-in, language, menu by role', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let refused: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    await server.addUser('admin', 'administrator');
    const area = await server.store.areas.create(
      { parentId: null, kind: 'community', code: 'SUN', name: '阳光小区' },
      Date.now(),
    );
    await server.addUser('cashier', 'cashier', [area.id]);
    await server.addUser('maintainer', 'maintenance', undefined, 'en');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    // Fail within the test's time with the locator that was not found, not at the test timeout.
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
    // The server's Content-Security-Policy must not block anything the application itself does.
    refused = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
    expect(refused, 'refused by the Content-Security-Policy').toEqual([]);
  });

  it('signs in in zh-CN by default, refuses a wrong password in words, and signs out', async () => {
    await page.goto(`${server.url}/archives/meters`);
    await page.waitForURL(/\/sign-in$/);
    await expect.poll(() => page.locator('html').getAttribute('lang'), wait).toBe('zh-CN');
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('not the password');
    await page.locator('button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent(), wait).toBe('用户名或密码错误');

    await page.locator('#password').fill(e2ePassword);
    await page.locator('button[type=submit]').click();
    // Back where the user was going, with the menu of an administrator.
    await page.waitForURL(/\/archives\/meters$/);
    const menu = page.getByRole('menu');
    for (const item of [
      '概览',
      '区域',
      '采集终端',
      '电表类型',
      '电价类型',
      '电表',
      '用户',
      '操作员',
      '审计日志',
    ])
      await shows(menu.getByText(item, { exact: true }));

    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/sign-in$/);
    await screenshot(page, 'shell-signed-out');
  });

  it('switches to English and keeps the choice across a reload, server errors included', async () => {
    await signIn(page, server.url, 'admin');
    await expect
      .poll(() => page.getByTestId('count-dashboard.meters').textContent(), wait)
      .toContain('电表总数');
    await page.getByText('English', { exact: true }).click();
    await expect
      .poll(() => page.getByTestId('count-dashboard.meters').textContent(), wait)
      .toContain('Meters');
    await expect.poll(() => page.locator('html').getAttribute('lang'), wait).toBe('en');
    await page.reload();
    await shows(page.getByRole('menu').getByText('Meter types', { exact: true }));
    await screenshot(page, 'shell-dashboard-en');

    await page.getByTestId('user-menu').click();
    await page.getByText('Sign out').click();
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('still not it');
    await page.locator('button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent(), wait).toBe('Wrong username or password');
  });

  it('speaks the language of the user’s profile until the browser picks one', async () => {
    await signIn(page, server.url, 'maintainer');
    await shows(page.getByRole('menu').getByText('Meters', { exact: true }));
    await page.getByText('中文', { exact: true }).click();
    await shows(page.getByRole('menu').getByText('电表', { exact: true }));
    await page.reload();
    await shows(page.getByRole('menu').getByText('电表', { exact: true }));
  });

  it('sends a user whose session has ended to the sign-in page, and back where they were after it', async () => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('menu').getByText('电表类型', { exact: true }).click();
    await page.waitForURL(/\/archives\/meter-types$/);
    // Let this page's own requests finish first: one still in flight when the session ends would take the
    // user back here, not to the page they asked for next (a race only a loaded machine shows).
    await expect
      .poll(async () => {
        const settled = await page.locator('.ant-table-row, .ant-table-placeholder .ant-empty').count();
        return settled > 0 && (await page.locator('.ant-spin-spinning').count()) === 0;
      }, wait)
      .toBe(true);
    const admin = await server.store.users.getByUsername('admin');
    await server.store.sessions.deleteForUser(admin?.id ?? 0);
    await page.getByRole('menu').getByText('电表', { exact: true }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill(e2ePassword);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/archives\/meters$/);
  });

  it('shows a cashier only the pages of its role, and says so at the others', async () => {
    await signIn(page, server.url, 'cashier');
    const menu = page.getByRole('menu');
    await shows(menu.getByText('电表', { exact: true }));
    expect(await menu.getByText('操作员', { exact: true }).count()).toBe(0);
    expect(await menu.getByText('审计日志', { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('count-dashboard.users').count()).toBe(0);
    await page.getByTestId('user-menu').click();
    await shows(page.getByText('角色: 充值管理员'));

    await page.goto(`${server.url}/admin/users`);
    await shows(page.getByText('无权访问'));
    await screenshot(page, 'shell-cashier-refused');
  });
});
