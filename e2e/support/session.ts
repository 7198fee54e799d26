import type { Page } from 'playwright-core';
import { e2ePassword } from './web-server.ts';

/** Signs in through the sign-in page, in whichever language it shows. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(e2ePassword);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('user-menu').waitFor();
}
