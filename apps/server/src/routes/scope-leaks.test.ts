// Who sees what (issue 15, gap 6), on both engines: a user limited to one building sees nothing of another
// building's collection runs, plans and audit trail, nor alarms whose area is gone; personal data is masked
// for roles that do not need it.
import type { AreaRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import { signInResident } from '../../test/resident.ts';
import { type App, buildApp } from '../app.ts';

describeEachEngine('scope of what a user sees', (context) => {
  let app: App;
  let store: Store;
  const tag = `${process.pid}${Date.now().toString(36)}`;
  let home: AreaRow;
  let away: AreaRow;
  let homeMeter: number;
  let awayMeter: number;
  let admin: Actor;
  let local: Actor;

  async function meterIn(area: AreaRow, n: number): Promise<number> {
    const type = await store.meterTypes.create(
      {
        code: `MT-${tag}-${n}`,
        name: 'single-phase',
        model: 'DDS',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      harnessNow,
    );
    const version = await store.meterTypes.currentVersion(type.id);
    const meter = await store.meters.stockIn(
      {
        factoryNo: `F-${tag}-${n}`,
        commAddress: String(n).padStart(12, '0'),
        meterTypeId: type.id,
        meterTypeVersionId: version?.id ?? 0,
        state: 'installed',
        startingReadingWh: 0,
        areaId: area.id,
        terminalPortId: null,
        parentMeterId: null,
        ptPrimary: 1,
        ptSecondary: 1,
        ctPrimary: 1,
        ctSecondary: 1,
        multiplier: 1,
        stockedInAt: harnessNow,
      },
      harnessNow,
    );
    return meter.id;
  }

  async function runOver(meterIds: readonly number[], areaId: number | null): Promise<number> {
    const run = await store.collection.startRun({
      planId: 'hourly-energy',
      kind: 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId,
      startedAt: harnessNow,
    });
    await store.collection.recordMeters(
      meterIds.map((meterId) => ({
        runId: run.id,
        meterId,
        terminalId: null,
        portNo: null,
        status: 'complete',
        reason: null,
        attempts: 1,
        durationMs: 10,
        clockOffsetMs: null,
      })),
    );
    await store.collection.finishRun(run.id, harnessNow + 1000, 'finished', null);
    return run.id;
  }

  const get = (actor: Actor, url: string) => app.inject({ method: 'GET', url, headers: actor.headers });

  beforeAll(async () => {
    store = context.store;
    app = await appFor(store);
    home = await store.areas.create(
      { parentId: null, kind: 'community', code: `H-${tag}`, name: 'Home' },
      harnessNow,
    );
    away = await store.areas.create(
      { parentId: null, kind: 'community', code: `W-${tag}`, name: 'Away' },
      harnessNow,
    );
    homeMeter = await meterIn(home, 1);
    awayMeter = await meterIn(away, 2);
    admin = await signIn(app, store, 'administrator', 'all');
    local = await signIn(app, store, 'maintenance', [home]);
  });
  afterAll(() => app.close());

  it('shows a user of one building only the runs that touched it, with totals over its meters', async () => {
    const awayRun = await runOver([awayMeter], away.id);
    const bothRun = await runOver([homeMeter, awayMeter], null);
    const listed = (await get(local, '/api/collection/runs?limit=100')).json<{
      items: { id: number; metersTotal: number }[];
    }>();
    const ids = listed.items.map((r) => r.id);
    expect(ids).toContain(bothRun);
    expect(ids).not.toContain(awayRun);
    expect(listed.items.find((r) => r.id === bothRun)?.metersTotal).toBe(1);
    expect((await get(local, `/api/collection/runs/${awayRun}`)).statusCode).toBe(403);
    expect((await get(local, `/api/collection/runs/${awayRun}/meters`)).statusCode).toBe(403);
    expect((await get(local, `/api/collection/runs/${awayRun}/events`)).statusCode).toBe(403);
    const detail = (await get(local, `/api/collection/runs/${bothRun}`)).json<{
      run: { metersTotal: number };
      ports: { meters: number }[];
    }>();
    expect(detail.run.metersTotal).toBe(1);
    expect(detail.ports.reduce((sum, p) => sum + p.meters, 0)).toBe(1);
    // A user of every area sees the run whole.
    const whole = (await get(admin, `/api/collection/runs/${bothRun}`)).json<{
      run: { metersTotal: number };
    }>();
    expect(whole.run.metersTotal).toBe(2);
  });

  it('shows plans over the whole field or over the user’s areas, not plans of other areas only', async () => {
    const plan = (id: string, targets: object) =>
      app.inject({
        method: 'POST',
        url: '/api/collection/plans',
        headers: admin.headers,
        payload: {
          id,
          name: { zh: id, en: id },
          kind: 'read',
          items: ['energy'],
          targets,
          schedule: { kind: 'daily', at: '01:00' },
          enabled: false,
        },
      });
    expect((await plan(`away-${tag}`, { areas: [String(away.id)] })).statusCode).toBe(201);
    expect((await plan(`home-${tag}`, { areas: [String(home.id)] })).statusCode).toBe(201);
    const ids = (await get(local, '/api/collection/plans')).json<{ id: string }[]>().map((p) => p.id);
    expect(ids).toContain(`home-${tag}`);
    expect(ids).not.toContain(`away-${tag}`);
    // Plans with no targets read every meter, the user's too.
    expect(ids).toContain('hourly-energy');
    const all = (await get(admin, '/api/collection/plans')).json<{ id: string }[]>().map((p) => p.id);
    expect(all).toContain(`away-${tag}`);
  });

  it('shows an area administrator only the audit entries about objects in their areas, and their own', async () => {
    const areaAdmin = await signIn(app, store, 'administrator', [home]);
    const entry = (entity: string, entityId: number, phone: string) =>
      store.audit.append({
        at: harnessNow,
        actorUserId: admin.userId,
        actorName: admin.username,
        sourceIp: '127.0.0.1',
        action: 'customer.updated',
        entity,
        entityId: String(entityId),
        details: { phone },
      });
    const mine = await entry('meter', homeMeter, '13800000001');
    const theirs = await entry('meter', awayMeter, '13800000002');
    const area = await entry('area', away.id, '13800000003');
    const user = await entry('user', admin.userId, '13800000004');
    const ids = (await get(areaAdmin, '/api/audit?limit=500&sort=id&direction=desc'))
      .json<{ items: { id: number }[] }>()
      .items.map((e) => e.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(area.id);
    expect(ids).not.toContain(user.id);
    const all = (await get(admin, '/api/audit?limit=500&sort=id&direction=desc'))
      .json<{ items: { id: number }[] }>()
      .items.map((e) => e.id);
    expect(all).toEqual(expect.arrayContaining([mine.id, theirs.id, area.id, user.id]));
  });

  it('shows an alarm whose area is gone only to users of every area', async () => {
    const orphan = (
      await store.alarms.raise(
        {
          kind: 'meter-unreachable',
          objectType: 'meter',
          objectId: `gone-${tag}`,
          severity: 'major',
          areaId: null,
          evidence: {},
        },
        harnessNow,
      )
    ).alarm.id;
    const listed = (actor: Actor) =>
      get(actor, '/api/alarms?limit=500').then((r) =>
        r.json<{ items: { id: number }[] }>().items.map((a) => a.id),
      );
    expect(await listed(local)).not.toContain(orphan);
    expect(await listed(admin)).toContain(orphan);
    expect((await get(local, `/api/alarms/${orphan}`)).statusCode).toBe(403);
    expect((await get(admin, `/api/alarms/${orphan}`)).statusCode).toBe(200);
    const exported = await get(local, '/api/alarms/export?format=csv');
    expect(exported.body).not.toContain(`gone-${tag}`);
  });

  it('ends a disabled user’s alarm stream within the re-check interval, and a signed-out one’s', async () => {
    const streaming = await buildApp({
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      clock: () => harnessNow,
      loginRateLimit: 1000,
      streamRecheckMs: 100,
    });
    try {
      await streaming.listen({ port: 0, host: '127.0.0.1' });
      const address = streaming.server.address();
      if (address === null || typeof address === 'string') throw new Error('not listening');
      const open = async (actor: Actor) => {
        const response = await fetch(`http://127.0.0.1:${address.port}/api/alarms/events`, {
          headers: { cookie: actor.headers.cookie as string },
        });
        expect(response.status).toBe(200);
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        await reader.read(); // the opening comment
        return async () => {
          const started = Date.now();
          for (;;) {
            const { done } = await reader.read();
            if (done) return Date.now() - started;
          }
        };
      };
      const disabled = await signIn(streaming, store, 'maintenance', [home]);
      const ended = await open(disabled);
      await store.users.update(disabled.userId, { disabled: 1 }, harnessNow);
      expect(await ended()).toBeLessThan(2000);

      const leaving = await signIn(streaming, store, 'maintenance', [home]);
      const left = await open(leaving);
      await streaming.inject({ method: 'POST', url: '/api/auth/logout', headers: leaving.headers });
      expect(await left()).toBeLessThan(2000);
    } finally {
      await streaming.close();
    }
  });

  it('shows a resident of a reopened meter nothing of the previous occupant’s use and alarms', async () => {
    const meterId = await meterIn(home, 3);
    const day = 86_400_000;
    const customer = await store.customers.create(
      { code: `C-${tag}`, name: '赵六', unit: '', address: '2-202', idNumber: '', areaId: home.id },
      null,
      harnessNow,
    );
    const price = await store.priceTypes.create(
      { code: `P-${tag}`, name: 'p', unitPriceMilliFenPerKwh: 528_300 },
      null,
      harnessNow,
    );
    // The previous occupant's use and alarm, days before the account opened.
    await store.readings.insertEnergy([
      { meterId, readAt: harnessNow - 3 * day, activeImportWh: 4000, receivedAt: harnessNow - 3 * day },
    ]);
    await store.readings.addDailyShares([
      { meterId, day: '2026-11-19', energyWh: 4000, readingWh: 4000, readAt: harnessNow - 3 * day },
    ]);
    await store.alarms.raise(
      {
        kind: 'cover-open',
        objectType: 'meter',
        objectId: String(meterId),
        severity: 'critical',
        areaId: home.id,
        evidence: {},
      },
      harnessNow - 3 * day,
    );
    const account = await store.accounts.open(
      {
        accountNo: `AC-${tag}`,
        customerId: customer.id,
        meterId,
        priceTypeId: price.id,
        prepaidMode: 'card',
        alarmEnergyWh: 10_000,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: JSON.stringify(['13500000009']),
        openedAt: harnessNow - day,
      },
      harnessNow - day,
    );
    const resident = await signInResident(app, store, account, '13500000009');
    const read = (url: string) => app.inject({ method: 'GET', url, headers: resident.headers });
    expect((await read('/api/resident/usage/daily?days=30')).json()).toEqual({ days: [] });
    expect((await read('/api/resident/alarms')).json()).toEqual({ items: [] });
    expect((await read('/api/resident/account')).json()).toMatchObject({ lastReading: null });
  });

  it('masks national ID numbers for roles without customer.personal', async () => {
    const idNumber = '110101199003071234';
    const customer = await store.customers.create(
      { code: `ID-${tag}`, name: '孙七', unit: '', address: '3-303', idNumber, areaId: home.id },
      null,
      harnessNow,
    );
    const viewer = await signIn(app, store, 'viewer', [home]);
    const cashier = await signIn(app, store, 'cashier', [home]);
    const masked = '110***********1234';
    const one = (actor: Actor) =>
      get(actor, `/api/customers/${customer.id}`).then((r) =>
        r.json<{ idNumber: string; versions: { idNumber: string }[] }>(),
      );
    expect(await one(viewer)).toMatchObject({ idNumber: masked, versions: [{ idNumber: masked }] });
    expect(await one(cashier)).toMatchObject({ idNumber });
    const listed = (actor: Actor) =>
      get(actor, `/api/customers?code=ID-${tag}`).then(
        (r) => r.json<{ items: { id: number; idNumber: string }[] }>().items,
      );
    expect((await listed(viewer)).find((c) => c.id === customer.id)?.idNumber).toBe(masked);
    expect((await listed(admin)).find((c) => c.id === customer.id)?.idNumber).toBe(idNumber);
    const maintenance = await signIn(app, store, 'maintenance', [home]);
    const exported = await get(maintenance, '/api/customers/export?format=csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain(masked);
    expect(exported.body).not.toContain(idNumber);
  });
});
