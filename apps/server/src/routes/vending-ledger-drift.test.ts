import { describeEachEngine } from '@openami/storage/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import { type App, buildApp } from '../app.ts';

// Issue 22 item 1: a kept balance changed by hand must move no money; every figure is the ledger's, the
// difference is alarmed and refused, and an administrator can check and rebuild it.
describeEachEngine('a kept balance that differs from its ledger', (context) => {
  let app: App;
  let admin: Actor;
  let cashier: Actor;
  let finance: Actor;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}${process.pid}d${(n++).toString().padStart(4, '0')}`;
  const call = (actor: Actor, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: actor.headers, ...(payload === undefined ? {} : { payload }) });
  let areaId: number;
  let priceTypeId: number;
  let meterTypeId: number;

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
    meterTypeId = (
      await call(admin, 'POST', '/api/meter-types', {
        code: fresh('MT'),
        name: 'DDSY remote',
        model: 'DDSY',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'none',
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

  /** A remote account topped up with 2 043.19 yuan. */
  async function account() {
    const meter = await call(admin, 'POST', '/api/meters', {
      factoryNo: fresh('F'),
      commAddress: String(800_000 + n++).padStart(12, '0'),
      meterTypeId,
      areaId,
    });
    const customer = await call(admin, 'POST', '/api/customers', {
      code: fresh('C'),
      name: '赵六',
      unit: '',
      address: '2-301',
      idNumber: '',
      areaId,
    });
    const opened = await call(cashier, 'POST', '/api/accounts', {
      accountNo: fresh('AC'),
      customerId: customer.json<{ id: number }>().id,
      meterId: meter.json<{ id: number }>().id,
      priceTypeId,
      prepaidMode: 'remote',
      alarmEnergyWh: 0,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json<{ id: number }>().id;
    const sale = await call(cashier, 'POST', `/api/vending/accounts/${id}/sales`, {
      requestId: 'top-up',
      by: 'money',
      amountFen: 204_319,
    });
    expect(sale.statusCode, sale.body).toBe(201);
    return { id, meterId: meter.json<{ id: number }>().id };
  }

  const refund = (actor: Actor, accountId: number, requestId: string, amountFen: number) =>
    call(actor, 'POST', `/api/vending/accounts/${accountId}/refunds`, {
      requestId,
      amountFen,
      energyWh: 0,
      reason: 'moving out',
    });

  it('shows the ledger, refuses money out BALANCE_DRIFT with an alarm, and is rebuilt by an administrator', async () => {
    const tampered = await account();
    const twin = await account();
    await sql`update account_balances set balance_fen = balance_fen + 10000000 where account_id = ${tampered.id}`.execute(
      context.store.db,
    );

    // The account page shows what the statement adds up to, and says the kept row differs.
    const page = await call(cashier, 'GET', `/api/vending/accounts/${tampered.id}`);
    expect(page.statusCode, page.body).toBe(200);
    const shown = page.json<{ balance: { balanceFen: number; drift: string[] } }>().balance;
    expect(shown.balanceFen).toBe(204_319);
    expect(shown.drift).toContain('balanceFen: entries say 204319, summary says 10204319');
    const twinPage = await call(cashier, 'GET', `/api/vending/accounts/${twin.id}`);
    expect(twinPage.json()).toMatchObject({ balance: { balanceFen: 204_319, drift: [] } });

    // 5 000 yuan out: the twin is refused for its balance, the tampered account for its drift.
    expect((await refund(finance, twin.id, 'r1', 500_000)).json()).toMatchObject({
      code: 'REFUND_EXCEEDS_BALANCE',
    });
    const refused = await refund(finance, tampered.id, 'r1', 500_000);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'BALANCE_DRIFT' });
    expect(refused.json<{ message: string }>().message).toContain('does not match its ledger');
    // Even a refund the ledger would allow waits for an administrator.
    expect((await refund(finance, tampered.id, 'r2', 100)).json()).toMatchObject({ code: 'BALANCE_DRIFT' });
    const alarms = (await context.store.alarms.openAlarms()).filter((a) => a.kind === 'ledger-drift');
    expect(alarms.map((a) => a.objectId)).toEqual([String(tampered.meterId)]);
    expect(alarms[0]?.severity).toBe('critical');
    const trail = async () =>
      (await call(admin, 'GET', `/api/audit?entity=account&entityId=${tampered.id}&limit=100`)).json<{
        items: { action: string; details: { problems?: string[] } }[];
      }>().items;
    expect((await trail()).filter((e) => e.action === 'vending.ledgerDrift')).toHaveLength(2);

    // The administrator's check finds it; others may not run it.
    expect((await call(finance, 'POST', '/api/ledger/check')).statusCode).toBe(403);
    expect((await call(cashier, 'POST', '/api/ledger/rebuild', {})).statusCode).toBe(403);
    const check = await call(admin, 'POST', '/api/ledger/check');
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({
      drifted: [{ accountId: tampered.id, meterId: tampered.meterId, problems: expect.any(Array) }],
      rebuilt: [],
    });

    const rebuilt = await call(admin, 'POST', '/api/ledger/rebuild', { accountId: tampered.id });
    expect(rebuilt.statusCode, rebuilt.body).toBe(200);
    expect(rebuilt.json()).toMatchObject({ drifted: [], rebuilt: [tampered.id] });
    expect((await context.store.alarms.openAlarms()).filter((a) => a.kind === 'ledger-drift')).toEqual([]);
    expect((await context.store.ledger.balances.get(tampered.id))?.balanceFen).toBe(204_319);
    const rebuildAudit = (await trail()).filter((e) => e.action === 'vending.ledgerRebuild');
    expect(rebuildAudit).toHaveLength(1);
    expect(rebuildAudit[0]?.details.problems).toContain(
      'balanceFen: entries say 204319, summary says 10204319',
    );

    // Rebuilt, the account refuses 5 000 yuan like its twin and pays out what it holds.
    expect((await refund(finance, tampered.id, 'r3', 500_000)).json()).toMatchObject({
      code: 'REFUND_EXCEEDS_BALANCE',
    });
    expect((await refund(finance, tampered.id, 'r4', 100)).statusCode).toBe(201);
  });

  it("decides a remote account's trip on its ledger, not on a kept balance raised by hand", async () => {
    const tampered = await account();
    await sql`update account_balances set balance_fen = balance_fen + 10000000 where account_id = ${tampered.id}`.execute(
      context.store.db,
    );
    const reading = (minutes: number, kwh: number) => ({
      meterId: tampered.meterId,
      readAt: harnessNow + minutes * 60_000,
      activeImportWh: kwh * 1000,
      receivedAt: harnessNow + minutes * 60_000,
    });
    // 5 000 kWh at 48.83 fen: 244 150 fen, more than the 204 319 the ledger holds.
    await context.store.readings.insertEnergy([reading(10, 1000), reading(70, 6000)]);
    const charged = await call(admin, 'POST', `/api/vending/accounts/${tampered.id}/charge`);
    expect(charged.statusCode, charged.body).toBe(200);
    expect(charged.json()).toMatchObject({
      entry: { kind: 'charge', amountFen: -244_150 },
      remote: { balanceFen: 204_319 - 244_150, action: 'trip' },
    });
  });

  it('is found by the check serve schedules, which alarms and warns in the log', async () => {
    const tampered = await account();
    await sql`update account_balances set pending_adjustment_wh = 5 where account_id = ${tampered.id}`.execute(
      context.store.db,
    );
    const lines: string[] = [];
    const scheduled = await buildApp({
      store: context.store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      clock: () => harnessNow,
      logger: { level: 'warn', stream: { write: (line: string) => lines.push(line) } },
      ledgerCheck: { everyMs: 60_000, firstAfterMs: 10 },
    });
    try {
      await vi.waitFor(
        async () => {
          const open = (await context.store.alarms.openAlarms()).filter((a) => a.kind === 'ledger-drift');
          expect(open.map((a) => a.objectId)).toContain(String(tampered.meterId));
        },
        { timeout: 5000, interval: 20 },
      );
      await vi.waitFor(() =>
        expect(lines.join('\n')).toContain('pendingAdjustmentWh: entries say 0, summary says 5'),
      );
    } finally {
      await scheduled.close();
    }
  });
});
