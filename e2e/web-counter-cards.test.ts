// The counter's card work in the browser (issue 7, "replacement and special cards"): a customer card locked by
// three wrong passwords moved to a new card (001 FAQ 12); a clear card made for an assigned meter (001 §4.1.1);
// a meter-reading card made, taken round the meters, and read back, its readings stored once (§4.1.2). The
// meters in the field are the card meter model the virtual card uses (`insertCard`, `insertSpecialCard`).
import { readFileSync } from 'node:fs';
import {
  afterWrongPassword,
  type CardImage,
  type CardMeterState,
  insertCard,
  insertSpecialCard,
} from '@openami/domain';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  announceChromiumMissing,
  chromiumAvailable,
  launchChromium,
  pickOption,
  screenshot,
  shows,
  uiTimeoutMs,
} from './support/browser.ts';
import { signIn } from './support/session.ts';
import { startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

const dialog = (page: Page) => page.locator('.ant-modal-content').last();
const blankCard = (cardId: string): CardImage => ({
  format: 'openami-card/1',
  cardId,
  wrongPasswordAttempts: 0,
  data: { kind: 'blank' },
});
/** A card meter as installed: nothing taken yet. */
const cardMeter = (meterNo: string, totalKwh = 0): CardMeterState => ({
  meterNo,
  purchaseCount: 0,
  remainingKwh: 0,
  totalKwh,
  presetPendingKwh: 0,
  hoardingLimitKwh: 0,
});
const cardFile = (card: CardImage) => ({
  name: `card-${card.cardId}.json`,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(card)),
});

