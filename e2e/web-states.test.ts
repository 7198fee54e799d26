// Issue 7's quality bar, page by page: each page says it is loading, says what is empty, shows a failed
// request in the user's language with a retry that works, fits 1366×768 (the resident page a 390-px phone)
// without scrolling sideways, and the dashboard and a meter's latest values follow a collection run without
// a reload. At 1366×768 a list's actions and key figures show without scrolling its table (issue 22's
// item 18), and the staff pages a phone opens most fit 390 px with the menu button clear of the title.
// One server with a simulated field, one browser, the pages in turn.
import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceChromiumMissing,
  chromiumAvailable,
  launchChromium,
  screenshot,
  shows,
  wait,
} from './support/browser.ts';
import { signIn } from './support/session.ts';
import { startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

/** A page under audit: where it lives, its main request, and what it shows once that request answered. */
interface Audited {
  readonly name: string;
  readonly path: string;
  readonly main: (url: URL) => boolean;
  readonly ready: (page: Page) => Locator;
  /** What the main request answers for an empty archive; undefined when the test's archive is empty already. */
  readonly emptyAnswer?: unknown;
  /** Where the empty state shows, when the page has more than one. */
  readonly emptyIn?: (page: Page) => Locator;
}

const path = (p: string) => (url: URL) => url.pathname === p;
const rows = (page: Page) => page.locator('.ant-table-row');
const emptyPage = { items: [], total: 0 };

const residentAccount = {
  accountNo: 'A0001',
  prepaidMode: 'remote',
  customerName: '张三',
  address: '1-1-101',
  meterNo: 'F0',
  balance: { kind: 'money', source: 'ledger', amountFen: 12_345, at: Date.now() },
  paidFen: 20_000,
  purchaseCount: 2,
  lastReading: null,
  csrfToken: 'csrf',
};

const hour = 3_600_000;
/** A raised alarm with long words in every column, as a busy site's list shows it. */
const raisedAlarm = {
  id: 12_345,
  kind: 'port-success-low',
  severity: 'critical',
  objectType: 'port',
  objectId: '12:4',
  subject: { meter: null, customer: null, accountNo: null, terminal: { name: '3号楼终端' }, portNo: 4 },
  areaId: null,
  state: 'raised',
  raisedAt: Date.now() - hour,
  lastSeenAt: Date.now(),
  occurrences: 3,
  evidence: { successRate: 0.2 },
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedByName: null,
  ackComment: null,
  clearedAt: null,
  clearReason: null,
};
/** A finished run of a few hundred meters, some partly read, some not at all. */
const finishedRun = {
  id: 9_876,
  planId: 'hourly-energy',
  kind: 'read',
  trigger: 'schedule',
  requestedBy: null,
  areaId: null,
  startedAt: Date.now() - hour,
  finishedAt: Date.now() - hour + 60_000,
  status: 'finished',
  metersTotal: 1_363,
  metersComplete: 1_000,
  metersPartial: 358,
  metersFailed: 5,
  detail: null,
  detailCode: null,
  detailParams: null,
};
const failedRunMeter = {
  runId: finishedRun.id,
  meterId: 1,
  terminalId: null,
  portNo: 4,
  status: 'unreachable',
  reason: 'no answer after 3 attempts',
  reasonCode: null,
  reasonParams: null,
  attempts: 3,
  durationMs: 9_000,
  clockOffsetMs: null,
  factoryNo: '330012345678',
  commAddress: '000012345678',
};

/** Answers these API paths with these bodies, whatever the query. */
async function answerWith(target: Page, answers: Readonly<Record<string, unknown>>) {
  await target.route(
    (url) => url.pathname in answers,
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(answers[new URL(route.request().url()).pathname]),
      }),
  );
}

