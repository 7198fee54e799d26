// Remote fee control end to end (002, and the low-balance → tripped → topped-up → closed cycle): a
// remote account's meter on the simulator, read by the collector at 3 600× time; each stored reading is
// charged at the tariff; at zero the relay is tripped over the wire and confirmed; the cashier's top-up
// closes it again; the balance alarms follow.
import { AlarmEngine } from '@openami/alarms';
import { Collector, ITEM_GROUPS } from '@openami/headend';
import { freeBasePort, readPlan, storeField } from '@openami/headend/testing';
import { type Field, generateField, runScenario, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeeControlAccount } from '../../test/fee-control-account.ts';
import { type Actor, signIn } from '../../test/harness.ts';
import { type App, buildApp } from '../app.ts';

const energyPlan = readPlan('energy-now', ITEM_GROUPS.energy, 60);

describe('remote fee control', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let app: App;
  let cashier: Actor;
  let address: string;
  let meterId: number;
  let accountId: number;

  beforeAll(async () => {
    const basePort = await freeBasePort(1);
    field = await startField(
      generateField({
        terminals: 1,
        ports: 1,
        metersPerPort: 6,
        seed: 4,
        baud: 9600,
        basePort,
        timeFactor: 3600,
      }),
    );
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const stored = await storeField(store, field, { basePort, ports: 1, baud: 9600, stockedInAt: 0 });
    // A meter without local fee control of its own: the station keeps its balance.
    address = field.addresses().find((a) => field.meter(a).prepaid === undefined) as string;
    expect(address).toBeDefined();
    meterId = stored.meterIds[field.addresses().indexOf(address)] as number;
    accountId = await openFeeControlAccount(store, {
      meterId,
      areaId: stored.area.id,
      mode: 'remote',
      accountNo: 'R1',
      customerName: '李四',
      unit: '2-301',
      phones: ['13800000001'],
    });
    const alarms = new AlarmEngine(store);
    collector = new Collector(store, {
      // The station's clock is the field's: a command's validity time is in the meter's own time.
      now: () => field.clock.now(),
      bus: { responseDelayBudgetMs: 200 },
      observer: alarms,
      credentials: { passwordLevel: 2, password: '123456', operatorCode: '00000001' },
    });
    await collector.start(false);
    app = await buildApp({
      checkResponses: true,
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      loginRateLimit: 1000,
      field: collector,
      alarms,
    });
    cashier = await signIn(app, store, 'cashier', 'all');
  });

  afterAll(async () => {
    await app.close();
    await collector.stop();
    await store.close();
    await field.stop();
  });

  const sell = (requestId: string, amountFen: number) =>
    app.inject({
      method: 'POST',
      url: `/api/vending/accounts/${accountId}/sales`,
      headers: cashier.headers,
      payload: { requestId, by: 'money', amountFen },
    });
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('timed out');
  };

  it('charges each reading, trips at zero over the wire, and closes on a top-up', async () => {
    expect((await sell('topup-0001', 300)).statusCode).toBe(201);
    // 10 kW at 3 600× time: 10 kWh (500 fen) a real second.
    runScenario(field, address, { kind: 'load', watts: 10_000 });
    await collector.runPlan(energyPlan);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await collector.runPlan(energyPlan);
    await until(async () =>
      (await store.collection.commandsOfMeter(meterId, 5)).some((c) => c.state === 'confirmed'),
    );
    const [trip] = await store.collection.commandsOfMeter(meterId, 5);
    expect(trip).toMatchObject({
      kind: 'relay-trip',
      state: 'confirmed',
      requestId: expect.stringMatching(/^remote-trip-/),
    });
    expect(field.meter(address).relayOpen).toBe(true);
    const summary = await app.inject({
      method: 'GET',
      url: `/api/vending/accounts/${accountId}`,
      headers: cashier.headers,
    });
    expect(summary.statusCode).toBe(200);
    expect(
      await store.alarms.open({ kind: 'balance-exhausted', objectType: 'meter', objectId: String(meterId) }),
    ).toMatchObject({
      state: 'raised',
    });

    const topUp = await sell('topup-0002', 100_000);
    expect(topUp.statusCode, topUp.body).toBe(201);
    expect(topUp.json()).toMatchObject({
      remote: { action: 'close' },
      command: { kind: 'relay-close', state: 'confirmed' },
    });
    expect(field.meter(address).relayOpen).toBe(false);
    // The same sale again sells nothing and sends nothing.
    const again = await sell('topup-0002', 100_000);
    expect(again.statusCode).toBe(200);
    // The first top-up (from nothing) closed, the charge tripped, the second top-up closed: three commands.
    const commands = await store.collection.commandsOfMeter(meterId, 10);
    expect(commands.map((c) => [c.kind, c.state])).toEqual([
      ['relay-close', 'confirmed'],
      ['relay-trip', 'confirmed'],
      ['relay-close', 'confirmed'],
    ]);
    // Paying back all that is left takes the balance to zero: the relay trips as after a charge.
    const left = (await store.ledger.totals(accountId)).amountFen;
    const finance = await signIn(app, store, 'finance', 'all');
    const refund = await app.inject({
      method: 'POST',
      url: `/api/vending/accounts/${accountId}/refunds`,
      headers: finance.headers,
      payload: { requestId: 'refund-all-1', amountFen: left, energyWh: 0, reason: '销户退费' },
    });
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json()).toMatchObject({
      remote: { action: 'trip', balanceFen: 0 },
      command: { kind: 'relay-trip', state: 'confirmed' },
    });
    expect(field.meter(address).relayOpen).toBe(true);
    const audit = await store.audit.list(
      { entity: 'meter', entityId: String(meterId) },
      { sort: 'id', direction: 'asc', limit: 20, offset: 0 },
    );
    expect(audit.items.filter((a) => a.action === 'meter.command.confirmed')).toHaveLength(4);
  });
});
