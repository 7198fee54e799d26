// What the counter tells a cashier (issue 22, items 16 and 20) on both engines: where an account stands in
// the terms of its prepaid mode, a search by phone, a receipt with the amount in capitals and the cashier's
// name, a quote in yuan, and refusals that say what is wrong and what to do.
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

const image = (data: object) => ({ format: 'openami-card/1', cardId: 'C-9', wrongPasswordAttempts: 0, data });

describeEachEngine('the counter’s words through the API', (context) => {
  let app: App;
  let admin: Actor;
  let cashier: Actor;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}${process.pid}w${(n++).toString().padStart(4, '0')}`;
  const call = (
    actor: Actor,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    language: 'en' | 'zh-CN' = 'en',
  ) =>
    app.inject({
      method,
      url,
      headers: { ...actor.headers, 'accept-language': language },
      ...(payload === undefined ? {} : { payload }),
    });
  let areaId: number;
  let priceTypeId: number;
  let meterTypeId: number;

  beforeAll(async () => {
    app = await appFor(context.store);
    admin = await signIn(app, context.store, 'administrator', 'all');
    cashier = await signIn(app, context.store, 'cashier', 'all');
    await context.store.users.update(cashier.userId, { displayName: '收费员张三' }, harnessNow);
    areaId = (
      await call(admin, 'POST', '/api/areas', {
        parentId: null,
        kind: 'community',
        code: fresh('A'),
        name: '小区',
      })
    ).json<{ id: number }>().id;
    meterTypeId = (
      await call(admin, 'POST', '/api/meter-types', {
        code: fresh('MT'),
        name: 'DDSY',
        model: 'DDSY',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      })
    ).json<{ id: number }>().id;
    priceTypeId = (
      await call(admin, 'POST', '/api/price-types', {
        code: fresh('P'),
        name: '居民',
        unitPriceMilliFenPerKwh: 48_830,
      })
    ).json<{ id: number }>().id;
  });
  afterAll(() => app.close());

  async function newMeter() {
    const meter = await call(admin, 'POST', '/api/meters', {
      factoryNo: fresh('F'),
      commAddress: String(600_000 + n++).padStart(12, '0'),
      meterTypeId,
      areaId,
    });
    expect(meter.statusCode, meter.body).toBe(201);
    return meter.json<{ id: number; factoryNo: string }>();
  }

  async function openAccount(mode: 'card' | 'remote' | 'local', phones: string[] = []) {
    const meter = await newMeter();
    const customer = await call(admin, 'POST', '/api/customers', {
      code: fresh('C'),
      name: '欧阳娜娜',
      unit: '3-502',
      address: '和园小区 3 幢 502',
      idNumber: '',
      areaId,
    });
    const account = await call(cashier, 'POST', '/api/accounts', {
      accountNo: fresh('AC'),
      customerId: customer.json<{ id: number }>().id,
      meterId: meter.id,
      priceTypeId,
      prepaidMode: mode,
      alarmEnergyWh: 10_000,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
      phones,
    });
    expect(account.statusCode, account.body).toBe(201);
    return {
      id: account.json<{ id: number; accountNo: string }>().id,
      accountNo: account.json<{ accountNo: string }>().accountNo,
      meter,
    };
  }

  it('shows a card account the energy its meter holds, read when, and the purchases the ledger holds', async () => {
    const account = await openAccount('card');
    const before = await call(cashier, 'GET', `/api/vending/accounts/${account.id}`);
    expect(before.json()).toMatchObject({ remaining: { kind: 'unknown' }, balance: { purchaseCount: 0 } });
    const readAt = harnessNow - 3_600_000;
    await context.store.readings.insertEnergy([
      {
        meterId: account.meter.id,
        readAt,
        activeImportWh: 1_000_000,
        remainingEnergyWh: 228_510,
        receivedAt: readAt,
      },
      // A later read without the prepaid registers does not hide what the meter last said.
      { meterId: account.meter.id, readAt: readAt + 60_000, activeImportWh: 1_000_100, receivedAt: readAt },
    ]);
    const summary = await call(cashier, 'GET', `/api/vending/accounts/${account.id}`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({
      prepaidMode: 'card',
      remaining: { kind: 'energy', source: 'meter', energyWh: 228_510, at: readAt },
      balance: { purchaseCount: 0, boughtWh: 0 },
    });
  });

  it('counts a remote account’s use as use, not as energy bought', async () => {
    const account = await openAccount('remote');
    await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 't1',
      by: 'money',
      amountFen: 10_000,
    });
    const reading = (minutes: number, wh: number) => ({
      meterId: account.meter.id,
      readAt: harnessNow + minutes * 60_000,
      activeImportWh: wh,
      receivedAt: harnessNow + minutes * 60_000,
    });
    await context.store.readings.insertEnergy([reading(10, 1_000_000), reading(70, 1_000_050)]);
    const charged = await call(admin, 'POST', `/api/vending/accounts/${account.id}/charge`);
    expect(charged.json()).toMatchObject({ entry: { kind: 'charge', energyWh: -50 } });
    const summary = await call(cashier, 'GET', `/api/vending/accounts/${account.id}`);
    expect(summary.json()).toMatchObject({
      remaining: { kind: 'money', source: 'ledger', amountFen: 10_000 - 2 },
      balance: { boughtWh: 0, consumedWh: 50, netPaidFen: 10_000 },
    });
  });

  it('finds an account by the phone number on it, whole or by its last digits', async () => {
    const account = await openAccount('remote', ['13493299085']);
    const byPhone = async (q: string) =>
      (await call(cashier, 'GET', `/api/vending/accounts?q=${encodeURIComponent(q)}`)).json<{
        items: { id: number; phones: string[] }[];
      }>().items;
    expect((await byPhone('13493299085')).map((a) => a.id)).toEqual([account.id]);
    expect(await byPhone('1349329')).toContainEqual(
      expect.objectContaining({ id: account.id, phones: ['13493299085'] }),
    );
    expect((await byPhone('9085')).map((a) => a.id)).toContain(account.id);
    expect((await byPhone('134-9329-9085')).map((a) => a.id)).toEqual([account.id]);
    expect((await byPhone('+86 134 9329 9085')).map((a) => a.id)).toEqual([account.id]);
  });

  it('prints a money top-up without an energy line, with the amount in capitals and the cashier by name', async () => {
    const account = await openAccount('remote');
    const sale = (
      await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 'r1',
        by: 'money',
        amountFen: 5_000,
      })
    ).json<{ id: number }>();
    const zh = (await call(cashier, 'GET', `/api/vending/entries/${sale.id}/receipt`, undefined, 'zh-CN'))
      .body;
    expect(zh).toContain('<th>金额（大写）</th><td>人民币伍拾元整</td>');
    expect(zh).toContain('<th>收费员</th><td>收费员张三</td>');
    expect(zh).not.toContain(cashier.username);
    expect(zh).not.toContain('0.000 kWh');
    expect(zh).not.toContain('<th>电量</th>');
    const en = (await call(cashier, 'GET', `/api/vending/entries/${sale.id}/receipt`)).body;
    expect(en).toContain('<th>Amount in capitals (大写)</th><td>人民币伍拾元整</td>');
    const json = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/reprint?format=json`);
    expect(json.json()).toMatchObject({ operatorName: '收费员张三', amountCapitals: '伍拾元整' });
  });

  it('quotes a card sale in yuan, not in fen', async () => {
    const account = await openAccount('card');
    const quote = await call(
      cashier,
      'GET',
      `/api/vending/accounts/${account.id}/quote?by=money&amountFen=10000`,
      undefined,
      'zh-CN',
    );
    expect(quote.statusCode, quote.body).toBe(200);
    const lines = quote.json<{ explanation: string[] }>().explanation;
    // 100 yuan at 0.4883 yuan/kWh buys 204 kWh: 99.6132 yuan exactly, 99.61 rounded.
    expect(lines).toEqual([
      '单一电价: 204.000 kWh × 0.4883 元/kWh = 99.6132 元',
      '合计 204.000 kWh，精确金额 99.6132 元，四舍五入到分：99.61 元',
      // What goes on the card, step by step (issue 22 item 5).
      '写卡电量 = 购电量 204.000 kWh ÷ 电表倍率 1 = 204 kWh',
    ]);
    expect(lines.join('')).not.toContain('分 ');
  });

  it('refuses a blank card for an account that has one, and says what to do', async () => {
    const account = await openAccount('card');
    const first = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 's1',
      by: 'energy',
      energyWh: 100_000,
      card: image({ kind: 'blank' }),
    });
    expect(first.statusCode, first.body).toBe(201);
    const blank = await call(
      cashier,
      'POST',
      `/api/vending/accounts/${account.id}/sales`,
      { requestId: 's2', by: 'energy', energyWh: 100_000, card: image({ kind: 'blank' }) },
      'zh-CN',
    );
    expect(blank.statusCode).toBe(409);
    expect(blank.json()).toMatchObject({
      code: 'BLANK_CARD_ACCOUNT_HAS_CARD',
      message:
        '该户已有购电卡（第 1 张，已购电 1 次），空白卡只用于首次购电；请读用户的购电卡再售电，卡已丢失的请先补卡',
    });

    const swap = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/meter-replacement`, {
      requestId: 'm1',
      newMeterId: (await newMeter()).id,
      oldRemainingWh: 0,
      reason: 'broken display',
    });
    expect(swap.statusCode, swap.body).toBe(201);
    const afterSwap = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 's3',
      by: 'energy',
      energyWh: 100_000,
      card: image({ kind: 'blank' }),
    });
    expect(afterSwap.json()).toMatchObject({
      code: 'BLANK_CARD_AFTER_METER_REPLACEMENT',
      details: { replacedMeterNo: account.meter.factoryNo },
    });
  });

  it('refuses to move an account to a meter in use, removed or its own, naming the meter', async () => {
    const account = await openAccount('card');
    const inUse = await openAccount('card');
    const move = (newMeterId: number, requestId: string) =>
      call(
        cashier,
        'POST',
        `/api/vending/accounts/${account.id}/meter-replacement`,
        { requestId, newMeterId, oldRemainingWh: 0, reason: 'broken' },
        'zh-CN',
      );
    const installed = await move(inUse.meter.id, 'm1');
    expect(installed.statusCode).toBe(409);
    expect(installed.json()).toMatchObject({
      code: 'NEW_METER_INSTALLED',
      message: `电表 ${inUse.meter.factoryNo} 已装表在用，不能作为换上的新表；请选择库存中的电表（或修好的故障表）`,
    });
    expect((await move(account.meter.id, 'm2')).json()).toMatchObject({
      code: 'NEW_METER_SAME',
      details: { accountNo: account.accountNo, meterNo: account.meter.factoryNo },
    });
    const spare = await newMeter();
    expect((await move(spare.id, 'm3')).statusCode).toBe(201);
    const again = await openAccount('card');
    const removed = await call(cashier, 'POST', `/api/vending/accounts/${again.id}/meter-replacement`, {
      requestId: 'm4',
      newMeterId: account.meter.id,
      oldRemainingWh: 0,
      reason: 'broken',
    });
    expect(removed.json()).toMatchObject({
      code: 'NEW_METER_REMOVED',
      details: { meterNo: account.meter.factoryNo },
    });
  });
});