/** Whether the element shows whole inside the viewport and inside its table's visible part. */
async function wholeInView(target: Page, element: Locator): Promise<string> {
  const box = await element.boundingBox();
  if (box === null) return 'not rendered';
  const viewport = target.viewportSize();
  if (viewport === null) return 'no viewport';
  if (box.x < 0 || box.x + box.width > viewport.width || box.y < 0 || box.y + box.height > viewport.height)
    return `outside the viewport: ${JSON.stringify(box)}`;
  const table = await element
    .locator(
      'xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-table-content ") or contains(concat(" ", @class, " "), " ant-table-body ")][1]',
    )
    .boundingBox();
  if (table !== null && (box.x < table.x - 0.5 || box.x + box.width > table.x + table.width + 0.5))
    return `hidden in the table's scroll: ${JSON.stringify(box)} in ${JSON.stringify(table)}`;
  return 'in view';
}

describe.skipIf(!chromiumAvailable)(
  'the web application’s quality bar: states, live updates, 1366×768',
  () => {
    let server: WebServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let meterId: number;

    const staffPages = (): readonly Audited[] => [
      {
        name: 'dashboard',
        path: '/',
        main: path('/api/collection/runs'),
        ready: (p) => p.getByTestId('today-success-rate').locator('.ant-statistic-content'),
        emptyIn: (p) => p.getByTestId('dashboard-alarms'),
      },
      {
        name: 'areas',
        path: '/archives/areas',
        main: path('/api/areas'),
        ready: (p) => p.getByTestId('area-tree'),
        emptyAnswer: emptyPage,
      },
      {
        name: 'terminals',
        path: '/archives/terminals',
        main: path('/api/terminals'),
        ready: rows,
        emptyAnswer: emptyPage,
      },
      {
        name: 'meter-types',
        path: '/archives/meter-types',
        main: path('/api/meter-types'),
        ready: rows,
        emptyAnswer: emptyPage,
      },
      {
        name: 'meters',
        path: '/archives/meters',
        main: path('/api/meters'),
        ready: rows,
        emptyAnswer: emptyPage,
      },
      {
        name: 'meter',
        path: `/archives/meters/${meterId}`,
        main: path(`/api/meters/${meterId}`),
        ready: (p) => p.getByTestId('meter-facts'),
        emptyIn: (p) => p.getByTestId('meter-history'),
      },
      {
        name: 'customers',
        path: '/archives/customers',
        main: path('/api/customers'),
        ready: (p) => p.getByTestId('empty-state'),
      },
      {
        name: 'price-types',
        path: '/archives/price-types',
        main: path('/api/price-types'),
        ready: (p) => p.getByTestId('empty-state'),
      },
      {
        name: 'collection',
        path: '/collection?tab=runs',
        main: path('/api/collection/runs'),
        ready: (p) => p.getByTestId('runs').getByTestId('empty-state'),
      },
      { name: 'alarms', path: '/alarms', main: path('/api/alarms'), ready: (p) => p.getByTestId('alarms') },
      {
        name: 'reports',
        path: '/reports',
        main: path('/api/reports/energy'),
        ready: (p) => p.getByTestId('energy-table'),
        emptyAnswer: {
          granularity: 'day',
          groupBy: 'area',
          from: '',
          to: '',
          periods: [],
          rows: [],
          totalWh: [],
        },
      },
      { name: 'users', path: '/admin/users', main: path('/api/users'), ready: rows, emptyAnswer: emptyPage },
      { name: 'audit', path: '/admin/audit', main: path('/api/audit'), ready: rows, emptyAnswer: emptyPage },
    ];

    beforeAll(async () => {
      [server, browser] = await Promise.all([
        startWebServer({ field: { ports: 1, metersPerPort: 2, seed: 11 } }),
        launchChromium(),
      ]);
      if (server.field === undefined) throw new Error('the server runs without a field');
      meterId = server.field.meterIds[0] as number;
      await server.addUser('admin', 'administrator');
      await server.addUser('admin-en', 'administrator', undefined, 'en');
      context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      page = await context.newPage();
      await signIn(page, server.url, 'admin');
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /**
     * Fails the main request with a 500 until released. Every other page gets the server's own error body,
     * worded in the language the request asked for; the rest a gateway's page, which the client words itself.
     */
    async function failMain(target: Page, matches: (url: URL) => boolean, serverShaped: boolean) {
      let failing = true;
      const handler = async (route: Route) => {
        if (!failing) return route.fallback();
        if (!serverShaped)
          return route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>500</h1>' });
        const language = route.request().headers()['accept-language'];
        return route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({
            code: 'INTERNAL',
            message: language === 'zh-CN' ? '服务器内部错误' : 'Internal server error',
            details: {},
          }),
        });
      };
      await target.route(matches, handler);
      return {
        text: serverShaped ? '服务器内部错误' : '服务器暂时无法处理请求（HTTP 500），请稍后重试',
        release: () => {
          failing = false;
        },
        remove: () => target.unroute(matches, handler),
      };
    }

    async function noSidewaysScroll(target: Page): Promise<number> {
      return target.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
    }

    it('shows each page’s failed request in Chinese with a retry that works, and fits 1366×768', async () => {
      const pages = staffPages();
      for (const [index, audited] of pages.entries()) {
        const failure = await failMain(page, audited.main, index % 2 === 0);
        await page.goto(`${server.url}${audited.path}`);
        const error = page.getByTestId('query-error').filter({ hasText: failure.text });
        await shows(error);
        await screenshot(page, `states-${audited.name}-error`);
        failure.release();
        await error.first().getByTestId('retry').click();
        await shows(audited.ready(page));
        await expect.poll(() => error.count(), wait).toBe(0);
        await failure.remove();
        expect(
          await noSidewaysScroll(page),
          `${audited.name} scrolls sideways at 1366×768`,
        ).toBeLessThanOrEqual(0);
        await screenshot(page, `states-${audited.name}`);
      }
    });

    it('says what is empty on each page of an empty archive', async () => {
      for (const audited of staffPages()) {
        const answer = audited.emptyAnswer;
        const fake = (route: Route) =>
          route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) });
        if (answer !== undefined) await page.route(audited.main, fake);
        await page.goto(`${server.url}${audited.path}`);
        const where = audited.emptyIn?.(page) ?? page.locator('main, .ant-layout-content').first();
        await shows(where.getByTestId('empty-state'));
        expect(await page.getByTestId('query-error').count(), audited.name).toBe(0);
        await screenshot(page, `states-${audited.name}-empty`);
        if (answer !== undefined) await page.unroute(audited.main, fake);
      }
    });

    it('fits 1366×768 in English too, its longer words included, and words errors in English', async () => {
      const english = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en' });
      const en = await english.newPage();
      await signIn(en, server.url, 'admin-en');
      for (const [index, audited] of staffPages().entries()) {
        const failure = index === 0 ? await failMain(en, audited.main, true) : undefined;
        await en.goto(`${server.url}${audited.path}`);
        if (failure !== undefined) {
          const error = en.getByTestId('query-error').filter({ hasText: 'Internal server error' });
          await shows(error);
          failure.release();
          await error.first().getByRole('button', { name: 'Retry' }).click();
          await failure.remove();
        }
        await shows(audited.ready(en));
        expect(await noSidewaysScroll(en), `${audited.name} scrolls sideways in English`).toBeLessThanOrEqual(
          0,
        );
        await screenshot(en, `states-${audited.name}-en`);
      }
      await english.close();
    });

    it('shows the resident page’s states on a 390-px phone', async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const resident = await phone.newPage();
      const answers: Readonly<Record<string, unknown>> = {
        '/api/resident/account': residentAccount,
        '/api/resident/usage/daily': { days: [] },
        '/api/resident/purchases': {
          items: [
            {
              id: 1,
              kind: 'sale',
              at: Date.now(),
              amountFen: 10_000,
              energyWh: 0,
              purchaseCount: 1,
              invoiceNo: null,
            },
          ],
        },
        '/api/resident/alarms': { items: [] },
      };
      // The resident's own session is not under test here: the API answers as for a signed-in resident.
      await resident.route(
        (url) => url.pathname in answers,
        (route) =>
          route.fulfill({
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify(answers[new URL(route.request().url()).pathname]),
          }),
      );
      const failure = await failMain(resident, path('/api/resident/purchases'), true);
      await resident.goto(`${server.url}/resident`);
      const purchases = resident.getByTestId('resident-purchases');
      await shows(purchases.getByTestId('query-error').filter({ hasText: failure.text }));
      await shows(resident.getByTestId('resident-usage').getByTestId('empty-state'));
      await shows(resident.getByTestId('resident-alarms').getByTestId('empty-state'));
      failure.release();
      await purchases.getByTestId('retry').click();
      await shows(purchases.locator('.ant-list-item'));
      expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(0);
      await screenshot(resident, 'states-resident');
      await phone.close();
    });

    it('shows the alarms’ acknowledge button and the runs’ success rate at 1366×768 without scrolling', async () => {
      const wide = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      const desk = await wide.newPage();
      try {
        await signIn(desk, server.url, 'admin');
        await answerWith(desk, {
          '/api/alarms': { items: [raisedAlarm], total: 1, offset: 0 },
          '/api/collection/runs': { items: [finishedRun], total: 1, offset: 0 },
        });
        await desk.goto(`${server.url}/alarms`);
        const acknowledge = desk
          .getByTestId('alarms')
          .locator('tbody tr')
          .filter({ hasText: String(raisedAlarm.id) })
          .getByRole('button', { name: /确\s*认/ });
        await shows(acknowledge);
        expect(await wholeInView(desk, acknowledge)).toBe('in view');
        await screenshot(desk, 'states-alarms-1366');

        await desk.goto(`${server.url}/collection?tab=runs`);
        const runs = desk.getByTestId('runs');
        const rateHeader = runs.locator('thead th').filter({ hasText: '成功率' });
        const rate = runs
          .locator('tbody tr')
          .filter({ hasText: `#${finishedRun.id}` })
          .getByText('99.6');
        await shows(rate);
        expect(await wholeInView(desk, rateHeader)).toBe('in view');
        expect(await wholeInView(desk, rate)).toBe('in view');
        await screenshot(desk, 'states-runs-1366');
      } finally {
        await wide.close();
      }
    });

    it('fits the price types, a meter and a run’s detail on a 390-px phone, the menu button clear of the title', async () => {
      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      const mobile = await phone.newPage();
      try {
        await signIn(mobile, server.url, 'admin');
        // Each page with rows in its tables, their long words included.
        await answerWith(mobile, {
          '/api/price-types': {
            items: [
              {
                id: 1,
                code: 'residential-tiered-2026',
                name: '居民生活用电（阶梯电价，一户一表）',
                unitPriceMilliFenPerKwh: 52_830,
                version: 3,
                createdAt: Date.now() - hour,
                updatedAt: Date.now(),
              },
            ],
            total: 1,
            offset: 0,
          },
          [`/api/meters/${meterId}/commands`]: [
            {
              id: 1,
              meterId,
              kind: 'relay-trip',
              params: '{}',
              requestId: 'r-1',
              state: 'failed',
              reason: 'the meter refused the command: password wrong',
              reasonCode: null,
              reasonParams: null,
              attempts: 3,
              requestedBy: null,
              requestedAt: Date.now() - hour,
              sentAt: Date.now() - hour,
              finishedAt: Date.now() - hour + 9_000,
            },
          ],
          [`/api/meters/${meterId}/runs`]: [
            { ...failedRunMeter, meterId, startedAt: finishedRun.startedAt, planId: finishedRun.planId },
          ],
          [`/api/collection/runs/${finishedRun.id}`]: {
            run: finishedRun,
            successRate: 99.6,
            ports: [{ terminalId: null, portNo: 4, meters: 1_363, read: 1_358, failed: 5 }],
          },
          [`/api/collection/runs/${finishedRun.id}/meters`]: { items: [failedRunMeter], total: 1, offset: 0 },
        });
        const phonePages = [
          {
            name: 'price-types',
            path: '/archives/price-types',
            ready: mobile.getByText('residential-tiered-2026'),
          },
          {
            name: 'meter',
            path: `/archives/meters/${meterId}`,
            ready: mobile.getByTestId('meter-runs').getByText('no answer after 3 attempts'),
          },
          {
            name: 'run',
            path: `/collection/runs/${finishedRun.id}`,
            ready: mobile.getByTestId('run-failed-meters').getByText(failedRunMeter.factoryNo),
          },
        ];
        for (const { name, path: at, ready } of phonePages) {
          await mobile.goto(`${server.url}${at}`);
          await shows(ready);
          await screenshot(mobile, `states-${name}-390`);
          // A phone widens its layout viewport (and innerWidth) to what overflows: measure against the phone.
          const width = await mobile.evaluate<number>('document.documentElement.scrollWidth');
          expect(width, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
          const menu = await mobile.getByTestId('menu-button').boundingBox();
          const title = await mobile.locator('.ant-card-head-title').first().boundingBox();
          expect(menu, `${name}: no menu button`).not.toBeNull();
          expect(title, `${name}: no title`).not.toBeNull();
          if (menu === null || title === null) continue;
          const apart =
            menu.x + menu.width <= title.x ||
            title.x + title.width <= menu.x ||
            menu.y + menu.height <= title.y ||
            title.y + title.height <= menu.y;
          expect(
            apart,
            `${name}: the menu button ${JSON.stringify(menu)} covers the title ${JSON.stringify(title)}`,
          ).toBe(true);
        }
        // The menu opens over the page and closes on the way to the page chosen.
        await mobile.getByTestId('menu-button').click();
        const drawer = mobile.locator('.ant-drawer-content');
        await drawer.getByRole('menuitem', { name: '电价类型' }).click();
        await shows(mobile.getByText('residential-tiered-2026'));
        expect(new URL(mobile.url()).pathname).toBe('/archives/price-types');
        await drawer.waitFor({ state: 'hidden' });
      } finally {
        await phone.close();
      }
    });

    it('updates the dashboard and a meter’s latest values when a collection run finishes, without a reload', async () => {
      const field = server.field;
      if (field === undefined) throw new Error('the server runs without a field');
      await page.goto(`${server.url}/`);
      const rate = page.getByTestId('today-success-rate').locator('.ant-statistic-content-value');
      await expect.poll(() => rate.textContent(), wait).toBe('—');
      const meterPage = await context.newPage();
      await meterPage.goto(`${server.url}/archives/meters/${meterId}`);
      await shows(meterPage.getByTestId('meter-history').getByTestId('empty-state'));
      // A reload would lose these marks.
      await page.evaluate('window.notReloaded = true');
      await meterPage.evaluate('window.notReloaded = true');

      const run = await field.collector.readArea(field.area.id, [0x0001_0000, 0x0201_0100]);
      expect(run.run.status).toBe('finished');
      // The run's end comes over the runs' event stream, well before the 15 s poll would see it.
      const live = { timeout: 10_000, interval: 250 };
      await expect.poll(() => rate.textContent(), live).toBe('100.0');
      await shows(page.getByTestId('today-success-rate').getByText('2/2'));
      await expect.poll(() => meterPage.getByTestId('meter-latest').count(), live).toBe(1);
      await shows(meterPage.getByTestId('meter-latest').getByText('kWh'));
      expect(await page.evaluate('window.notReloaded')).toBe(true);
      expect(await meterPage.evaluate('window.notReloaded')).toBe(true);
      await screenshot(page, 'states-dashboard-live');
      await screenshot(meterPage, 'states-meter-live');
      await meterPage.close();
    });
  },
);
