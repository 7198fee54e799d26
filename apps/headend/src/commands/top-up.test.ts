// Top-ups of money-type local fee-control meters through the collector, against simulated meters over TCP:
// persisted and audited first, authenticated by the security module, confirmed from the meter's purchase
// records, never applied twice however the reply is lost or the process stops.
import { type Field, SIM_TEST_ESAM_KEY, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeBasePort, storeField } from '../../test/store-field.ts';
import { Collector } from '../collector/collector.ts';
import { CommandRefused } from '../collector/command-queue.ts';
import { SoftSecurityModule } from './security-module.ts';

const operator = { userId: null, name: 'cashier', sourceIp: '127.0.0.1' };
const CUSTOMER = '000000000042';
const order = (purchaseCount: number, amountFen: number, requestId: string) => ({
  kind: 'top-up' as const,
  command: purchaseCount === 1 ? ('open-account' as const) : ('recharge' as const),
  amountFen,
  purchaseCount,
  customerNumber: CUSTOMER,
  requestId,
});

describe('top-ups of local fee-control meters', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let meterIds: readonly number[];

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
            {
              baud: 9600,
              meters: [
                { address: '000000000101', moneyPrepaid: { hoardingLimitFen: 500_000 } },
                { address: '000000000102', moneyPrepaid: true, esamKey: 'A1A2A3A4A5A6A7A8B1B2B3B4B5B6B7B8' },
                { address: '000000000103' },
              ],
            },
          ],
        },
      ],
    });
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    ({ meterIds } = await storeField(store, field, {
      basePort,
      ports: 1,
      baud: 9600,
      stockedInAt: Date.UTC(2026, 10, 22),
    }));
    collector = new Collector(store, {
      now: () => field.clock.now(),
      bus: { responseDelayBudgetMs: 200 },
      security: new SoftSecurityModule(SIM_TEST_ESAM_KEY),
      operatorCode: '00000007',
    });
    expect(await collector.start(false)).toEqual([]);
  });

  afterAll(async () => {
    await collector.stop();
    await store.close();
    await field.stop();
  });

  const meterA = () => meterIds[0] as number;

  it('opens the account, recharges, confirms from the purchase records, and audits it all', async () => {
    const opened = await collector.command(meterA(), order(1, 10_000, 'sale-1'), operator);
    expect(opened).toMatchObject({ state: 'confirmed', kind: 'top-up', reason: null });
    const recharged = await collector.command(meterA(), order(2, 2_550, 'sale-2'), operator);
    expect(recharged).toMatchObject({ state: 'confirmed' });
    const truth = field.meter('000000000101').moneyPrepaid;
    expect(truth?.customerNumber).toBe(CUSTOMER);
    expect(truth?.purchaseCount).toBe(2);
    expect(truth?.totalPurchasedFen).toBe(12_550);
    // The same request again returns the first command and sends nothing.
    expect(await collector.command(meterA(), order(2, 2_550, 'sale-2'), operator)).toMatchObject({
      id: recharged.id,
      state: 'confirmed',
    });
    expect(truth?.purchaseCount).toBe(2);
    const audit = await store.audit.list({}, { sort: 'id', direction: 'asc', limit: 20, offset: 0 });
    const actions = audit.items.map((row) => row.action);
    expect(actions.filter((a) => a === 'meter.command.requested')).toHaveLength(2);
    expect(actions.filter((a) => a === 'meter.command.confirmed')).toHaveLength(2);
  });

  it('confirms a top-up whose reply was lost without applying it twice', async () => {
    const meter = field.meter('000000000101');
    const before = meter.moneyPrepaid?.remainingFen as number;
    // Every reply dropped while the recharge goes out; the read-back then finds it taken.
    field.setFaults({ meter: '000000000101' }, { dropRate: 1 });
    const lost = collector.command(meterA(), order(3, 1_000, 'sale-3'), operator);
    setTimeout(() => field.setFaults({ meter: '000000000101' }, undefined), 1_500);
    const result = await lost;
    expect(meter.moneyPrepaid?.purchaseCount).toBe(3);
    expect(meter.moneyPrepaid?.totalPurchasedFen).toBe(13_550);
    expect(result.state).toBe('confirmed');
    expect(meter.moneyPrepaid?.remainingFen).toBeLessThanOrEqual(before + 1_000);
  });

  it('resumes a top-up a stopped process left sending: reads back first and sends nothing twice', async () => {
    const row = await store.collection.requestCommand({
      meterId: meterA(),
      kind: 'top-up',
      params: JSON.stringify({
        command: 'recharge',
        amountFen: 700,
        purchaseCount: 4,
        customerNumber: CUSTOMER,
      }),
      requestId: 'sale-4',
      requestedBy: null,
      requestedAt: field.clock.now(),
    });
    // The earlier process sent it (the meter took it) and stopped before recording the outcome.
    field.meter('000000000101').topUpMoney(field.clock.now(), {
      command: 'recharge',
      amountFen: 700,
      purchaseCount: 4,
      customerNumber: CUSTOMER,
    });
    // Claimed longer ago than a live send takes: its process is gone.
    await store.collection.claimCommand(row.command.id, field.clock.now() - 5 * 60_000);
    await collector.resumeCommands();
    const deadline = Date.now() + 10_000;
    let state = '';
    while (Date.now() < deadline) {
      state = (await store.collection.getCommand(row.command.id))?.state ?? '';
      if (state === 'confirmed' || state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(state).toBe('confirmed');
    expect(field.meter('000000000101').moneyPrepaid?.purchaseCount).toBe(4);
    expect(field.meter('000000000101').moneyPrepaid?.totalPurchasedFen).toBe(14_250);
  });

  it('fails with the meter’s reason: a wrong count, another key, a meter without fee control', async () => {
    expect(await collector.command(meterA(), order(9, 100, 'sale-9'), operator)).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/purchase count is not the next one/),
      reasonCode: 'security-refused',
      reasonParams: { step: 'top-up', refusals: ['purchase-count'] },
    });
    expect(
      await collector.command(meterIds[1] as number, order(1, 100, 'other-key'), operator),
    ).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/identity authentication failed/),
      reasonCode: 'security-refused',
      reasonParams: { step: 'identity', refusals: ['authentication'] },
    });
    expect(
      await collector.command(meterIds[2] as number, order(1, 100, 'no-fee-control'), operator),
    ).toMatchObject({
      state: 'failed',
    });
    expect(field.meter('000000000102').moneyPrepaid?.purchaseCount).toBe(0);
  });

  it('refuses a top-up before persisting anything when no security module is configured', async () => {
    const bare = new Collector(store, { now: () => field.clock.now() });
    await expect(bare.command(meterA(), order(5, 100, 'nothing'), operator)).rejects.toBeInstanceOf(
      CommandRefused,
    );
    expect(await store.collection.commandByRequestId('nothing')).toBeUndefined();
  });
});
