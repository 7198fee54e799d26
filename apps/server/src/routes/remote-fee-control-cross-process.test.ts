// Remote fee control with the collector in a process of its own (`openami collector`), modelled by two
// instances that share one database through connections of their own: the collector reads the meter over
// TCP and stores readings; the API, which has no collector, follows the stored readings (a cursor; on
// PostgreSQL woken by NOTIFY), charges the remote account and leaves the trip in the store; the collector
// picks the pending command up, sends it and confirms it; a cashier's top-up closes the relay the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collector, ITEM_GROUPS } from '@openami/headend';
import { freeBasePort, readPlan, storeField } from '@openami/headend/testing';
import { type Field, generateField, runScenario, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeeControlAccount } from '../../test/fee-control-account.ts';
import { type Actor, signIn } from '../../test/harness.ts';
import { type App, buildApp } from '../app.ts';

const energyPlan = readPlan('energy-now', ITEM_GROUPS.energy, 60);

const postgresUrl = process.env.OPENAMI_TEST_POSTGRES_URL;

/** Two connections to one fresh database: one per "process". */
async function sharedDatabase(engine: 'sqlite' | 'postgres') {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'openami-cross-'));
    const url = join(dir, 'shared.sqlite');
    const first = openStore({ url });
    await migrateToLatest(first.db);
    return { first, second: openStore({ url }), drop: async () => rmSync(dir, { recursive: true }) };
  }
  const url = postgresUrl ?? '';
  const schema = `cross_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const first = openStore({ url, schema });
  await migrateToLatest(first.db);
  return {
    first,
    second: openStore({ url, schema }),
    drop: async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && postgresUrl === undefined)(
    `remote fee control with the collector in another process [${engine}]`,
    () => {
      let field: Field;
      let collectorStore: Store;
      let apiStore: Store;
      let drop: () => Promise<void>;
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
        const shared = await sharedDatabase(engine);
        collectorStore = shared.first;
        apiStore = shared.second;
        drop = shared.drop;
        const stored = await storeField(collectorStore, field, {
          basePort,
          ports: 1,
          baud: 9600,
          stockedInAt: 0,
        });
        address = field.addresses().find((a) => field.meter(a).prepaid === undefined) as string;
        meterId = stored.meterIds[field.addresses().indexOf(address)] as number;
        accountId = await openFeeControlAccount(apiStore, {
          meterId,
          areaId: stored.area.id,
          mode: 'remote',
          accountNo: 'R1',
          customerName: '李四',
          unit: '2-301',
        });
        collector = new Collector(collectorStore, {
          now: () => field.clock.now(),
          bus: { responseDelayBudgetMs: 200 },
          credentials: { passwordLevel: 2, password: '123456', operatorCode: '00000001' },
          commandPollMs: 100,
        });
        await collector.start(false);
        app = await buildApp({
          checkResponses: true,
          store: apiStore,
          config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
          loginRateLimit: 1000,
          // SQLite has no NOTIFY: its cursor is polled often here; on PostgreSQL only NOTIFY wakes it in time.
          followStoredReadings: { pollMs: engine === 'sqlite' ? 100 : 600_000 },
        });
        cashier = await signIn(app, apiStore, 'cashier', 'all');
      }, 60_000);

      afterAll(async () => {
        await app?.close();
        await collector?.stop();
        await apiStore?.close();
        await collectorStore?.close();
        await drop?.();
        await field?.stop();
      });

      const sell = (requestId: string, amountFen: number) =>
        app.inject({
          method: 'POST',
          url: `/api/vending/accounts/${accountId}/sales`,
          headers: cashier.headers,
          payload: { requestId, by: 'money', amountFen },
        });
      const commands = async () =>
        (await apiStore.collection.commandsOfMeter(meterId, 10)).map((c) => [c.kind, c.state]);
      const until = async (check: () => Promise<boolean>) => {
        for (let i = 0; i < 200; i++) {
          if (await check()) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`timed out; commands: ${JSON.stringify(await commands())}`);
      };

      it('charges what the other process stores, trips through its collector, and closes on a top-up', async () => {
        const first = await sell('topup-0001', 300);
        expect(first.statusCode, first.body).toBe(201);
        // The API has no collector: the close waits in the store for the collector process.
        expect(first.json()).toMatchObject({ remote: { action: 'close' }, command: { state: 'pending' } });
        await until(async () => (await commands()).some(([, state]) => state === 'confirmed'));

        // 10 kW at 3 600× time: 10 kWh (500 fen) a real second.
        runScenario(field, address, { kind: 'load', watts: 10_000 });
        await collector.runPlan(energyPlan);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await collector.runPlan(energyPlan);
        await until(async () => (await commands())[0]?.join() === 'relay-trip,confirmed');
        expect(field.meter(address).relayOpen).toBe(true);
        const [trip] = await apiStore.collection.commandsOfMeter(meterId, 1);
        expect(trip?.requestId).toMatch(/^remote-trip-/);
        const charges = await apiStore.ledger.entries(accountId);
        expect(charges.filter((e) => e.kind === 'charge').length).toBeGreaterThan(0);

        const topUp = await sell('topup-0002', 100_000);
        expect(topUp.statusCode, topUp.body).toBe(201);
        expect(topUp.json()).toMatchObject({
          remote: { action: 'close' },
          command: { kind: 'relay-close', state: 'pending' },
        });
        await until(async () => (await commands())[0]?.join() === 'relay-close,confirmed');
        expect(field.meter(address).relayOpen).toBe(false);
        expect(await commands()).toEqual([
          ['relay-close', 'confirmed'],
          ['relay-trip', 'confirmed'],
          ['relay-close', 'confirmed'],
        ]);
        expect(await apiStore.audit.verify()).toMatchObject({ ok: true });
      }, 60_000);
    },
  );
}
