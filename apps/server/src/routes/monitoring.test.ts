// The monitoring view through the API on both engines: every installed meter of an area subtree with the
// areas it hangs in, its colour from open alarms (its own and its terminal port's) or grey while never read,
// the customer whose room places it on the schematic and its role in the supply tree, only in the caller's
// areas; and the alarm list's area and severity filters the alarms page uses.

import { AlarmEngine } from '@openami/alarms';
import type { AreaRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

interface Tile {
  readonly id: number;
  readonly role: string;
  readonly parentMeterId: number | null;
  readonly customer: { name: string; unit: string } | null;
  readonly lastReadAt: number | null;
  readonly colour: string;
  readonly areas: readonly { name: string }[];
  readonly alarms: readonly { kind: string }[];
}

describeEachEngine('monitoring view', (context) => {
  let app: App;
  let store: Store;
  const tag = `${process.pid}${Date.now().toString(36)}`;
  let community: AreaRow;
  let building: AreaRow;
  let floor: AreaRow;
  let elsewhere: AreaRow;
  const meters: Record<string, number> = {};
  let viewer: Actor;
  let buildingViewer: Actor;

  beforeAll(async () => {
    store = context.store;
    app = await appFor(store);
    const area = (parentId: number | null, kind: string, name: string) =>
      store.areas.create({ parentId, kind, code: `${name}-${tag}`, name }, harnessNow);
    community = await area(null, 'community', 'Sunny');
    building = await area(community.id, 'building', 'B1');
    floor = await area(building.id, 'floor', 'F2');
    elsewhere = await area(null, 'community', 'Away');
    const meterType = await store.meterTypes.create(
      {
        code: `MT-${tag}`,
        name: 'single phase',
        model: 'DDSY',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'none',
      },
      null,
      harnessNow,
    );
    const version = await store.meterTypes.currentVersion(meterType.id);
    const terminal = await store.terminals.create(
      { areaId: community.id, name: 't', model: 'DH604', mode: 'tcp_client', address: '10.0.0.1:4001' },
      [{ portNo: 2, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
      harnessNow,
    );
    const portId = (await store.terminals.ports(terminal.id))[0]?.id ?? null;
    let address = 0;
    const meter = async (name: string, areaId: number, state: string, onPort = false) => {
      address += 1;
      meters[name] = (
        await store.meters.stockIn(
          {
            factoryNo: `${name}-${tag}`,
            commAddress: String(address).padStart(12, '0'),
            meterTypeId: meterType.id,
            meterTypeVersionId: version?.id ?? 0,
            state,
            startingReadingWh: 0,
            areaId,
            terminalPortId: onPort ? portId : null,
            parentMeterId: null,
            ptPrimary: 1,
            ptSecondary: 1,
            ctPrimary: 1,
            ctSecondary: 1,
            multiplier: 1,
            stockedInAt: harnessNow,
          },
          harnessNow,
        )
      ).id;
    };
    await meter('quiet', floor.id, 'installed');
    await meter('lowBalance', floor.id, 'installed');
    await meter('coverOpen', floor.id, 'installed');
    await meter('onDeadPort', building.id, 'installed', true);
    await meter('neverRead', floor.id, 'installed');
    await meter('inStock', floor.id, 'in_stock');
    await meter('away', elsewhere.id, 'installed');
    // The building's supply meter feeds the quiet one.
    await store.meters.update(
      meters.quiet as number,
      { parentMeterId: meters.onDeadPort ?? null },
      harnessNow,
    );
    const customer = await store.customers.create(
      { code: `C-${tag}`, name: '王伟', unit: '1-2-301', address: '', idNumber: '', areaId: floor.id },
      null,
      harnessNow,
    );
    const priceType = await store.priceTypes.create(
      { code: `P-${tag}`, name: 'residential', unitPriceMilliFenPerKwh: 48_830 },
      null,
      harnessNow,
    );
    await store.accounts.open(
      {
        accountNo: `A-${tag}`,
        customerId: customer.id,
        meterId: meters.quiet as number,
        priceTypeId: priceType.id,
        prepaidMode: 'remote',
        alarmEnergyWh: 10_000,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: '[]',
        openedAt: harnessNow,
      },
      harnessNow,
    );
    // Every meter but one has answered the collector once.
    const run = await store.collection.startRun({
      planId: `status-${tag}`,
      kind: 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId: null,
      startedAt: harnessNow - 60_000,
    });
    await store.collection.recordMeters(
      ['quiet', 'lowBalance', 'coverOpen', 'onDeadPort', 'away'].map((name) => ({
        runId: run.id,
        meterId: meters[name] as number,
        terminalId: terminal.id,
        portNo: 2,
        status: 'complete',
        reason: null,
        attempts: 1,
        durationMs: 100,
        clockOffsetMs: null,
      })),
    );
    const raise = async (
      kind: string,
      objectType: string,
      objectId: string,
      severity: string,
      areaId: number,
    ) =>
      (await store.alarms.raise({ kind, objectType, objectId, severity, areaId, evidence: {} }, harnessNow))
        .alarm;
    const low = await raise('low-balance', 'meter', String(meters.lowBalance), 'minor', floor.id);
    await store.alarms.acknowledge(low.id, { userId: null, name: 'x' }, 'seen', harnessNow, false);
    await raise('cover-open', 'meter', String(meters.coverOpen), 'critical', floor.id);
    await raise('terminal-offline', 'port', `${terminal.id}:2`, 'critical', community.id);
    const gone = await raise('clock-deviation', 'meter', String(meters.quiet), 'minor', floor.id);
    await store.alarms.clear(gone.id, 'condition-ended', harnessNow);
    await raise('low-balance', 'meter', String(meters.away), 'minor', elsewhere.id);
    viewer = await signIn(app, store, 'viewer', [community]);
    buildingViewer = await signIn(app, store, 'viewer', [building]);
  });
  afterAll(() => app.close());

  const view = (actor: Actor, query: string) =>
    app.inject({ method: 'GET', url: `/api/monitoring/meters${query}`, headers: actor.headers });

  it('colours each installed meter of the subtree by its open alarms and its port’s', async () => {
    const response = await view(viewer, `?areaId=${building.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ meters: Tile[]; counts: unknown; truncated: boolean }>();
    const byId = new Map(body.meters.map((m) => [m.id, m]));
    expect([...byId.keys()].sort((a, b) => a - b)).toEqual(
      [meters.quiet, meters.lowBalance, meters.coverOpen, meters.onDeadPort, meters.neverRead].sort(
        (a, b) => (a ?? 0) - (b ?? 0),
      ),
    );
    expect(byId.get(meters.quiet as number)).toMatchObject({
      colour: 'green',
      alarms: [],
      role: 'consumer',
      parentMeterId: meters.onDeadPort,
      customer: { name: '王伟', unit: '1-2-301' },
      lastReadAt: harnessNow - 60_000,
    });
    expect(byId.get(meters.neverRead as number)).toMatchObject({
      colour: 'grey',
      customer: null,
      lastReadAt: null,
      role: 'consumer',
    });
    // Acknowledged is still open: yellow until it clears.
    expect(byId.get(meters.lowBalance as number)).toMatchObject({
      colour: 'yellow',
      alarms: [{ kind: 'low-balance', state: 'acknowledged' }],
      areas: [{ name: 'Sunny' }, { name: 'B1' }, { name: 'F2', kind: 'floor' }],
    });
    // A cover opened is critical, but an alarm, not a fault: yellow.
    expect(byId.get(meters.coverOpen as number)).toMatchObject({ colour: 'yellow' });
    expect(byId.get(meters.onDeadPort as number)).toMatchObject({
      colour: 'red',
      role: 'supply',
      alarms: [{ kind: 'terminal-offline', objectType: 'port' }],
    });
    expect(body).toMatchObject({ counts: { green: 1, yellow: 2, red: 1, grey: 1 }, truncated: false });
  });

  it('keeps to the caller’s areas', async () => {
    expect((await view(buildingViewer, `?areaId=${community.id}`)).json()).toMatchObject({
      code: 'AREA_FORBIDDEN',
    });
    const all = (await view(buildingViewer, '')).json<{ meters: Tile[] }>();
    expect(all.meters).toHaveLength(5);
    expect(all.meters.map((m) => m.id)).not.toContain(meters.away);
    // Areas above the caller's are not named.
    const tile = all.meters.find((m) => m.id === meters.lowBalance);
    expect(tile?.areas.map((a) => a.name)).toEqual(['B1', 'F2']);
  });

  it('filters the alarm list by area and severity', async () => {
    const list = async (actor: Actor, query: string) =>
      app.inject({ method: 'GET', url: `/api/alarms?${query}`, headers: actor.headers });
    const critical = (await list(viewer, `areaId=${building.id}&severity=critical`)).json<{
      items: { kind: string }[];
    }>();
    expect(critical.items.map((a) => a.kind)).toEqual(['cover-open']);
    // Named as people know them: the meter's number, and the room and account of whoever holds it.
    const quiet = (await list(viewer, 'kind=clock-deviation')).json<{ items: { subject: unknown }[] }>();
    expect(quiet.items.map((a) => a.subject)).toEqual([
      {
        meter: { factoryNo: `quiet-${tag}`, commAddress: '000000000001' },
        customer: { name: '王伟', unit: '1-2-301' },
        accountNo: `A-${tag}`,
        terminal: null,
        portNo: null,
      },
    ]);
    const onFloor = (await list(viewer, `areaId=${floor.id}&state=open`)).json<{
      items: { kind: string }[];
    }>();
    expect(onFloor.items.map((a) => a.kind).sort()).toEqual(['cover-open', 'low-balance']);
    expect((await list(viewer, `areaId=${elsewhere.id}`)).json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
  });
  it('colours a dark terminal’s meters red by its one alarm, and green again at the first good read', async () => {
    const admin = await signIn(app, store, 'administrator', 'all');
    const lit = await store.areas.create(
      { parentId: null, kind: 'community', code: `Lit-${tag}`, name: 'Lit' },
      harnessNow,
    );
    const terminal = await store.terminals.create(
      { areaId: lit.id, name: 'dark', model: 'DH604', mode: 'tcp_client', address: '10.0.0.2:4001' },
      [{ portNo: 1, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
      harnessNow,
    );
    const portId = (await store.terminals.ports(terminal.id))[0]?.id ?? null;
    const meterTypeId = (await store.meters.get(meters.quiet as number))?.meterTypeId as number;
    const version = await store.meterTypes.currentVersion(meterTypeId);
    const meterId = (
      await store.meters.stockIn(
        {
          factoryNo: `lit-${tag}`,
          commAddress: '000000009901',
          meterTypeId,
          meterTypeVersionId: version?.id ?? 0,
          state: 'installed',
          startingReadingWh: 0,
          areaId: lit.id,
          terminalPortId: portId,
          parentMeterId: null,
          ptPrimary: 1,
          ptSecondary: 1,
          ctPrimary: 1,
          ctSecondary: 1,
          multiplier: 1,
          stockedInAt: harnessNow,
        },
        harnessNow,
      )
    ).id;
    // The collector's observer, in a process of its own: the view reads what it stored.
    const engine = new AlarmEngine(store);
    const port = { terminalId: terminal.id, portNo: 1 };
    const meterRead = (answered: boolean) =>
      engine.meterRead({
        meterId,
        answered,
        collectedAt: Date.now(),
        failureMessages: [],
        failureReason: null,
        port,
      });
    for (let run = 1; run <= 3; run++) {
      await meterRead(false);
      await engine.portRates(run, [{ ...port, meters: 1, read: 0 }]);
    }
    const tile = async () =>
      (await view(admin, `?areaId=${lit.id}`)).json<{ meters: Tile[] }>().meters[0] as Tile;
    expect(await tile()).toMatchObject({
      colour: 'red',
      alarms: [{ kind: 'terminal-offline', objectType: 'terminal', objectId: String(terminal.id) }],
    });
    const run = await store.collection.startRun({
      planId: `lit-${tag}`,
      kind: 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId: null,
      startedAt: harnessNow,
    });
    await store.collection.recordMeters([
      {
        runId: run.id,
        meterId,
        terminalId: terminal.id,
        portNo: 1,
        status: 'complete',
        reason: null,
        attempts: 1,
        durationMs: 100,
        clockOffsetMs: null,
      },
    ]);
    await meterRead(true);
    expect(await tile()).toMatchObject({ colour: 'green', alarms: [] });
  });
});