describe.skipIf(!chromiumAvailable)('the counter’s card work', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    const { store } = server;
    const now = Date.now();
    const community = await store.areas.create(
      { parentId: null, kind: 'community', code: 'HY01', name: '和园' },
      now,
    );
    const building = await store.areas.create(
      { parentId: community.id, kind: 'building', code: 'HY01-1', name: '1号楼' },
      now,
    );
    const elsewhere = await store.areas.create(
      { parentId: null, kind: 'community', code: 'D', name: '别的小区' },
      now,
    );
    const meterType = await store.meterTypes.create(
      {
        code: 'DDSY',
        name: 'DDSY 单相插卡表',
        model: 'DDSY666',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      now,
    );
    const version = await store.meterTypes.currentVersion(meterType.id);
    const meter = (factoryNo: string, areaId: number, state: string) =>
      store.meters.stockIn(
        {
          factoryNo,
          commAddress: `0000${factoryNo}`,
          meterTypeId: meterType.id,
          meterTypeVersionId: version?.id ?? 0,
          state,
          startingReadingWh: 0,
          areaId,
          terminalPortId: null,
          parentMeterId: null,
          ptPrimary: 1,
          ptSecondary: 1,
          ctPrimary: 1,
          ctSecondary: 1,
          multiplier: 1,
          stockedInAt: now,
        },
        now,
      );
    const assigned = await meter('00012345', building.id, 'installed');
    await meter('00012346', building.id, 'in_stock');
    await meter('00099999', elsewhere.id, 'in_stock');
    const priceType = await store.priceTypes.create(
      { code: 'P1', name: '居民', unitPriceMilliFenPerKwh: 50_000 },
      null,
      now,
    );
    const customer = await store.customers.create(
      {
        code: 'C-K1',
        name: '张三',
        unit: '1-101',
        address: '1号楼 101 室',
        idNumber: '',
        areaId: building.id,
      },
      null,
      now,
    );
    await store.accounts.open(
      {
        accountNo: 'K1',
        customerId: customer.id,
        meterId: assigned.id,
        priceTypeId: priceType.id,
        prepaidMode: 'card',
        alarmEnergyWh: 10_000,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: '[]',
        openedAt: now - 1_000,
      },
      now,
    );
    await server.addUser('cashier', 'cashier', [community.id]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
    await signIn(page, server.url, 'cashier');
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
  });

  /** Puts a card in the reader: the browser's reader reads the virtual card's file. */
  const readCard = (card: CardImage, within: Locator = page.getByTestId('card-reader')) =>
    within.locator('input[type=file]').setInputFiles(cardFile(card));
  /** The card image offered to write, downloaded as the cashier would save it. */
  const downloadCard = async (within: Locator): Promise<CardImage> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      within.getByRole('button', { name: '下载卡片映像' }).click(),
    ]);
    return JSON.parse(readFileSync(await download.path(), 'utf8')) as CardImage;
  };
  const sell = async (yuan: string) => {
    const panel = page.getByTestId('sell-panel');
    await panel.getByTestId('sell-amount').fill(yuan);
    await panel.getByRole('button', { name: /计\s*算/ }).click();
    await shows(panel.getByTestId('quote-amount').getByText(`${yuan} 元`));
    await panel.getByRole('button', { name: '确认收费售电' }).click();
    await dialog(page).getByRole('button', { name: '已收款，售电' }).click();
  };

  it('moves a locked card to a new card, which sells on at once (001 FAQ 12)', async () => {
    await page.goto(`${server.url}/vending/counter`);
    // The first sale writes the customer's card on a blank one.
    await readCard(blankCard('C-OLD'));
    const search = page.getByTestId('account-search').locator('input');
    await search.fill('K1');
    await search.press('Enter');
    await shows(page.getByTestId('account-facts').getByText('户号 K1 · 张三'));
    await sell('50.00');
    const outcome = page.getByTestId('sale-outcome');
    await shows(outcome.getByText(/售电成功/));
    const sold = await downloadCard(outcome);
    expect(sold).toMatchObject({
      cardId: 'C-OLD',
      data: { kind: 'customer', purchaseCount: 1, purchaseKwh: 100 },
    });

    // In the field the meter takes the purchase; later three wrong passwords lock the card for good.
    const inMeter = insertCard(cardMeter('00012345'), sold);
    expect(inMeter.outcome).toBe('loaded');
    const locked = afterWrongPassword(afterWrongPassword(afterWrongPassword(inMeter.card)));
    await readCard(locked);
    await shows(page.getByTestId('card-facts').getByText('已锁死'));

    await page.getByTestId('account-operations').getByRole('button', { name: '锁死卡转新卡' }).click();
    const transfer = dialog(page);
    // The locked card comes from the reader; the blank card is read in the dialog.
    await shows(transfer.getByTestId('locked-card-card').getByText('C-OLD'));
    await readCard(blankCard('C-NEW'), transfer.getByTestId('new-card'));
    await shows(transfer.getByTestId('new-card-card').getByText('C-NEW'));
    await transfer.locator('#reason').fill('密码错误三次锁死');
    // A card claiming a purchase the ledger never sold is refused, in the cashier's language.
    const doctored = { ...locked, data: { ...locked.data, purchaseCount: 2 } } as CardImage;
    await readCard(doctored, transfer.getByTestId('locked-card'));
    await transfer.getByRole('button', { name: /保\s*存/ }).click();
    await shows(transfer.getByRole('alert').getByText('卡内购电次数 2 与系统记录 1 不符'));
    await screenshot(page, 'counter-locked-card-refused');
    await readCard(locked, transfer.getByTestId('locked-card'));
    await transfer.getByRole('button', { name: /保\s*存/ }).click();

    const done = page.getByTestId('transfer-outcome');
    await shows(done.getByText('卡 C-OLD 已作废；新卡 C-NEW（第 2 张）带第 1 次购电'));
    await shows(done.getByText('电表已读入最后一次购电：新卡可直接继续售电。'));
    const operations = page.getByTestId('account-operations');
    const written = await downloadCard(operations);
    expect(written).toMatchObject({
      cardId: 'C-NEW',
      wrongPasswordAttempts: 0,
      data: { cardSerial: 2, purchaseCount: 1, loaded: true, meterData: { remainingKwh: 100 } },
    });
    await screenshot(page, 'counter-locked-card-transfer');

    await operations.getByRole('button', { name: /写\s*卡/ }).click();
    await shows(page.getByTestId('card-facts').getByText('C-NEW'));
    await sell('10.00');
    await shows(page.getByTestId('sale-outcome').getByText(/售电成功：发票号 \S+，金额 10.00 元/));
    expect(insertCard(inMeter.meter, await downloadCard(page.getByTestId('sale-outcome'))).outcome).toBe(
      'loaded',
    );
  }, 120_000);

  it('makes a clear card bound to an assigned meter of the area (001 §4.1.1, FAQ 9)', async () => {
    await page.goto(`${server.url}/vending/counter`);
    await page.getByRole('tab', { name: '专用卡' }).click();
    const panel = page.getByTestId('special-cards');
    await shows(panel.getByText('请在读卡器读入要制作的卡（空白卡或可擦除的卡）'));
    await readCard(blankCard('K-CLR'));
    await panel.getByText('清零卡', { exact: true }).click();
    await pickOption(page, panel.locator('#areaId'), '和园 (HY01)');
    await panel.locator('#reason').fill('旧表重新投入使用');
    // A meter of another area: the card would be useless there ("跨区域也无效").
    await panel.locator('#meterNo').fill('00099999');
    await panel.getByRole('button', { name: /制\s*卡/ }).click();
    await shows(panel.getByRole('alert').getByText('电表 00099999 不在区域 HY01 内，该区域的清零卡对它无效'));
    await panel.locator('#meterNo').fill('00012345');
    await panel.getByRole('button', { name: /制\s*卡/ }).click();

    const made = page.getByTestId('special-made');
    await shows(made.getByText('清零卡已制作，请写卡'));
    await shows(made.getByText(/电表 00012345 已分配给户号 K1/));
    const card = await downloadCard(made);
    expect(card).toEqual({
      format: 'openami-card/1',
      cardId: 'K-CLR',
      wrongPasswordAttempts: 0,
      data: { kind: 'clear', areaCode: 'HY01', meterNo: '00012345' },
    });
    await screenshot(page, 'counter-clear-card');
    // The meter clears within two minutes of power-up in its area; another meter will not take the card.
    const used = { ...cardMeter('00012345', 870), purchaseCount: 4, remainingKwh: 30 };
    expect(insertSpecialCard(used, card, { areaCode: 'HY01', msSincePowerUp: 30_000 }).outcome).toBe(
      'cleared',
    );
    expect(
      insertSpecialCard(cardMeter('00012346'), card, { areaCode: 'HY01', msSincePowerUp: 30_000 }).outcome,
    ).toBe('refused_area_or_time');

    await made.getByRole('button', { name: /写\s*卡/ }).click();
    await shows(page.getByTestId('card-facts').getByText('清零卡'));
    const audit = await server.store.audit.list(
      { entity: 'card', entityId: 'K-CLR' },
      { offset: 0, limit: 10, sort: 'id', direction: 'desc' },
    );
    expect(audit.items[0]).toMatchObject({ action: 'vending.issueSpecialCard', actorName: 'cashier' });
    expect(JSON.stringify(audit.items[0]?.details)).toContain('00012345');
  }, 120_000);

  it('reads back a meter-reading card: shows its readings and stores them once (001 §4.1.2)', async () => {
    await page.goto(`${server.url}/vending/counter?tab=special`);
    const panel = page.getByTestId('special-cards');
    await readCard(blankCard('K-READ'));
    await panel.getByText('抄表卡', { exact: true }).click();
    await panel.getByRole('button', { name: /制\s*卡/ }).click();
    const made = page.getByTestId('special-made');
    await shows(made.getByText('抄表卡已制作，请写卡'));
    const issued = await downloadCard(made);
    expect(issued.data).toMatchObject({ kind: 'meter_reading', readings: [] });

    // Month end: the card goes round the meters; a meter of another community is read too.
    const taken = [
      { ...cardMeter('00012345', 1260), purchaseCount: 2, remainingKwh: 25 },
      cardMeter('00012346', 12),
      cardMeter('00099999', 40),
    ].reduce(
      (card, meter) => insertSpecialCard(meter, card, { areaCode: 'HY01', msSincePowerUp: 0 }).card,
      issued,
    );

    await page.getByRole('tab', { name: '读回抄表卡' }).click();
    await readCard(taken);
    const readback = page.getByTestId('card-readback');
    const rows = readback.getByTestId('readback-readings');
    await shows(rows.getByText('1260 kWh'));
    expect(await rows.locator('tbody tr.ant-table-row').count()).toBe(3);
    await readback.getByRole('button', { name: '保存读数' }).click();
    await shows(
      readback.getByTestId('readback-summary').getByText('本次保存 2 条，此前已保存 0 条，未保存 1 条'),
    );
    await shows(rows.getByText('电表 00099999 不在您负责的区域内，读数未保存'));
    await shows(rows.getByText('K1 · 张三'));
    await screenshot(page, 'counter-readback');

    // The same card read back again stores nothing twice.
    await readCard(taken);
    await readback.getByRole('button', { name: '保存读数' }).click();
    await shows(
      readback.getByTestId('readback-summary').getByText('本次保存 0 条，此前已保存 2 条，未保存 1 条'),
    );
    await shows(rows.getByText('此前已保存').first());
    const meter = await server.store.meters.getByFactoryNo('00012345');
    const stored = await server.store.readings.energyBetween(meter?.id ?? 0, 0, Date.now() + 60_000);
    expect(stored.map((r) => [r.source, r.activeImportWh, r.remainingEnergyWh])).toEqual([
      ['card', 1_260_000, 25_000],
    ]);
    await screenshot(page, 'counter-readback-again');
  }, 120_000);
});
