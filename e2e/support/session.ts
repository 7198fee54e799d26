import type { Page } from 'playwright-core';
import { e2ePassword } from './web-server.ts';

/** Signs in through the sign-in page with this password, in whichever language it shows. */
export async function signInWith(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('user-menu').waitFor();
}

/** Signs in a user made with `e2ePassword` (the test servers' users). */
export function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  return signInWith(page, baseUrl, username, e2ePassword);
}
