// A fee-control sale whose process died between the sale's commit and its send (issue 15 gap 7): a local
// top-up, or the relay close a remote top-up calls for, is on record, `pending`, in the sale's own
// transaction, so the collector that starts next (or every collector starting at once, on PostgreSQL) finds
// it and sends it once: the meter is credited exactly once, the relay closed.
import { Collector, SoftSecurityModule } from '@openami/headend';
import type { CommandRequest } from '@openami/headend/api';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, SIM_TEST_ESAM_KEY, startField } from '@openami/sim';
import type { MeterCommandRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeField } from '../../test/fake-field.ts';
import { openFeeControlAccount } from '../../test/fee-control-account.ts';
import { signIn } from '../../test/harness.ts';
import { buildApp } from '../app.ts';

const ADDRESS = '000000000303';
const REMOTE = '000000000304';
const config = { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false } as const;

/** A collector that drives the meter, in a process killed the moment the sale committed: nothing is sent. */
class KilledAfterCommit extends FakeField {
  override async command(_meterId: number, _request: CommandRequest): Promise<MeterCommandRow> {
    throw new Error('the process was killed after the sale committed');
  }
}

describeEachEngine('local fee control: a sale whose send was cut off', (context) => {
  let field: Field;
  let accountId: number;
  let remoteAccountId: number;
  let remoteMeterId: number;
  const collectors: Collector[] = [];

  const collectorOn = (store: Store) => {
    const collector = new Collector(store, {
      now: () => field.clock.now(),
      bus: { responseDelayBudgetMs: 200 },
      security: new SoftSecurityModule(SIM_TEST_ESAM_KEY),
      commandPollMs: 100,
      credentials: { passwordLevel: 2, password: '123456', operatorCode: '00000001' },
    });
    collectors.push(collector);
    return collector;
  };

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
                { address: ADDRESS, moneyPrepaid: { hoardingLimitFen: 100_000 } },
                { address: REMOTE },
              ],
            },
          ],
        },
      ],
    });
    const stored = await storeField(context.store, field, { basePort, ports: 1, baud: 9600, stockedInAt: 0 });
    accountId = await openFeeControlAccount(context.store, {
      meterId: stored.meterIds[0] as number,
      areaId: stored.area.id,
      mode: 'local',
      accountNo: 'LS1',
      customerName: '钱七',
      unit: '6-101',
    });
    remoteMeterId = stored.meterIds[1] as number;
    remoteAccountId = await openFeeControlAccount(context.store, {
      meterId: remoteMeterId,
      areaId: stored.area.id,
      mode: 'remote',
      accountNo: 'RS1',
      customerName: '孙八',
      unit: '6-102',
    });
  });

  afterAll(async () => {
    for (const collector of collectors) await collector.stop();
    await field?.stop();
  });

  const sellCutOff = async (requestId: string, amountFen: number, on = accountId) => {
    const store = context.store;
    const killed = await buildApp({
      checkResponses: true,
      store,
      config,
      loginRateLimit: 1000,
      field: new KilledAfterCommit(store, () => field.clock.now()),
    });
    try {
      const cashier = await signIn(killed, store, 'cashier', 'all');
      const sold = await killed.inject({
        method: 'POST',
        url: `/api/vending/accounts/${on}/sales`,
        headers: cashier.headers,
        payload: { requestId, by: 'money', amountFen },
      });
      // The cashier never saw an answer; the sale and its top-up are on record all the same.
      expect(sold.statusCode).toBe(500);
    } finally {
      await killed.close();
    }
    const sale = (await store.ledger.entries(on)).find((e) => e.requestId === requestId);
    expect(sale).toBeDefined();
    if (on !== accountId) return { sale, commandId: 0 };
    const commands = await store.collection.commandsOfRequest(`top-up-${sale?.id}`);
    expect(commands).toEqual([expect.objectContaining({ state: 'pending', kind: 'top-up' })]);
    return { sale, commandId: commands[0]?.id ?? 0 };
  };

  const settled = async (commandId: number) => {
    let state = 'pending';
    for (let i = 0; i < 150 && state !== 'confirmed' && state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await context.store.collection.getCommand(commandId))?.state ?? '';
    }
    return state;
  };
  const meter = () => field.meter(ADDRESS).moneyPrepaid;

  it('is sent once by the collector that starts next, and not again by the one after', async () => {
    const { sale, commandId } = await sellCutOff('cut-1', 5_000);
    expect(meter()?.purchaseCount ?? 0).toBe(0);
    const next = collectorOn(context.store);
    await next.start(false);
    await settled(commandId);
    expect(await context.store.collection.getCommand(commandId)).toMatchObject({ state: 'confirmed' });
    expect(meter()).toMatchObject({ purchaseCount: 1, totalPurchasedFen: 5_000 });
    await next.stop();
    const after = collectorOn(context.store);
    await after.start(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await after.stop();
    expect(meter()).toMatchObject({ purchaseCount: 1, totalPurchasedFen: 5_000 });
    expect(await context.store.collection.commandsOfRequest(`top-up-${sale?.id}`)).toEqual([
      expect.objectContaining({ id: commandId, state: 'confirmed' }),
    ]);
  });

  it.skipIf(context.engine !== 'postgres')(
    'is sent once when two collectors start at the same moment',
    async () => {
      const before = { count: meter()?.purchaseCount ?? 0, fen: meter()?.totalPurchasedFen ?? 0 };
      const { sale, commandId } = await sellCutOff('cut-2', 3_000);
      const [one, two] = [collectorOn(context.store), collectorOn(context.store)];
      await Promise.all([one.start(false), two.start(false)]);
      expect(await settled(commandId)).toBe('confirmed');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await Promise.all([one.stop(), two.stop()]);
      expect(meter()).toMatchObject({
        purchaseCount: before.count + 1,
        totalPurchasedFen: before.fen + 3_000,
      });
      expect(await context.store.collection.commandsOfRequest(`top-up-${sale?.id}`)).toEqual([
        expect.objectContaining({ id: commandId, state: 'confirmed' }),
      ]);
    },
  );

  it('closes the relay a remote top-up called for, once, when the next collector starts', async () => {
    // Tripped at zero before (the station takes an account with nothing on it as tripped).
    const remote = field.meter(REMOTE);
    remote.setRelayReason('remote', true, field.clock.now());
    expect(remote.relayOpen).toBe(true);
    await sellCutOff('cut-remote', 10_000, remoteAccountId);
    const [pending] = await context.store.collection.commandsOfMeter(remoteMeterId, 5);
    expect(pending).toMatchObject({ kind: 'relay-close', state: 'pending' });
    const next = collectorOn(context.store);
    await next.start(false);
    expect(await settled(pending?.id ?? 0)).toBe('confirmed');
    await next.stop();
    expect(remote.relayOpen).toBe(false);
    expect(await context.store.collection.commandsOfMeter(remoteMeterId, 5)).toHaveLength(1);
  });
});
