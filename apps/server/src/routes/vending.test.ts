import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

interface CardData {
  readonly kind: string;
  readonly meterNo: string;
  readonly purchaseCount: number;
  readonly purchaseKwh: number;
  readonly loaded: boolean;
  readonly [field: string]: unknown;
}
const image = (data: object) => ({ format: 'openami-card/1', cardId: 'C-1', wrongPasswordAttempts: 0, data });
/** The card after the meter took its purchase (what the customer brings back): marked, with its data. */
const inserted = (card: CardData) =>
  image({
    ...card,
    loaded: true,
    meterData: { remainingKwh: 0, totalKwh: 0, purchaseCount: card.purchaseCount, statusWord: 0 },
  });

describeEachEngine('vending through the API', (context) => {
  let app: App;
  let admin: Actor;
  let cashier: Actor;
  let finance: Actor;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}${process.pid}v${(n++).toString().padStart(4, '0')}`;
  const call = (actor: Actor, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: actor.headers, ...(payload === undefined ? {} : { payload }) });
  let areaId: number;
  let priceTypeId: number;
  let jbtTypeId: number;

  beforeAll(async () => {
    app = await appFor(context.store);
    admin = await signIn(app, context.store, 'administrator', 'all');
    cashier = await signIn(app, context.store, 'cashier', 'all');
    finance = await signIn(app, context.store, 'finance', 'all');
    areaId = (
      await call(admin, 'POST', '/api/areas', {
        parentId: null,
        kind: 'community',
        code: fresh('A'),
        name: '小区',
      })
    ).json<{ id: number }>().id;
    jbtTypeId = (
      await call(admin, 'POST', '/api/meter-types', {
        code: fresh('MT'),
        name: 'DDSY JB/T 8382',
        model: 'DDSY',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'jb_t_8382',
      })
    ).json<{ id: number }>().id;
    priceTypeId = (
      await call(admin, 'POST', '/api/price-types', {
        code: fresh('P'),
        name: '居民阶梯',
        unitPriceMilliFenPerKwh: 48_830,
      })
    ).json<{ id: number }>().id;
    const tariff = await call(admin, 'POST', `/api/price-types/${priceTypeId}/tariffs`, {
      effectiveFrom: harnessNow,
      tariff: {
        kind: 'tiered',
        cycle: 'yearly',
        tiers: [
          { upToKwh: 2880, priceE4FenPerKwh: 488_300 },
          { upToKwh: 4800, priceE4FenPerKwh: 538_300 },
          { upToKwh: null, priceE4FenPerKwh: 788_300 },
        ],
      },
    });
    expect(tariff.statusCode, tariff.body).toBe(201);
  });
  afterAll(() => app.close());

  async function openAccount(mode: 'card' | 'remote' = 'card') {
    const meter = await call(admin, 'POST', '/api/meters', {
      factoryNo: fresh('F'),
      commAddress: String(700_000 + n++).padStart(12, '0'),
      meterTypeId: jbtTypeId,
      areaId,
    });
    const customer = await call(admin, 'POST', '/api/customers', {
      code: fresh('C'),
      name: '李四',
      unit: '',
      address: '3-502',
      idNumber: '',
      areaId,
    });
    const account = await call(cashier, 'POST', '/api/accounts', {
      accountNo: fresh('AC'),
      customerId: customer.json<{ id: number }>().id,
      meterId: meter.json<{ id: number }>().id,
      priceTypeId,
      prepaidMode: mode,
      alarmEnergyWh: 10_000,
      creditLimitWh: 0,
      hoardingLimitWh: 500_000,
      capacityLimitMode: 0,
    });
    expect(account.statusCode, account.body).toBe(201);
    return {
      id: account.json<{ id: number }>().id,
      factoryNo: meter.json<{ factoryNo: string }>().factoryNo,
    };
  }

  it('opens a batch of accounts with one set of settings, all or none (001 §3.2.2)', async () => {
    const meter = async () =>
      (
        await call(admin, 'POST', '/api/meters', {
          factoryNo: fresh('F'),
          commAddress: String(900_000 + n++).padStart(12, '0'),
          meterTypeId: jbtTypeId,
          areaId,
        })
      ).json<{ id: number }>().id;
    const customerId = (
      await call(admin, 'POST', '/api/customers', {
        code: fresh('C'),
        name: '王五',
        unit: '',
        address: '',
        idNumber: '',
        areaId,
      })
    ).json<{ id: number }>().id;
    const settings = {
      priceTypeId,
      prepaidMode: 'card',
      alarmEnergyWh: 10_000,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 1,
    };
    const [m1, m2] = [await meter(), await meter()];
    const batch = await call(cashier, 'POST', '/api/accounts/batch', {
      settings,
      accounts: [
        { accountNo: fresh('AB'), customerId, meterId: m1 },
        { accountNo: fresh('AB'), customerId, meterId: m2 },
      ],
    });
    expect(batch.statusCode, batch.body).toBe(201);
    expect(batch.json()).toMatchObject({ count: 2 });
    const again = await call(cashier, 'POST', '/api/accounts/batch', {
      settings,
      accounts: [
        { accountNo: fresh('AB'), customerId, meterId: await meter() },
        { accountNo: fresh('AB'), customerId, meterId: m1 },
      ],
    });
    expect(again.json()).toMatchObject({ code: 'METER_HAS_ACCOUNT' });
    const opened = await call(cashier, 'GET', `/api/accounts?customerId=${customerId}`);
    expect(opened.json<{ total: number }>().total).toBe(2);
  });

  it('quotes, sells with the preset deducted, replays a repeated request, and refuses a reused one', async () => {
    const account = await openAccount();
    expect(
      (await call(cashier, 'PUT', `/api/vending/accounts/${account.id}/preset`, { presetKwh: 12 }))
        .statusCode,
    ).toBe(200);

    const quote = await call(
      cashier,
      'GET',
      `/api/vending/accounts/${account.id}/quote?by=energy&energyWh=100000`,
    );
    expect(quote.json()).toMatchObject({
      energyWh: 100_000,
      amountFen: 4883,
      card: { writeKwh: 88, presetDeductedKwh: 12 },
      explanation: [
        'Tier 1 (cycle energy 0.000–100.000 kWh): 100.000 kWh × 0.4883 yuan/kWh = 48.83 yuan',
        expect.any(String),
        // What goes on the card, step by step (issue 22 item 5).
        'On the card = 100.000 kWh bought ÷ multiplier 1 = 100 kWh',
        'Less the 12 kWh preset energy (first card of a JB/T 8382 meter): 88 kWh on the card',
      ],
    });

    const body = { requestId: 'sale-1', by: 'energy', energyWh: 100_000, card: image({ kind: 'blank' }) };
    const first = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, body);
    expect(first.statusCode, first.body).toBe(201);
    const sale = first.json<{ id: number; invoiceNo: string; details: { card: CardData } }>();
    expect(first.json()).toMatchObject({
      replayed: false,
      kind: 'sale',
      amountFen: 4883,
      purchaseCount: 1,
      writeKwh: 88,
      details: {
        presetDeductedKwh: 12,
        card: { meterNo: account.factoryNo, purchaseCount: 1, purchaseKwh: 88 },
      },
    });

    const again = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, id: sale.id, invoiceNo: sale.invoiceNo });
    const reused = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      ...body,
      energyWh: 200_000,
    });
    expect(reused.json()).toMatchObject({ code: 'REQUEST_ID_REUSED' });

    // 001 FAQ 4: the card has not been inserted yet, so the next sale waits for it.
    const early = await app.inject({
      method: 'POST',
      url: `/api/vending/accounts/${account.id}/sales`,
      headers: { ...cashier.headers, 'accept-language': 'zh-CN' },
      payload: { requestId: 'sale-2', by: 'money', amountFen: 10_000, card: image(sale.details.card) },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'CARD_NOT_LOADED',
      message: '第 1 次购电尚未插表，请用户先插卡一次再购电',
    });

    const second = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 'sale-2',
      by: 'money',
      amountFen: 10_000,
      card: inserted(sale.details.card),
    });
    // 100 yuan at 0.4883 buys 204 whole kWh (99.61 yuan); the card takes them all (no preset any more).
    expect(second.json()).toMatchObject({
      amountFen: 9961,
      energyWh: 204_000,
      writeKwh: 204,
      purchaseCount: 2,
    });
    expect(second.json()).toMatchObject({ details: { offeredFen: 10_000 } });

    const summary = await call(finance, 'GET', `/api/vending/accounts/${account.id}`);
    expect(summary.json()).toMatchObject({
      balance: { netPaidFen: 4883 + 9961, netEnergyWh: 304_000, purchaseCount: 2, entries: 2 },
      tariff: { kind: 'tiered', tierCycle: '2026', cycleUsedWh: 304_000 },
    });
  });

  it('cancels a sale whose card has not been loaded, refunds, and reprints without a new invoice number', async () => {
    const account = await openAccount();
    const sold = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 's1',
      by: 'energy',
      energyWh: 50_000,
      card: image({ kind: 'blank' }),
    });
    const first = sold.json<{ id: number; invoiceNo: string; details: { card: CardData } }>();
    const second = (
      await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 's2',
        by: 'energy',
        energyWh: 30_000,
        card: inserted(first.details.card),
      })
    ).json<{ id: number; details: { card: CardData } }>();

    const loaded = await call(cashier, 'POST', `/api/vending/entries/${second.id}/cancel`, {
      requestId: 'c1',
      reason: 'typed the wrong amount',
      card: inserted(second.details.card),
    });
    expect(loaded.json()).toMatchObject({ code: 'CANCEL_CARD_LOADED' });
    const cancel = await call(cashier, 'POST', `/api/vending/entries/${second.id}/cancel`, {
      requestId: 'c1',
      reason: 'typed the wrong amount',
      card: image(second.details.card),
    });
    expect(cancel.statusCode, cancel.body).toBe(201);
    expect(cancel.json()).toMatchObject({
      kind: 'cancel',
      refersToId: second.id,
      energyWh: -30_000,
      details: { card: { purchaseCount: 1, purchaseKwh: 50, loaded: true } },
    });

    const tooMuch = await call(finance, 'POST', `/api/vending/accounts/${account.id}/refunds`, {
      requestId: 'r1',
      amountFen: 100_000,
      energyWh: 0,
      reason: 'closing',
    });
    expect(tooMuch.json()).toMatchObject({ code: 'REFUND_EXCEEDS_BALANCE' });
    const refund = await call(finance, 'POST', `/api/vending/accounts/${account.id}/refunds`, {
      requestId: 'r1',
      amountFen: 1000,
      energyWh: 20_000,
      reason: 'closing',
    });
    expect(refund.statusCode, refund.body).toBe(201);

    const reprint = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/reprint`);
    expect(reprint.json()).toMatchObject({ entryId: first.id, invoiceNo: first.invoiceNo, reprint: true });
    const html = await call(cashier, 'GET', `/api/vending/entries/${first.id}/receipt`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain(first.invoiceNo);
    expect(html.body).toContain('Tier 1');

    const entries = await call(finance, 'GET', `/api/vending/accounts/${account.id}/entries?direction=asc`);
    expect(entries.json<{ items: { kind: string }[] }>().items.map((e) => e.kind)).toEqual([
      'sale',
      'sale',
      'cancel',
      'refund',
    ]);
  });

  it("carries a replaced meter's remaining energy onto the next card (001 FAQ 8)", async () => {
    const account = await openAccount();
    const first = (
      await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 's1',
        by: 'energy',
        energyWh: 300_000,
        card: image({ kind: 'blank' }),
      })
    ).json<{ details: { card: CardData } }>();
    const adjustment = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/adjustments`, {
      requestId: 'a1',
      adjustmentWh: 12_000,
      reason: 'old meter had 12 kWh left',
    });
    expect(adjustment.statusCode, adjustment.body).toBe(201);
    const next = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 's2',
      by: 'energy',
      energyWh: 300_000,
      card: inserted(first.details.card),
    });
    // "下次用户购电300度，写卡电量为300+（12）=312度"
    expect(next.json()).toMatchObject({ writeKwh: 312, adjustmentWh: -12_000, energyWh: 300_000 });
  });

  it('explains the energy on the card: adjustment, multiplier and preset, in the quote and on the receipt', async () => {
    const account = await openAccount();
    await call(cashier, 'PUT', `/api/vending/accounts/${account.id}/preset`, { presetKwh: 12 });
    const first = (
      await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 'e1',
        by: 'energy',
        energyWh: 100_000,
        card: image({ kind: 'blank' }),
      })
    ).json<{ id: number; details: { card: CardData } }>();
    const firstReceipt = await call(cashier, 'GET', `/api/vending/entries/${first.id}/receipt`);
    expect(firstReceipt.body).toContain('On the card = 100.000 kWh bought ÷ multiplier 1 = 100 kWh');
    expect(firstReceipt.body).toContain(
      'Less the 12 kWh preset energy (first card of a JB/T 8382 meter): 88 kWh on the card',
    );
    await call(cashier, 'POST', `/api/vending/accounts/${account.id}/adjustments`, {
      requestId: 'e-a1',
      adjustmentWh: 12_000,
      reason: 'old meter had 12 kWh left',
    });
    const quote = await call(
      cashier,
      'GET',
      `/api/vending/accounts/${account.id}/quote?by=energy&energyWh=300000`,
    );
    const sum = 'On the card = (300.000 kWh bought + 12.000 kWh adjustment) ÷ multiplier 1 = 312 kWh';
    expect(quote.json<{ explanation: string[] }>().explanation).toContain(sum);
    const next = (
      await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 'e2',
        by: 'energy',
        energyWh: 300_000,
        card: inserted(first.details.card),
      })
    ).json<{ id: number; writeKwh: number }>();
    expect(next.writeKwh).toBe(312);
    const receipt = await call(cashier, 'GET', `/api/vending/entries/${next.id}/receipt`);
    expect(receipt.body).toContain(sum);
    // English throughout in English: yuan, never 元 or fen.
    const english = receipt.body.slice(receipt.body.indexOf('<ol>'), receipt.body.indexOf('</ol>'));
    expect(english).not.toMatch(/元|\bfen\b/);
    const zh = await app.inject({
      method: 'GET',
      url: `/api/vending/entries/${next.id}/receipt`,
      headers: { ...cashier.headers, 'accept-language': 'zh-CN' },
    });
    expect(zh.body).toContain('写卡电量 = (购电量 300.000 kWh + 找补电量 12.000 kWh) ÷ 电表倍率 1 = 312 kWh');
  });

  it('moves the account to a new meter and carries an overdrawn old meter as −12 kWh (001 FAQ 8)', async () => {
    const account = await openAccount();
    const first = (
      await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 's1',
        by: 'energy',
        energyWh: 100_000,
        card: image({ kind: 'blank' }),
      })
    ).json<{ details: { card: CardData } }>();
    const newMeter = await call(admin, 'POST', '/api/meters', {
      factoryNo: fresh('F'),
      commAddress: String(800_000 + n++).padStart(12, '0'),
      meterTypeId: jbtTypeId,
      areaId,
    });
    const newMeterId = newMeter.json<{ id: number }>().id;
    const swap = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/meter-replacement`, {
      requestId: 'm1',
      newMeterId,
      oldRemainingWh: -12_000,
      reason: 'display broken; the old meter had run 12 kWh past zero',
    });
    expect(swap.statusCode, swap.body).toBe(201);
    expect(swap.json()).toMatchObject({ kind: 'adjustment', adjustmentWh: -12_000, meterId: newMeterId });
    const summary = await call(cashier, 'GET', `/api/vending/accounts/${account.id}`);
    expect(summary.json()).toMatchObject({
      meter: { id: newMeterId },
      balance: { purchaseCount: 0, pendingAdjustmentWh: -12_000 },
    });
    // The customer keeps the card of the old meter; the next sale writes the new meter's number on it.
    const next = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 's2',
      by: 'energy',
      energyWh: 300_000,
      card: inserted(first.details.card),
    });
    // "下次用户购电300度，写卡电量为300+（-12）=288度"
    expect(next.json()).toMatchObject({
      writeKwh: 288,
      purchaseCount: 1,
      details: { card: { meterNo: newMeter.json<{ factoryNo: string }>().factoryNo, purchaseCount: 1 } },
    });
  });

  it('refuses what the meter would refuse: the JB/T 8382 minimum, the hoarding limit, a lost card', async () => {
    const account = await openAccount();
    const small = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 's0',
      by: 'energy',
      energyWh: 11_000,
      card: image({ kind: 'blank' }),
    });
    expect(small.json()).toMatchObject({
      code: 'BELOW_MINIMUM_WRITE',
      details: { writeKwh: 11, minimumKwh: 12 },
    });
    const first = (
      await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 's1',
        by: 'energy',
        energyWh: 100_000,
        card: image({ kind: 'blank' }),
      })
    ).json<{ details: { card: CardData } }>();
    const hoarding = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 's2',
      by: 'energy',
      energyWh: 450_000,
      card: image({
        ...first.details.card,
        loaded: true,
        meterData: { remainingKwh: 100, totalKwh: 0, purchaseCount: 1, statusWord: 0 },
      }),
    });
    expect(hoarding.json()).toMatchObject({ code: 'HOARDING_LIMIT', details: { mostKwh: 400 } });

    const replaced = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/card-replacement`, {
      requestId: 'replace-1',
      reason: 'lost',
    });
    expect(replaced.json()).toMatchObject({ card: { cardSerial: 2, purchaseCount: 1, purchaseKwh: 100 } });
    const oldCard = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 's3',
      by: 'energy',
      energyWh: 20_000,
      card: inserted(first.details.card),
    });
    expect(oldCard.json()).toMatchObject({ code: 'CARD_REPLACED' });
  });

  it("counts a purchase as loaded only when the meter's written-back data shows it (issue 22 item 3)", async () => {
    const account = await openAccount();
    const sell = (requestId: string, card: object) =>
      call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId,
        by: 'energy',
        energyWh: 100_000,
        card,
      });
    const first = (await sell('l-1', image({ kind: 'blank' }))).json<{ details: { card: CardData } }>();
    expect(first.details.card).toMatchObject({ purchaseCount: 1, loaded: false, meterData: null });
    // The image edited to say "loaded" with nothing the meter wrote: the meter does not hold purchase 1.
    const edited = await sell('l-2', image({ ...first.details.card, loaded: true, meterData: null }));
    expect(edited.statusCode, edited.body).toBe(409);
    expect(edited.json()).toMatchObject({ code: 'CARD_NOT_LOADED', details: { purchaseCount: 1 } });
    // Data of the purchase before (or of another count) does not show this one either.
    const stale = await sell(
      'l-3',
      image({
        ...first.details.card,
        loaded: true,
        meterData: { remainingKwh: 0, totalKwh: 0, purchaseCount: 0, statusWord: 0 },
      }),
    );
    expect(stale.json()).toMatchObject({ code: 'CARD_NOT_LOADED' });
    // As the meter gives it back, it buys; the new card keeps the meter's last word until inserted again.
    const real = await sell('l-4', inserted(first.details.card));
    expect(real.statusCode, real.body).toBe(201);
    expect(real.json()).toMatchObject({
      purchaseCount: 2,
      details: { card: { purchaseCount: 2, loaded: false, meterData: { purchaseCount: 1 } } },
    });
  });

  it('replaces a card once per request id: a repeated request answers the same card, not a further serial', async () => {
    const account = await openAccount();
    const sold = (
      await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 'r-sale',
        by: 'energy',
        energyWh: 100_000,
        card: image({ kind: 'blank' }),
      })
    ).json<{ details: { card: CardData } }>();
    const replace = (requestId: string, reason = 'lost') =>
      call(cashier, 'POST', `/api/vending/accounts/${account.id}/card-replacement`, { requestId, reason });
    const first = await replace('replace-a');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ replayed: false, card: { cardSerial: 2, purchaseCount: 1 } });
    const twins = await Promise.all([replace('replace-a'), replace('replace-a')]);
    for (const twin of twins) {
      expect(twin.statusCode, twin.body).toBe(200);
      expect(twin.json()).toEqual({ ...first.json<object>(), replayed: true });
    }
    expect((await replace('replace-a', 'stolen')).json()).toMatchObject({ code: 'REQUEST_ID_REUSED' });
    // The card written from the first answer is the account's card: it buys.
    const fromFirst = first.json<{ card: CardData }>().card;
    const next = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 'r-sale-2',
      by: 'energy',
      energyWh: 20_000,
      card: image({
        ...fromFirst,
        loaded: true,
        meterData: { remainingKwh: 100, totalKwh: 0, purchaseCount: 1, statusWord: 0 },
      }),
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(sold.details.card.cardSerial).toBe(1);
    // A new request is a new replacement.
    expect((await replace('replace-b')).json()).toMatchObject({ card: { cardSerial: 3 } });
  });

  it("reports the day's sales by cashier and by area, and exports them to .xlsx", async () => {
    const report = await call(finance, 'GET', '/api/vending/reports/sales?from=2026-11-22&to=2026-11-22');
    expect(report.statusCode, report.body).toBe(200);
    const body = report.json<{
      byCashier: { key: string; kind: string; amountFen: number }[];
      totals: unknown[];
    }>();
    expect(
      body.byCashier.find((g) => g.key === cashier.username && g.kind === 'sale')?.amountFen,
    ).toBeGreaterThan(0);
    expect(body.totals).toContainEqual(expect.objectContaining({ kind: 'refund' }));
    const none = await call(finance, 'GET', '/api/vending/reports/sales?from=2026-11-23&to=2026-11-30');
    expect(none.json()).toMatchObject({ byCashier: [], byArea: [], totals: [] });
    const xlsx = await call(
      finance,
      'GET',
      '/api/vending/reports/sales?from=2026-11-01&to=2026-11-30&format=xlsx',
    );
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const backwards = await call(finance, 'GET', '/api/vending/reports/sales?from=2026-11-30&to=2026-11-01');
    expect(backwards.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("reconciles the day's invoices with the ledger: none missing, cancelled ones voided", async () => {
    const close = await call(
      finance,
      'GET',
      '/api/vending/reports/reconciliation?from=2026-11-22&to=2026-11-22',
    );
    expect(close.statusCode, close.body).toBe(200);
    const body = close.json<{
      invoices: { count: number; missing: string[]; voided: string[]; last: string };
      lastInvoiceNumber: number;
      cashiers: { cashier: string; salesFen: number; cancelsFen: number; netFen: number }[];
    }>();
    expect(body.invoices.count).toBeGreaterThan(5);
    expect(body.invoices.missing).toEqual([]);
    expect(body.invoices.voided).toHaveLength(1); // the sale cancelled earlier in this file
    expect(body.lastInvoiceNumber).toBeGreaterThanOrEqual(Number(body.invoices.last));
    const mine = body.cashiers.find((c) => c.cashier === cashier.username);
    expect(mine?.cancelsFen).toBeGreaterThan(0);
    expect(mine?.netFen).toBe((mine?.salesFen ?? 0) - (mine?.cancelsFen ?? 0));
  });

  it("sells at the price type's own price until its first tariff version takes effect", async () => {
    const ownPrice = (
      await call(admin, 'POST', '/api/price-types', {
        code: fresh('P'),
        name: '新电价',
        unitPriceMilliFenPerKwh: 60_000,
      })
    ).json<{ id: number }>().id;
    const future = await call(admin, 'POST', `/api/price-types/${ownPrice}/tariffs`, {
      effectiveFrom: harnessNow + 86_400_000,
      tariff: { kind: 'flat', priceE4FenPerKwh: 1_000_000 },
    });
    expect(future.statusCode).toBe(201);
    const past = await call(admin, 'POST', `/api/price-types/${ownPrice}/tariffs`, {
      effectiveFrom: harnessNow - 1,
      tariff: { kind: 'flat', priceE4FenPerKwh: 1_000_000 },
    });
    expect(past.json()).toMatchObject({ code: 'BAD_TARIFF' });
    const account = await openAccount();
    await call(admin, 'PATCH', `/api/accounts/${account.id}`, { priceTypeId: ownPrice });
    const quote = await call(
      cashier,
      'GET',
      `/api/vending/accounts/${account.id}/quote?by=energy&energyWh=100000`,
    );
    // 60 fen/kWh, the unit price, not the 100 fen/kWh of tomorrow's version.
    expect(quote.json()).toMatchObject({ amountFen: 6000, tariffKind: 'flat' });
  });

  it('charges a remote account for metered use, trips at zero and closes on a top-up (002)', async () => {
    const account = await openAccount('remote');
    const byEnergy = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 't0',
      by: 'energy',
      energyWh: 1000,
    });
    expect(byEnergy.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const topUp = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 't1',
      by: 'money',
      amountFen: 10_000,
    });
    expect(topUp.json()).toMatchObject({ amountFen: 10_000, energyWh: 0, remote: { balanceFen: 10_000 } });

    const meterId = (await call(cashier, 'GET', `/api/vending/accounts/${account.id}`)).json<{
      meter: { id: number };
    }>().meter.id;
    const reading = (minutes: number, kwh: number) => ({
      meterId,
      readAt: harnessNow + minutes * 60_000,
      activeImportWh: kwh * 1000,
      tariff3Wh: kwh * 1000,
      receivedAt: harnessNow + minutes * 60_000,
    });
    const charge = () => call(admin, 'POST', `/api/vending/accounts/${account.id}/charge`);
    expect((await charge()).json()).toEqual({ entry: null, remote: null });
    await context.store.readings.insertEnergy([reading(10, 1000), reading(70, 1100)]);
    // 100 kWh in the first tier: 100 × 48.83 = 4883 fen; the alarm level is 10 kWh's worth, 488 fen.
    const first = await charge();
    expect(first.json()).toMatchObject({
      entry: { kind: 'charge', amountFen: -4883, energyWh: -100_000, tierCycle: '2026', replayed: false },
      remote: { balanceFen: 5117, alarmFen: 488, action: 'none' },
    });
    expect((await charge()).json()).toMatchObject({ entry: { replayed: true }, remote: { action: 'none' } });

    await context.store.readings.insertEnergy([reading(130, 1210)]);
    const second = await charge();
    expect(second.json()).toMatchObject({
      entry: { amountFen: -5371, energyWh: -110_000 },
      remote: { balanceFen: -254, action: 'trip' },
    });
    const back = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 't2',
      by: 'money',
      amountFen: 1000,
    });
    expect(back.json()).toMatchObject({ remote: { balanceFen: 746, action: 'close' } });

    await context.store.readings.insertEnergy([{ ...reading(190, 1000), tariff3Wh: 1_000_000 }]);
    expect((await charge()).json()).toMatchObject({
      code: 'READING_WENT_BACK',
      details: { register: 'total' },
    });
    const statement = await call(finance, 'GET', `/api/vending/accounts/${account.id}`);
    expect(statement.json()).toMatchObject({
      balance: { balanceFen: 746, netPaidFen: 11_000, consumedFen: 10_254, consumedWh: 210_000 },
    });
  });

  it('sells once when fifty copies of one sale arrive at once', async () => {
    const account = await openAccount('remote');
    const body = { requestId: 'burst', by: 'money', amountFen: 5000 };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, body),
      ),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(49);
    expect(new Set(responses.map((r) => r.json<{ id: number }>().id)).size).toBe(1);
    const summary = await call(cashier, 'GET', `/api/vending/accounts/${account.id}`);
    expect(summary.json()).toMatchObject({ balance: { entries: 1, netPaidFen: 5000 } });
  });
});
