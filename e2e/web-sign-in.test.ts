import { totpCode } from '@openami/server';
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
import { e2ePassword, startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

/** Two-step verification in the browser: enrolment the role requires, the second step, the own password. */
describe.skipIf(!chromiumAvailable)('the web application: two-step verification and own password', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer({ totpRequired: true }), launchChromium()]);
    await server.addUser('boss', 'administrator', undefined, 'en');
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

  const typeCredentials = async (password: string) => {
    await page.goto(`${server.url}/sign-in`);
    await page.locator('#username').fill('boss');
    await page.locator('#password').fill(password);
    await page.locator('button[type=submit]').click();
  };
  const signOut = async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('Sign out').click();
    await page.waitForURL(/\/sign-in$/);
  };

  it('makes an administrator enrol, then asks for the code at sign-in; the password changes on the account page', async () => {
    await typeCredentials(e2ePassword);
    // The role requires it: every page leads to the account page until enrolled.
    await page.waitForURL(/\/account$/);
    await shows(page.getByText('Your role requires two-step verification'));
    await page.goto(`${server.url}/archives/meters`);
    await page.waitForURL(/\/account$/);
    await page.getByTestId('totp-start').click();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByTestId('totp-code').fill(totpCode(secret, Date.now()));
    await page.getByText('Confirm', { exact: true }).click();
    await expect.poll(() => page.getByTestId('recovery-code').count(), wait).toBe(10);
    const recoveryCodes = await page.getByTestId('recovery-code').allTextContents();
    await screenshot(page, 'account-recovery-codes');
    await page.getByTestId('recovery-codes-done').click();
    await expect.poll(() => page.getByTestId('two-step-state').textContent(), wait).toBe('On');
    await page.goto(`${server.url}/archives/meters`);
    await page.waitForURL(/\/archives\/meters$/);
    await signOut();

    // Step two: a wrong code is refused in words, the next code from the app signs in.
    await typeCredentials(e2ePassword);
    await page.getByTestId('sign-in-code').fill('000000');
    await page.locator('button[type=submit]').click();
    // Signed out, the page speaks the browser's language (zh-CN here) until the profile's applies.
    await expect.poll(() => page.getByRole('alert').textContent(), wait).toBe('动态验证码或恢复码不正确');
    await page.getByTestId('sign-in-code').fill(totpCode(secret, Date.now() + 30_000));
    await page.locator('button[type=submit]').click();
    await shows(page.getByTestId('user-menu'));

    // The own password: the current one is asked for.
    await page.getByTestId('user-menu').click();
    await page.getByText('My account').click();
    await page.waitForURL(/\/account$/);
    const form = page.getByTestId('password-form');
    await form.locator('#currentPassword').fill(e2ePassword);
    await form.locator('#newPassword').fill('a brand new password');
    await form.locator('#repeated').fill('a brand new password');
    await form.locator('button[type=submit]').click();
    await shows(page.getByText('Password changed'));
    await signOut();

    // The new password and a recovery code sign in.
    await typeCredentials('a brand new password');
    await page.getByTestId('sign-in-code').fill(recoveryCodes[0] ?? '');
    await page.locator('button[type=submit]').click();
    await shows(page.getByTestId('user-menu'));
  });
});
