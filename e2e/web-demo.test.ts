// The browser walking through a running demo, as a newcomer does after the README's first command
// (`openami demo`): the printed password signs in, the dashboard shows the community being read, a meter is
// read now, a remote household is topped up and its meter's relay follows, a meter sheet with a bad row is
// imported, an alarm of a misbehaving meter is acknowledged, a cashier of one unit finds nothing elsewhere,
// and a resident signs in on a phone with the code the demo logs. One demo, steps in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from '../apps/cli/src/demo/start-demo.ts';
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
import { signInWith } from './support/session.ts';
import { e2ePassword } from './support/web-server.ts';

announceChromiumMissing();

const dialog = (page: Page) => page.locator('.ant-modal-content').last();
/** A button's name as antd renders it: two CJK characters get a space between them, and an icon its own name. */
const button = (name: string) => new RegExp([...name].join('\\s*'));

/** The demo's remote household with the least money: the one that topped up only a little. */
interface Household {
  readonly accountId: number;
  readonly accountNo: string;
  readonly meterId: number;
}

describe.skipIf(!chromiumAvailable)('the running demo in the browser', () => {
  let demo: Demo;
  let dataDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const logged: string[] = [];
  let low: Household;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'openami-web-demo-'));
    [demo, browser] = await Promise.all([
      startDemo({
        size: { buildings: 1, unitsPerBuilding: 2, floors: 2, roomsPerFloor: 2 },
        dataDir,
        port: 0,
        timeFactor: 600,
        log: (line) => logged.push(line),
      }),
      launchChromium(),
    ]);
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-demo-${task.name.slice(0, 40)}`);
  });

  /** The signed-in browser's own API calls: which household to serve is the test's choice, not the page's. */
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON, checked where it is used.
  const api = async (path: string): Promise<any> => (await page.request.get(`${demo.url}${path}`)).json();

  const readNow = async (groups: readonly string[]) => {
    const panel = page.getByTestId('read-now');
    for (const group of ['电能量', '瞬时量', '预付费', '状态字', '时钟']) {
      const box = panel.locator('label.ant-checkbox-wrapper').filter({ hasText: group });
      if ((await box.locator('input').isChecked()) !== groups.includes(group)) await box.click();
    }
    await panel.getByRole('button', { name: button('抄读') }).click();
    await shows(panel.getByTestId('read-outcome').getByText(/^(成功|部分成功)$/));
    return panel;
  };

  it('signs in as the demo’s admin with the printed password and shows the community being read', async () => {
    await signInWith(page, demo.url, demo.username, demo.password);
    await shows(page.getByRole('heading', { name: '概览' }));
    const meters = page.getByTestId('count-dashboard.meters').locator('.ant-statistic-content-value');
    await expect.poll(() => meters.textContent(), wait).toBe(String(demo.meters));
    expect(demo.meters).toBeGreaterThan(0);
    // The first collection finishes within seconds of the start; the card follows it by itself, no reload.
    const today = page.getByTestId('today-success-rate');
    const metersRead = async () =>
      Number(/(\d+)\/\d+ 块表成功/.exec((await today.textContent()) ?? '')?.[1] ?? 0);
    await expect.poll(metersRead, { timeout: 40_000, interval: 2_000 }).toBeGreaterThan(0);
    // Meters that answered count as online, without a reload either.
    const online = page.getByTestId('meters-online').locator('.ant-statistic-content-value');
    await expect
      .poll(async () => Number(await online.textContent()), { timeout: 40_000, interval: 2_000 })
      .toBeGreaterThan(0);
    await shows(page.getByTestId('meter-state-chart').locator('canvas'));
    await screenshot(page, 'demo-dashboard');
  });

  it('opens a household’s meter from the list and reads it now: values with their units', async () => {
    const accounts = (await api('/api/accounts?limit=100')).items as {
      id: number;
      accountNo: string;
      meterId: number;
      prepaidMode: string;
    }[];
    const remote = accounts.filter((a) => a.prepaidMode === 'remote');
    const balances = await Promise.all(
      remote.map(async (a) => (await api(`/api/vending/accounts/${a.id}`)).balance.balanceFen as number),
    );
    const lowest = remote[balances.indexOf(Math.min(...balances))];
    if (lowest === undefined) throw new Error('the demo has no remote household');
    low = { accountId: lowest.id, accountNo: lowest.accountNo, meterId: lowest.meterId };
    const meter = await api(`/api/meters/${low.meterId}`);

    await page.getByRole('menu').getByText('电表', { exact: true }).click();
    await page.getByPlaceholder('出厂编号').fill(meter.factoryNo);
    await page.getByRole('button', { name: button('查询') }).click();
    await page.getByRole('link', { name: meter.factoryNo, exact: true }).click();
    await shows(page.getByText(`电表 ${meter.factoryNo}`));
    await shows(page.getByTestId('meter-facts').getByText(meter.commAddress));

    const panel = await readNow(['电能量', '瞬时量', '状态字']);
    const energy = panel.locator('tr').filter({ hasText: '（当前）正向有功总电能' });
    await expect.poll(() => energy.locator('td').nth(2).textContent(), wait).toMatch(/^\d+(\.\d+)? kWh$/);
    await shows(panel.locator('tr').filter({ hasText: 'A相电压' }).getByText(/ V$/));
    // Status words in words (issue 22 item 15): a closed relay sets no "relay open" flag.
    await shows(panel.getByText(/状态字 0x/));
    expect(await panel.textContent()).not.toContain('继电器断开');
    await screenshot(page, 'demo-meter-read-now');
  });

  it('tops up a remote household by money: the balance rises and its tripped relay closes', async () => {
    // A household whose money ran out: its meter tripped and nothing left on the account. Use would take
    // minutes to get there even at 600×, so the office trips the meter and pays back what is left (a top-up
    // closes the relay when the balance before it was at zero or below, 002 remote fee control).
    await page.goto(`${demo.url}/archives/meters/${low.meterId}`);
    const commands = page.getByTestId('meter-commands');
    await commands.getByRole('button', { name: button('拉闸') }).click();
    await dialog(page).getByRole('button', { name: '确认发送' }).click();
    await shows(commands.getByTestId('command-outcome').getByText('拉闸：已确认'));
    await shows((await readNow(['状态字'])).getByText(/继电器断开/));

    await page.getByRole('menu').getByText('售电收费', { exact: true }).click();
    const search = page.getByTestId('account-search').locator('input');
    await search.fill(low.accountNo);
    await search.press('Enter');
    const facts = page.getByTestId('account-facts');
    await shows(facts.getByText(`户号 ${low.accountNo}`));
    await shows(facts.getByText('远程费控'));
    const balance = facts.getByTestId('balance');
    const yuan = async () =>
      Number(/(-?\d+\.\d{2})/.exec((await balance.textContent()) ?? '')?.[1] ?? Number.NaN);
    await expect.poll(yuan, wait).not.toBeNaN();
    const left = await yuan();
    if (left > 0) {
      await page
        .getByTestId('account-operations')
        .getByRole('button', { name: button('退费') })
        .click();
      await dialog(page).locator('#amountYuan').fill(left.toFixed(2));
      await dialog(page).locator('#reason').fill('余额退还住户');
      await dialog(page)
        .getByRole('button', { name: button('保存') })
        .click();
      await expect.poll(yuan, wait).toBeLessThanOrEqual(0);
    }
    const before = await yuan();

    const panel = page.getByTestId('sell-panel');
    await panel.getByTestId('sell-amount').fill('50.00');
    await panel.getByRole('button', { name: button('计算') }).click();
    await shows(panel.getByTestId('quote-amount').getByText('50.00 元'));
    await panel.getByRole('button', { name: '确认收费售电' }).click();
    await dialog(page).getByRole('button', { name: '已收款，售电' }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    const outcome = page.getByTestId('sale-outcome');
    await shows(outcome.getByText(/售电成功：发票号 \S+，金额 50.00 元/));
    await shows(outcome.getByTestId('relay-outcome').getByText('合闸：已确认'));
    // Fifty yuan more, less any use the station charged meanwhile.
    await expect.poll(yuan, wait).toBeGreaterThan(before + 49);
    await screenshot(page, 'demo-counter-top-up');

    // The meter says so too.
    await page.goto(`${demo.url}/archives/meters/${low.meterId}`);
    const closed = await readNow(['状态字']);
    await shows(closed.getByText(/状态字 0x/));
    expect(await closed.textContent()).not.toContain('继电器断开');
    await shows(page.getByTestId('meter-commands').locator('tbody tr').filter({ hasText: '合闸' }));
  });

  it('imports a meter sheet with one bad row: the row is named, then the good rows go in', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('meters');
    for (const row of [
      ['出厂编号', '通信地址', '电表类型编码', '区域编码', '起始读数(Wh)'],
      ['NEW-001', '500000000001', 'DDSY666', 'HY-1-1', '0'],
      ['NEW-002', '5000AB', 'DDSY666', 'HY-1-1', '0'],
      ['NEW-003', '500000000003', 'DDSY666', 'HY-1-2', '1500'],
    ])
      sheet.addRow(row);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    await page.getByRole('menu').getByText('电表', { exact: true }).click();
    await page.getByRole('button', { name: button('导入') }).click();
    await dialog(page).locator('input[type=file]').setInputFiles({
      name: 'meters.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await dialog(page).getByRole('button', { name: '开始导入' }).click();
    await expect
      .poll(() => dialog(page).getByRole('alert').textContent(), wait)
      .toContain('导入文件有 1 行错误，未导入任何数据');
    const problems = page.getByTestId('import-problems').locator('.ant-table-row');
    await expect.poll(() => problems.allTextContents(), wait).toEqual(['3通信地址: 必须是12位数字']);
    await screenshot(page, 'demo-import-rejected');

    await dialog(page).getByRole('button', { name: '只导入正确的行' }).click();
    await expect.poll(() => dialog(page).getByRole('status').textContent(), wait).toContain('导入完成');
    await expect.poll(() => dialog(page).locator('.ant-descriptions').textContent(), wait).toContain('新增2');
    expect((await api('/api/meters?factoryNo=NEW&limit=10')).total).toBe(2);
    await screenshot(page, 'demo-import-good-rows');
  });

  it('acknowledges an alarm of a misbehaving meter with a comment', async () => {
    await page.goto(`${demo.url}/alarms`);
    await shows(page.locator('[data-testid=alarm-feed][data-feed=live]'));
    // The dead meter fails the first collection; the tampered one's cover opens 20 s after the start.
    const row = page
      .getByTestId('alarms')
      .locator('tbody tr')
      .filter({ hasText: /开表盖|电表通信失败/ })
      .filter({ has: page.getByRole('button', { name: button('确认') }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: 40_000 });
    const kind = (await row.textContent())?.includes('开表盖') === true ? '开表盖' : '电表通信失败';
    await row.getByRole('button', { name: button('确认') }).click();
    await shows(dialog(page).getByText(`确认这条“${kind}”告警？`, { exact: false }));
    await dialog(page).locator('textarea').fill('已到现场检查并处理');
    await dialog(page)
      .getByRole('button', { name: button('确认') })
      .click();
    await shows(page.getByText('告警已确认'));
    const acknowledged = await api('/api/alarms?limit=100');
    expect(
      acknowledged.items.some((a: { ackComment: string | null }) => a.ackComment === '已到现场检查并处理'),
    ).toBe(true);
    await screenshot(page, 'demo-alarm-acknowledged');
  });

  it('adds a cashier for one unit, who finds nothing of another unit', async () => {
    const accounts = (await api('/api/accounts?limit=100')).items as { accountNo: string }[];
    // Account numbers are building, unit and room: HY + 1 + unit + room.
    const elsewhere = accounts.find((a) => a.accountNo.startsWith('HY12'));
    const own = accounts.find((a) => a.accountNo.startsWith('HY11'));
    if (elsewhere === undefined || own === undefined) throw new Error('the demo has no two units');

    await page.getByRole('menu').getByText('操作员', { exact: true }).click();
    await page.getByRole('button', { name: '新建操作员' }).click();
    const form = dialog(page);
    await form.locator('#username').fill('unit1.cashier');
    await form.locator('#displayName').fill('一单元收费员');
    await form.locator('#password').fill(e2ePassword);
    await pickOption(page, form.locator('#role'), '充值管理员');
    await pickOption(page, form.locator('#areaIds'), '1单元');
    await form.getByRole('button', { name: button('保存') }).click();
    const user = page.locator('.ant-table-row', { hasText: 'unit1.cashier' });
    await shows(user);
    await expect.poll(() => user.textContent(), wait).toContain('1单元');

    const cashierContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    cashierContext.setDefaultTimeout(uiTimeoutMs);
    try {
      const cashier = await cashierContext.newPage();
      await signInWith(cashier, demo.url, 'unit1.cashier', e2ePassword);
      await cashier.goto(`${demo.url}/vending/counter`);
      const search = cashier.getByTestId('account-search');
      await search.locator('input').fill(elsewhere.accountNo);
      await search.locator('input').press('Enter');
      await shows(search.getByText('没有找到用户'));
      await screenshot(cashier, 'demo-cashier-refused');
      await search.locator('input').fill(own.accountNo);
      await search.locator('input').press('Enter');
      await shows(cashier.getByTestId('account-facts').getByText(`户号 ${own.accountNo}`));
    } finally {
      await cashierContext.close();
    }
  });

  it('lets the demo’s resident sign in on a phone with the code the demo logs: balance and use', async () => {
    const resident = demo.resident;
    if (resident === undefined) throw new Error('the demo names no household');
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    phone.setDefaultTimeout(uiTimeoutMs);
    try {
      const mobile = await phone.newPage();
      await mobile.goto(`${demo.url}/resident`);
      await shows(mobile.getByText('住户登录'));
      await mobile.getByTestId('resident-account-no').fill(resident.accountNo);
      await mobile.getByTestId('resident-phone').fill(resident.phone);
      await mobile.getByTestId('resident-send-code').click();
      await shows(mobile.getByText('如户号与手机号匹配，验证码已发送'));
      const codeIn = new RegExp(`notify ${resident.phone}: .*验证码为 (\\d{6})`);
      let code: string | undefined;
      await expect
        .poll(() => {
          code = logged.map((line) => codeIn.exec(line)?.[1]).findLast((found) => found !== undefined);
          return code;
        }, wait)
        .toMatch(/^\d{6}$/);
      await mobile.getByTestId('resident-code').fill(code ?? '');
      await mobile.getByTestId('resident-sign-in').click();

      await expect
        .poll(() => mobile.getByTestId('resident-account').textContent(), wait)
        .toContain(resident.accountNo);
      await expect.poll(() => mobile.getByTestId('resident-balance').textContent(), wait).toMatch(/\d+\.\d+/);
      await shows(mobile.getByTestId('resident-usage').getByText(/共 \d+(\.\d+)? kWh/));
      await shows(mobile.getByTestId('resident-usage-chart').locator('canvas'));
      const width = await mobile.evaluate('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      // The "code sent" toast would cover the page's title in the picture.
      await mobile.locator('.ant-message-notice').waitFor({ state: 'detached' });
      await screenshot(mobile, 'demo-resident-phone');
    } finally {
      await phone.close();
    }
  });
});
