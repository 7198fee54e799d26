// A local fee-control top-up the meter does not take (issue 22 item 2), through the simulated meter over TCP
// on both engines: the sale is checked against the meter's hoarding limit and balance before money is taken;
// a top-up the meter refused leaves its money on the account, said so, and the sale can be cancelled; no new
// sale goes on while a top-up is not in the meter; a top-up the meter did not answer is sent again, not
// cancelled; one the meter confirmed stays final.
import { Collector, SoftSecurityModule } from '@openami/headend';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, SIM_TEST_ESAM_KEY, startField } from '@openami/sim';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openFeeControlAccount } from '../../test/fee-control-account.ts';
import { type Actor, signIn } from '../../test/harness.ts';
import { type App, buildApp } from '../app.ts';

const ADDRESS = '000000000202';
const config = { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false as const };

describeEachEngine('local fee control: money the meter did not take', (context) => {
  let field: Field;
  let collector: Collector;
  let app: App;
  /** An API without a collector of its own on the same store (`openami serve` beside `openami collector`). */
  let apiOnly: App;
  let cashier: Actor;
  let cashierThere: Actor;
  let finance: Actor;
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
          ports: [{ baud: 9600, meters: [{ address: ADDRESS, moneyPrepaid: { hoardingLimitFen: 20_000 } }] }],
        },
      ],
    });
    const store = context.store;
    const stored = await storeField(store, field, { basePort, ports: 1, baud: 9600, stockedInAt: 0 });
    accountId = await openFeeControlAccount(store, {
      meterId: stored.meterIds[0] as number,
      areaId: stored.area.id,
      mode: 'local',
      accountNo: 'L2',
      customerName: '赵六',
      unit: '5-101',
    });
    collector = new Collector(store, {
      now: () => field.clock.now(),
      bus: { responseDelayBudgetMs: 200 },
      security: new SoftSecurityModule(SIM_TEST_ESAM_KEY),
      commandPollMs: 100,
    });
    await collector.start(false);
    app = await buildApp({ checkResponses: true, store, config, loginRateLimit: 1000, field: collector });
    apiOnly = await buildApp({ checkResponses: true, store, config, loginRateLimit: 1000 });
    cashier = await signIn(app, store, 'cashier', 'all');
    cashierThere = await signIn(apiOnly, store, 'cashier', 'all');
    finance = await signIn(app, store, 'administrator', 'all');
  });

  afterAll(async () => {
    await apiOnly?.close();
    await app?.close();
    await collector?.stop();
    await field?.stop();
  });

  const post = (on: App, actor: Actor, url: string, payload: object) =>
    on.inject({ method: 'POST', url, headers: actor.headers, payload });
  const sell = (requestId: string, amountFen: number, on = app, actor = cashier) =>
    post(on, actor, `/api/vending/accounts/${accountId}/sales`, { requestId, by: 'money', amountFen });
  const cancel = (entryId: number, requestId: string) =>
    post(app, cashier, `/api/vending/entries/${entryId}/cancel`, { requestId, reason: 'not delivered' });
  const refund = (requestId: string) =>
    post(app, finance, `/api/vending/accounts/${accountId}/refunds`, {
      requestId,
      amountFen: 100,
      energyWh: 0,
      reason: 'closing',
    });
  const entries = async () =>
    (
      await app.inject({
        method: 'GET',
        url: `/api/vending/accounts/${accountId}/entries`,
        headers: cashier.headers,
      })
    ).json<{ items: { kind: string }[] }>().items;
  const settled = async (commandId: number) => {
    let state = 'pending';
    for (let i = 0; i < 150 && state !== 'confirmed' && state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await context.store.collection.getCommand(commandId))?.state ?? '';
    }
    return state;
  };
  const meter = () => field.meter(ADDRESS).moneyPrepaid;

  it('checks the hoarding limit and balance the meter shows before any money is taken', async () => {
    const first = await sell('d-1', 15_000);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      purchaseCount: 1,
      delivery: { state: 'sent', money: 'in-meter', command: { state: 'confirmed' } },
    });
    const over = await sell('d-2', 10_000);
    expect(over.statusCode, over.body).toBe(422);
    expect(over.json()).toMatchObject({
      code: 'LOCAL_HOARDING_LIMIT',
      details: { amountFen: 10_000, limitFen: 20_000, limitYuan: '200.00' },
    });
    // Nothing recorded, no invoice taken: the customer keeps the money.
    expect((await entries()).filter((e) => e.kind === 'sale')).toHaveLength(1);
    expect(meter()?.purchaseCount).toBe(1);
    // The same request again after the meter took it answers the first sale, whatever the meter holds now.
    expect((await sell('d-1', 15_000)).json()).toMatchObject({
      replayed: true,
      delivery: { money: 'in-meter' },
    });
  });

  it('lets a top-up the meter refused be cancelled, and sells nothing behind it meanwhile', async () => {
    // Sold where no collector can read the meter first: its collector sends it, and the meter refuses it.
    const sold = await sell('d-3', 10_000, apiOnly, cashierThere);
    expect(sold.statusCode, sold.body).toBe(201);
    const sale = sold.json<{
      id: number;
      purchaseCount: number;
      delivery: { money: string; command: { id: number } };
    }>();
    expect(sale.purchaseCount).toBe(2);
    expect(sale.delivery.money).toBe('being-written');
    expect(await settled(sale.delivery.command.id)).toBe('failed');
    const command = await context.store.collection.getCommand(sale.delivery.command.id);
    expect(command).toMatchObject({ reasonCode: 'security-refused' });
    expect(command?.reason).toMatch(/hoarding/i);
    expect(meter()?.purchaseCount).toBe(1);

    // The cashier is told where the money is: not in the meter. Sending it again says the same.
    const resent = await post(app, cashier, `/api/vending/entries/${sale.id}/top-up`, {
      requestId: 'again-1',
    });
    expect(resent.json()).toMatchObject({ delivery: { money: 'not-taken', command: { state: 'failed' } } });

    // The account says so too, for the counter that opens it later.
    const summary = await app.inject({
      method: 'GET',
      url: `/api/vending/accounts/${accountId}`,
      headers: cashier.headers,
    });
    expect(summary.json()).toMatchObject({ lastSale: { id: sale.id }, lastTopUp: 'not-taken' });

    // No sale behind it: the meter would refuse its count too.
    const behind = await sell('d-4', 1_000);
    expect(behind.statusCode).toBe(409);
    expect(behind.json()).toMatchObject({
      code: 'LOCAL_TOP_UP_UNDELIVERED',
      details: { entryId: sale.id, money: 'not-taken' },
    });
    // A refund is not the way: the words name the sale to cancel.
    expect((await refund('r-1')).json()).toMatchObject({
      code: 'LOCAL_TOP_UP_NOT_TAKEN',
      details: { entryId: sale.id },
    });

    const cancelled = await cancel(sale.id, 'c-1');
    expect(cancelled.statusCode, cancelled.body).toBe(201);
    expect(cancelled.json()).toMatchObject({ kind: 'cancel', refersToId: sale.id, amountFen: -10_000 });
    // Its top-up never goes out again.
    const late = await post(app, cashier, `/api/vending/entries/${sale.id}/top-up`, { requestId: 'again-2' });
    expect(late.json()).toMatchObject({ code: 'LOCAL_SALE_CANCELLED' });

    // The next sale takes the count the meter expects, and the meter takes it.
    const next = await sell('d-5', 2_000);
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ purchaseCount: 2, delivery: { money: 'in-meter' } });
    expect(meter()?.purchaseCount).toBe(2);
    expect(meter()?.totalPurchasedFen).toBe(17_000);
    const after = await app.inject({
      method: 'GET',
      url: `/api/vending/accounts/${accountId}`,
      headers: cashier.headers,
    });
    expect(after.json()).toMatchObject({ lastTopUp: 'in-meter' });
    const final = await cancel(next.json<{ id: number }>().id, 'c-2');
    expect(final.statusCode).toBe(409);
    expect(final.json()).toMatchObject({ code: 'LOCAL_TOP_UP_FINAL' });
  });

  it('does not cancel a top-up the meter did not answer: it is sent again, and the meter decides', async () => {
    field.setFaults({ meter: ADDRESS }, { dead: true });
    const sold = await sell('d-6', 500);
    expect(sold.statusCode, sold.body).toBe(201);
    const sale = sold.json<{ id: number; delivery: { money: string; command: { state: string } } }>();
    expect(sale.delivery).toMatchObject({ money: 'unknown', command: { state: 'failed' } });
    expect((await cancel(sale.id, 'c-3')).json()).toMatchObject({
      code: 'LOCAL_TOP_UP_UNCERTAIN',
      details: { entryId: sale.id },
    });
    expect((await sell('d-7', 500)).json()).toMatchObject({
      code: 'LOCAL_TOP_UP_UNDELIVERED',
      details: { money: 'unknown' },
    });
    field.setFaults({ meter: ADDRESS }, undefined);
    const resent = await post(app, cashier, `/api/vending/entries/${sale.id}/top-up`, {
      requestId: 'again-3',
    });
    expect(resent.json()).toMatchObject({ delivery: { money: 'in-meter', command: { state: 'confirmed' } } });
    expect(meter()?.purchaseCount).toBe(3);
    expect((await sell('d-7', 500)).statusCode).toBe(201);
  });
});
