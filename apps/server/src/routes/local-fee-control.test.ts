// Local fee control end to end (002; Q/GDW 1365 money-type meters): the cashier sells by money, the sale's
// top-up goes to the simulated meter over TCP (开户 first, 充值 after) through the collector and its security
// module, confirmed from the meter's purchase records; a repeated sale sends nothing again; a failed top-up
// is sent again under the same purchase count; cancel and refund are refused, the money being in the meter.
import { Collector, SoftSecurityModule } from '@openami/headend';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, SIM_TEST_ESAM_KEY, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeeControlAccount } from '../../test/fee-control-account.ts';
import { type Actor, signIn } from '../../test/harness.ts';
import { type App, buildApp } from '../app.ts';

const ADDRESS = '000000000201';

describe('local fee control', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let app: App;
  let cashier: Actor;
  let accountId: number;

  beforeAll(async () => {
    const basePort = await freeBasePort(1);
    field = await startField({
      start: '2026-11-22T10:00:00+08:00',
      terminals: [
        {
          id: 'T1',
          model: 'DH601',
          basePort,
          ports: [
            { baud: 9600, meters: [{ address: ADDRESS, moneyPrepaid: { hoardingLimitFen: 200_000 } }] },
          ],
        },
      ],
    });
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const stored = await storeField(store, field, { basePort, ports: 1, baud: 9600, stockedInAt: 0 });
    accountId = await openFeeControlAccount(store, {
      meterId: stored.meterIds[0] as number,
      areaId: stored.area.id,
      mode: 'local',
      accountNo: 'L1',
      customerName: '王五',
      unit: '3-502',
      phones: ['13800000002'],
    });
    collector = new Collector(store, {
      now: () => field.clock.now(),
      bus: { responseDelayBudgetMs: 200 },
      security: new SoftSecurityModule(SIM_TEST_ESAM_KEY),
    });
    await collector.start(false);
    app = await buildApp({
      checkResponses: true,
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      loginRateLimit: 1000,
      field: collector,
    });
    cashier = await signIn(app, store, 'cashier', 'all');
  });

  afterAll(async () => {
    await app.close();
    await collector.stop();
    await store.close();
    await field.stop();
  });

  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: cashier.headers, payload });
  const sell = (requestId: string, amountFen: number) =>
    post(`/api/vending/accounts/${accountId}/sales`, { requestId, by: 'money', amountFen });

  it('writes each sale to the meter: 开户, then 充值, confirmed, and a repeated sale sends nothing', async () => {
    const first = await sell('local-0001', 10_000);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      purchaseCount: 1,
      amountFen: 10_000,
      delivery: {
        state: 'sent',
        command: { kind: 'top-up', state: 'confirmed', requestId: expect.any(String) },
      },
    });
    const second = await sell('local-0002', 2_500);
    expect(second.json()).toMatchObject({ purchaseCount: 2, delivery: { command: { state: 'confirmed' } } });
    const meter = field.meter(ADDRESS).moneyPrepaid;
    expect(meter?.purchaseCount).toBe(2);
    expect(meter?.totalPurchasedFen).toBe(12_500);
    expect(meter?.customerNumber).toBe(String(accountId).padStart(12, '0'));
    const again = await sell('local-0002', 2_500);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, delivery: { command: { state: 'confirmed' } } });
    expect(meter?.totalPurchasedFen).toBe(12_500);
    // Energy is not what a local account buys: the meter prices its own use.
    const byEnergy = await post(`/api/vending/accounts/${accountId}/sales`, {
      requestId: 'local-x',
      by: 'energy',
      energyWh: 1_000,
    });
    expect(byEnergy.statusCode).toBe(400);
    expect(byEnergy.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('sends a failed top-up again under the same count, and never credits twice', async () => {
    field.setFaults({ meter: ADDRESS }, { dead: true });
    const sold = await sell('local-0003', 1_000);
    expect(sold.statusCode).toBe(201);
    const sale = sold.json() as {
      id: number;
      purchaseCount: number;
      delivery: { command: { state: string; reason: string; reasonCode: string; reasonParams: unknown } };
    };
    expect(sale.purchaseCount).toBe(3);
    expect(sale.delivery.command.state).toBe('failed');
    expect(sale.delivery.command.reason).toMatch(/no reply|answer|offline|timed out/i);
    // The cashier's screen words the code; the text stays for logs and older clients.
    expect(sale.delivery.command).toMatchObject({
      reasonCode: expect.stringMatching(/^(timeout|offline)$/),
      reasonParams: {},
    });
    field.setFaults({ meter: ADDRESS }, undefined);
    const resent = await post(`/api/vending/entries/${sale.id}/top-up`, { requestId: 'resend-1' });
    expect(resent.statusCode, resent.body).toBe(202);
    expect(resent.json()).toMatchObject({ delivery: { state: 'sent', command: { state: 'confirmed' } } });
    const twice = await post(`/api/vending/entries/${sale.id}/top-up`, { requestId: 'resend-2' });
    expect(twice.json()).toMatchObject({ delivery: { command: { state: 'confirmed' } } });
    expect(field.meter(ADDRESS).moneyPrepaid?.totalPurchasedFen).toBe(13_500);
    expect(field.meter(ADDRESS).moneyPrepaid?.purchaseCount).toBe(3);
  });

  it('leaves the top-up pending for the collector of another process, which sends and confirms it', async () => {
    // An API without a collector of its own, on the same store: `openami serve` beside `openami collector`.
    const apiOnly = await buildApp({
      checkResponses: true,
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      loginRateLimit: 1000,
    });
    try {
      const cashierThere = await signIn(apiOnly, store, 'cashier', 'all');
      const sold = await apiOnly.inject({
        method: 'POST',
        url: `/api/vending/accounts/${accountId}/sales`,
        headers: cashierThere.headers,
        payload: { requestId: 'local-remote-process', by: 'money', amountFen: 800 },
      });
      expect(sold.statusCode, sold.body).toBe(201);
      const sale = sold.json() as {
        purchaseCount: number;
        delivery: { state: string; command: { id: number; state: string } };
      };
      expect(sale.delivery).toMatchObject({ state: 'sent', command: { state: 'pending' } });
      let state = 'pending';
      for (let i = 0; i < 100 && state !== 'confirmed' && state !== 'failed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = (await store.collection.getCommand(sale.delivery.command.id))?.state ?? '';
      }
      expect(state).toBe('confirmed');
      expect(field.meter(ADDRESS).moneyPrepaid?.purchaseCount).toBe(sale.purchaseCount);
    } finally {
      await apiOnly.close();
    }
  });

  it('refuses to cancel or refund: the money is in the meter', async () => {
    const sale = (await sell('local-0004', 500)).json() as { id: number };
    const cancel = await post(`/api/vending/entries/${sale.id}/cancel`, {
      requestId: 'c-1',
      reason: 'mistake',
    });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json()).toMatchObject({ code: 'LOCAL_TOP_UP_FINAL' });
    const finance = await signIn(app, store, 'administrator', 'all');
    const refund = await app.inject({
      method: 'POST',
      url: `/api/vending/accounts/${accountId}/refunds`,
      headers: finance.headers,
      payload: { requestId: 'r-1', amountFen: 100, energyWh: 0, reason: 'closing' },
    });
    expect(refund.json()).toMatchObject({ code: 'LOCAL_TOP_UP_FINAL' });
  });
});
