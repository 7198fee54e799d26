// The meter page's account section: the open account of a meter, to whoever may read the meter, with its
// money only for those who may read the vending ledger, and nothing outside the caller's areas.
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../test/harness.ts';
import { vendingApi } from '../../test/vending-api.ts';

describeEachEngine('a meter’s open account through the API', (context) => {
  let api: Awaited<ReturnType<typeof vendingApi>>;
  let viewer: Actor;
  let finance: Actor;

  beforeAll(async () => {
    api = await vendingApi(context.store, 'ma');
    viewer = await api.signIn('viewer');
    finance = await api.signIn('finance');
  });
  afterAll(() => api.app.close());

  /** A remote account on a new meter, topped up with 88.00 yuan. */
  async function remoteAccount() {
    const meter = await api.stockMeter();
    const customer = await api.call(api.admin, 'POST', '/api/customers', {
      code: api.fresh('C'),
      name: '赵六',
      unit: '2-301',
      address: '和园 2-301',
      idNumber: '',
      areaId: api.area.id,
    });
    const opened = await api.call(api.cashier, 'POST', '/api/accounts', {
      accountNo: api.fresh('R'),
      customerId: customer.json<{ id: number }>().id,
      meterId: meter.id,
      priceTypeId: api.priceTypeId,
      prepaidMode: 'remote',
      alarmEnergyWh: 10_000,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const account = opened.json<{ id: number; accountNo: string }>();
    const sale = await api.call(api.cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: api.fresh('t'),
      by: 'money',
      amountFen: 8_800,
    });
    expect(sale.statusCode, sale.body).toBe(201);
    return { meterId: meter.id, account, saleId: sale.json<{ id: number }>().id };
  }

  it('gives a remote account’s ledger balance and last sale to whoever reads the vending ledger', async () => {
    const { meterId, account, saleId } = await remoteAccount();
    for (const actor of [api.cashier, finance]) {
      const response = await api.call(actor, 'GET', `/api/meters/${meterId}/account`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        account: {
          id: account.id,
          accountNo: account.accountNo,
          prepaidMode: 'remote',
          customer: { name: '赵六', unit: '2-301', address: '和园 2-301' },
        },
        amounts: {
          balance: { kind: 'money', source: 'ledger', amountFen: 8_800 },
          netPaidFen: 8_800,
          lastSale: { id: saleId, amountFen: 8_800 },
        },
      });
    }
  });

  it('shows the account without its money to a role that may not read the vending ledger', async () => {
    const { meterId, account } = await remoteAccount();
    const response = await api.call(viewer, 'GET', `/api/meters/${meterId}/account`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ account: { accountNo: string }; amounts: unknown }>();
    expect(body.account.accountNo).toBe(account.accountNo);
    expect(body.amounts).toBeNull();
    expect(response.body).not.toContain('8800');
  });

  it('says what a card meter last reported of its remaining energy, in customer Wh', async () => {
    const account = await api.openAccount();
    await context.store.readings.insertEnergy([
      {
        meterId: account.meterId,
        readAt: 1_000,
        activeImportWh: 5_000,
        remainingEnergyWh: 42_000,
        receivedAt: 1_000,
      },
    ]);
    const response = await api.call(api.cashier, 'GET', `/api/meters/${account.meterId}/account`);
    expect(response.json()).toMatchObject({
      account: { prepaidMode: 'card' },
      amounts: { balance: { kind: 'energy', source: 'meter', energyWh: 42_000, at: 1_000 }, lastSale: null },
    });
  });

  it('answers null for a meter with no open account, and refuses a meter outside the caller’s areas', async () => {
    const meter = await api.stockMeter();
    const none = await api.call(api.cashier, 'GET', `/api/meters/${meter.id}/account`);
    expect(none.json()).toEqual({ account: null, amounts: null });
    const far = await api.outsider('cashier');
    const refused = await api.call(far, 'GET', `/api/meters/${meter.id}/account`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
  });
});
