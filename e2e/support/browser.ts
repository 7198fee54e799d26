import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`, done by .ci/run); never a downloaded browser. */
export const chromiumPath = process.env.OPENAMI_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);

let announced = false;
/** Says once per run why the browser tests did not run. */
export function announceChromiumMissing(): void {
  if (chromiumAvailable || announced) return;
  announced = true;
  console.warn(`browser tests skipped: no chromium at ${chromiumPath} (apt-get install chromium)`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Root in a container has no user namespaces for chromium's sandbox; the pages are our own.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

const screenshotDir = join(import.meta.dirname, '..', 'screenshots');

/** Every browser test leaves a picture of where it ended, under e2e/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Opens an Ant Design select by its form label and picks the option with this text, and makes sure it took:
 * on a loaded machine a click can land while the dropdown is still opening (or a previous one closing), so
 * it tries again until the select shows the choice.
 */
export async function pickOption(page: Page, field: Locator, optionText: string): Promise<void> {
  // The select's own input is hidden behind its face; click the face.
  const select = field.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
      .filter({ hasText: optionText })
      .first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    const chosen = await select
      .locator('.ant-select-selection-item')
      .first()
      .textContent({ timeout: 2_000 })
      .catch(() => null);
    if (chosen?.includes(optionText) === true) return;
    if (attempt === 3) throw new Error(`the select did not take ${JSON.stringify(optionText)}`);
    await page.keyboard.press('Escape');
  }
}

/**
 * How long a page may take to react. Generous: CI shares two cores between the browser, the server, the
 * simulator and the other test files, and a slow machine must not read as a broken page.
 */
export const uiTimeoutMs = 20_000;

/** Waits until the element shows (playwright-core has no test runner's assertions; vitest polls the rest). */
export async function shows(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: uiTimeoutMs });
}

/** How long `expect.poll` waits for the page to come round. */
export const wait = { timeout: uiTimeoutMs, interval: 100 } as const;
