// Issue 22, item 8: a terminal and a meter added to the archive while the collector runs are driven within
// seconds (the store's field version, polled) or at once (`fieldChanged`, as the API calls it), and a relay
// command persisted for the new meter is sent without a restart.
import { type Field, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeBasePort } from '../../test/store-field.ts';
import { Collector } from './collector.ts';

const credentials = { passwordLevel: 2, password: '123456', operatorCode: '00000001' };
const operator = { userId: null, name: 'operator', sourceIp: '127.0.0.1' };
const now = Date.UTC(2026, 0, 1);

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the collector follows the archive while it runs', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let basePort: number;
  let areaId: number;
  let typeId: number;
  let typeVersionId: number;

  const addTerminal = async (terminalNo: number) =>
    store.terminals.create(
      {
        areaId,
        name: `T${terminalNo}`,
        model: 'DH601',
        mode: 'tcp_server',
        address: `127.0.0.1:${basePort + terminalNo - 1}`,
      },
      [{ portNo: 1, baud: 9600, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
      now,
    );
  const install = async (address: string, portId: number, factoryNo: string) =>
    store.meters.stockIn(
      {
        factoryNo,
        commAddress: address,
        meterTypeId: typeId,
        meterTypeVersionId: typeVersionId,
        state: 'installed',
        startingReadingWh: 0,
        areaId,
        terminalPortId: portId,
        parentMeterId: null,
        ptPrimary: 1,
        ptSecondary: 1,
        ctPrimary: 1,
        ctSecondary: 1,
        multiplier: 1,
        stockedInAt: now,
      },
      now,
    );
  const onTerminal = (n: number) =>
    field.addresses().filter((a) => field.placement(a).terminal.id === `T000${n}`);

  beforeAll(async () => {
    basePort = await freeBasePort(2);
    field = await startField(
      generateField({ terminals: 2, ports: 1, metersPerPort: 2, seed: 4, baud: 9600, basePort }),
    );
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const area = await store.areas.create({ parentId: null, kind: 'community', code: 'C', name: 'c' }, now);
    areaId = area.id;
    const type = await store.meterTypes.create(
      {
        code: 'T',
        name: 'meter',
        model: 'M',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 60_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'none',
      },
      null,
      now,
    );
    typeId = type.id;
    typeVersionId = (await store.meterTypes.currentVersion(type.id))?.id as number;
    // At start: the first terminal with one of its meters.
    const first = await addTerminal(1);
    await install(onTerminal(1)[0] as string, first.ports[0]?.id as number, 'F1');
    collector = new Collector(store, {
      bus: { responseDelayBudgetMs: 200 },
      credentials,
      fieldPollMs: 200,
      commandPollMs: 200,
    });
    expect(await collector.start(false)).toEqual([]);
  });

  afterAll(async () => {
    await collector?.stop();
    await store.close();
    await field.stop();
  });

  it('drives a meter installed on a known port within seconds, found by the field version it polls', async () => {
    const terminal = (
      await store.terminals.list({ kind: 'all' }, {}, { sort: 'id', direction: 'asc', limit: 10, offset: 0 })
    ).items[0];
    const [port] = await store.terminals.ports(terminal?.id as number);
    const meter = await install(onTerminal(1)[1] as string, port?.id as number, 'F2');
    expect(collector.collects(meter.id)).toBe(false);
    await until(() => collector.collects(meter.id), 3000);
    expect(await collector.readMeter(meter.id, [0x00010000], operator)).toMatchObject({ status: 'complete' });
  });

  it('drives a new terminal and its meter at once when told, and sends the command that waited for it', async () => {
    const terminal = await addTerminal(2);
    const address = onTerminal(2)[0] as string;
    const meter = await install(address, terminal.ports[0]?.id as number, 'F3');
    // As an API without this collector persists a relay trip: pending until a collector drives the meter.
    const { command } = await store.collection.requestCommand({
      meterId: meter.id,
      kind: 'relay-trip',
      params: '{}',
      requestId: 'trip-new-meter',
      requestedBy: null,
      requestedAt: Date.now(),
    });
    await collector.fieldChanged();
    expect(collector.collects(meter.id)).toBe(true);
    await until(async () => (await store.collection.getCommand(command.id))?.state === 'confirmed', 5000);
    expect(field.meter(address).relayOpen).toBe(true);
    expect(await collector.readMeter(meter.id, [0x00010000], operator)).toMatchObject({ status: 'complete' });
  });

  it('stops driving a meter taken off its port', async () => {
    const page = { sort: 'id', direction: 'asc', limit: 1, offset: 0 } as const;
    const meter = (await store.meters.search({ kind: 'all' }, { factoryNo: 'F1' }, page)).items[0];
    expect(collector.collects(meter?.id as number)).toBe(true);
    await store.meters.update(meter?.id as number, { terminalPortId: null }, now + 1);
    await collector.fieldChanged();
    expect(collector.collects(meter?.id as number)).toBe(false);
  });
});
