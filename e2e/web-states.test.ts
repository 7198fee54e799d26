// Issue 7's quality bar, page by page: each page says it is loading, says what is empty, shows a failed
// request in the user's language with a retry that works, fits 1366×768 (the resident page a 390-px phone)
// without scrolling sideways, and the dashboard and a meter's latest values follow a collection run without
// a reload. One server with a simulated field, one browser, the pages in turn.
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
