// Alarms in the browser, end to end: a meter cover opened in the simulated field shows on the alarms page and
// turns the meter's cell yellow on the monitoring schematic, both without a reload, as soon as the status read that
// sees it is stored; acknowledged with a comment, the event alarm clears and the tile turns green again.
import { ITEM_GROUPS } from '@openami/headend';
import { readPlan } from '@openami/headend/testing';
import { runScenario } from '@openami/sim';
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

const statusPlan = readPlan('status-now', ITEM_GROUPS.status, 15);

describe.skipIf(!chromiumAvailable)('the web application: alarms and the monitoring view', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const field = () => {
    if (server.field === undefined) throw new Error('the server runs without a field');
    return server.field;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startWebServer({ field: { ports: 1, metersPerPort: 3, seed: 11, alarms: true } }),
      launchChromium(),
    ]);
    await server.addUser('admin', 'administrator');
    // Event counters count from the first status read: this one sets where they stand.
    await field().collector.runPlan(statusPlan);
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

  it('shows a cover opened live on the alarms page and the monitoring view, and takes its acknowledgement', async () => {
    const meterId = field().meterIds[0] as number;
    await signIn(page, server.url, 'admin');
    const monitor = await context.newPage();
    await monitor.goto(`${server.url}/monitor`);
    const tile = monitor.getByTestId(`meter-cell-${meterId}`);
    await shows(tile);
    expect(await tile.getAttribute('data-colour')).toBe('green');
    await shows(monitor.locator('[data-testid=monitor-feed][data-feed=live]'));

    await page.goto(`${server.url}/alarms`);
    await shows(page.locator('[data-testid=alarm-feed][data-feed=live]'));
    await shows(page.getByTestId('alarms').getByText('暂无告警'));

    runScenario(field().sim, field().sim.addresses()[0] as string, { kind: 'cover-open' });
    await field().collector.runPlan(statusPlan);

    const row = page.getByTestId('alarms').locator('tbody tr').filter({ hasText: '开表盖' });
    await shows(row);
    await shows(row.getByText('紧急'));
    // Named by its number, not the store's id (issue 22).
    const factoryNo = (await server.store.meters.get(meterId))?.factoryNo as string;
    await shows(row.getByText(`电表 ${factoryNo}`));
    // Critical, but an alarm and not a fault: yellow.
    await expect.poll(() => tile.getAttribute('data-colour'), wait).toBe('yellow');
    await shows(monitor.locator('[data-testid=monitor-count-yellow]').getByText('告警 1'));
    await screenshot(monitor, 'monitor-meter-yellow');

    // The evidence, in words: the cover-open counter before and after.
    await row.locator('.ant-table-row-expand-icon').click();
    const evidence = page.locator('[data-testid^=alarm-evidence-]');
    await shows(evidence.getByText('之前'));
    await shows(evidence.getByText('之后'));
    expect(await evidence.textContent()).not.toMatch(/before|after/);
    await screenshot(page, 'alarms-live-with-evidence');

    await row.getByRole('button', { name: /确\s*认/ }).click();
    const dialog = page.locator('.ant-modal-content').last();
    await shows(dialog.getByText('确认告警'));
    // A comment is required.
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await shows(dialog.locator('.ant-form-item-explain-error'));
    await dialog.locator('textarea').fill('已到现场，表箱已重新铅封');
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await shows(page.getByText('告警已确认'));
    // An event alarm clears with its acknowledgement: it leaves the open list and the tile is green again.
    await shows(page.getByTestId('alarms').getByText('暂无告警'));
    await expect.poll(() => tile.getAttribute('data-colour'), wait).toBe('green');

    const cleared = await server.store.alarms.list(
      { kind: 'all' },
      { kind: 'cover-open', objectId: String(meterId) },
      { offset: 0, limit: 5, sort: 'id', direction: 'desc' },
    );
    expect(cleared.items[0]).toMatchObject({ state: 'cleared', ackComment: '已到现场，表箱已重新铅封' });

    await monitor.close();
  });

  it('clicking a meter on the schematic opens the meter page; the rules tab shows where each setting comes from', async () => {
    const meterId = field().meterIds[1] as number;
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/monitor`);
    await page.getByTestId(`meter-cell-${meterId}`).click();
    await expect.poll(() => new URL(page.url()).pathname, wait).toBe(`/archives/meters/${meterId}`);

    await page.goto(`${server.url}/alarms?tab=rules`);
    const rules = page.getByTestId('alarm-rules');
    const unreachable = rules.locator('tbody tr').filter({ hasText: '电表通信失败' });
    await shows(unreachable.getByText('连续抄读失败次数 = 3'));
    await unreachable.getByRole('button', { name: /编\s*辑/ }).click();
    const dialog = page.locator('.ant-modal-content').last();
    await dialog.locator('input.ant-input-number-input').fill('1');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await shows(unreachable.getByText('连续抄读失败次数 = 1'));
    await shows(unreachable.getByText('全站'));
    await shows(page.getByTestId('alarm-rule-overrides').getByText('连续抄读失败次数 = 1'));
    await screenshot(page, 'alarm-rules');
  });

  it('acknowledges several alarms at once with one comment', async () => {
    const addresses = field().sim.addresses();
    for (const address of addresses.slice(1, 3)) runScenario(field().sim, address, { kind: 'cover-open' });
    await field().collector.runPlan(statusPlan);
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/alarms`);
    await shows(page.locator('[data-testid=alarm-feed][data-feed=live]'));
    const rows = page.getByTestId('alarms').locator('tbody tr').filter({ hasText: '开表盖' });
    await expect.poll(() => rows.count(), wait).toBe(2);
    for (const id of field().meterIds.slice(1, 3)) {
      const row = rows.filter({ hasText: (await server.store.meters.get(id))?.factoryNo as string });
      await row.locator('.ant-checkbox-input').check();
    }
    await page.getByTestId('acknowledge-selected').click();
    const dialog = page.locator('.ant-modal-content').last();
    await shows(dialog.getByText('确认 2 条告警'));
    await dialog.locator('textarea').fill('两户表箱均已重新铅封');
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await shows(page.getByText('已确认 2 条告警', { exact: false }));
    const acknowledged = await server.store.alarms.list(
      { kind: 'all' },
      { kind: 'cover-open' },
      { offset: 0, limit: 10, sort: 'id', direction: 'desc' },
    );
    expect(
      acknowledged.items.filter((a) => a.ackComment === '两户表箱均已重新铅封').map((a) => a.state),
    ).toEqual(['cleared', 'cleared']);
    await screenshot(page, 'alarms-acknowledged-together');
  });
});
