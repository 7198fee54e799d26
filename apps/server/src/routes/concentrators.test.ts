import type { AreaRow } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

describeEachEngine('concentrators in the archive (issue 16)', (context) => {
  let app: App;
  let admin: Actor;
  let home: AreaRow;
  let away: AreaRow;
  let meterTypeId: number;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}${process.pid}c${(n++).toString().padStart(4, '0')}`;
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    actor = admin,
  ) =>
    app.inject({
      method,
      url,
      headers: actor.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const area = async () =>
    (
      await call('POST', '/api/areas', { parentId: null, kind: 'community', code: fresh('A'), name: 'a' })
    ).json<AreaRow>();
  const concentrator = (areaId: number, extra: object = {}) =>
    call('POST', '/api/concentrators', {
      areaId,
      name: fresh('JZQ'),
      areaCode: '4101',
      terminalAddress: 1000 + n++,
      model: 'DJGZ23',
      ...extra,
    });
  const meter = async (extra: object = {}) =>
    (
      await call('POST', '/api/meters', {
        factoryNo: fresh('F'),
        commAddress: String(800_000 + n++).padStart(12, '0'),
        meterTypeId,
        areaId: home.id,
        ...extra,
      })
    ).json<{ id: number; factoryNo: string }>();

  beforeAll(async () => {
    app = await appFor(context.store);
    admin = await signIn(app, context.store, 'administrator', 'all');
    home = await area();
    away = await area();
    meterTypeId = (
      await call('POST', '/api/meter-types', {
        code: fresh('MT'),
        name: 'DDZY single-phase',
        model: 'DDZY666',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 5000,
        maxCurrentMa: 60_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      })
    ).json<{ id: number }>().id;
  });
  afterAll(() => app.close());

  it('registers, reads, changes and deletes a concentrator, with audit rows', async () => {
    const created = await concentrator(home.id, { areaCode: '0371', terminalAddress: 65_535 });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<{ id: number }>();
    expect(body).toMatchObject({
      areaCode: '0371',
      terminalAddress: 65_535,
      masterAddress: 1,
      variant: 'gdw1376_1_2013',
      notes: '',
      online: false,
      lastLoginAt: null,
      lastHeartbeatAt: null,
      signalDbm: null,
    });
    await context.store.concentrators.recordFieldState(body.id, { online: true, signalDbm: -65 });
    expect((await call('GET', `/api/concentrators/${body.id}`)).json()).toMatchObject({
      online: true,
      signalDbm: -65,
    });
    const changed = await call('PATCH', `/api/concentrators/${body.id}`, { masterAddress: 2, notes: 'roof' });
    expect(changed.json()).toMatchObject({ masterAddress: 2, notes: 'roof', areaCode: '0371' });
    const list = await call('GET', '/api/concentrators?areaCode=0371');
    expect(list.json<{ items: { id: number }[] }>().items.map((c) => c.id)).toContain(body.id);
    expect((await call('DELETE', `/api/concentrators/${body.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/concentrators/${body.id}`)).statusCode).toBe(404);
    const actions = await context.store.db
      .selectFrom('auditLog')
      .select('action')
      .where('entity', '=', 'concentrator')
      .where('entityId', '=', String(body.id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'concentrator.create',
      'concentrator.update',
      'concentrator.delete',
    ]);
  });

  it('refuses a second concentrator at the same (A1, A2) and addresses out of range', async () => {
    const first = (await concentrator(home.id, { areaCode: '4102', terminalAddress: 7 })).json<{
      name: string;
    }>();
    const second = await concentrator(away.id, { areaCode: '4102', terminalAddress: 7 });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'CONCENTRATOR_ADDRESS_TAKEN',
      details: { areaCode: '4102', terminalAddress: 7, concentrator: first.name },
    });
    const other = (await concentrator(home.id, { areaCode: '4102', terminalAddress: 8 })).json<{
      id: number;
    }>();
    const moved = await call('PATCH', `/api/concentrators/${other.id}`, { terminalAddress: 7 });
    expect(moved.json()).toMatchObject({ code: 'CONCENTRATOR_ADDRESS_TAKEN' });
    for (const bad of [{ terminalAddress: 65_536 }, { masterAddress: 128 }, { areaCode: '41' }]) {
      expect((await concentrator(home.id, bad)).statusCode).toBe(400);
    }
  });

  it('puts meters on measuring points: one a point, never also on a port, and not deleted while used', async () => {
    const c = (await concentrator(home.id)).json<{ id: number; name: string }>();
    const m1 = await meter();
    const m2 = await meter();
    // A JSON `null` body takes the meter off its point.
    const put = (meterId: number, body: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/api/meters/${meterId}/concentrator-point`,
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    expect((await put(m1.id, { concentratorId: c.id, point: 1 })).statusCode).toBe(204);
    const taken = await put(m2.id, { concentratorId: c.id, point: 1 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'MEASURING_POINT_TAKEN',
      details: { concentrator: c.name, point: 1, meterNo: m1.factoryNo },
    });
    expect((await put(m2.id, { concentratorId: c.id, point: 2041 })).statusCode).toBe(400);
    expect((await put(m2.id, { concentratorId: c.id, point: 2040 })).statusCode).toBe(204);
    expect((await call('GET', `/api/concentrators/${c.id}/meters`)).json()).toEqual([
      { meterId: m1.id, factoryNo: m1.factoryNo, commAddress: expect.any(String), measuringPoint: 1 },
      { meterId: m2.id, factoryNo: m2.factoryNo, commAddress: expect.any(String), measuringPoint: 2040 },
    ]);
    expect((await call('GET', `/api/meters/${m1.id}`)).json()).toMatchObject({
      concentratorId: c.id,
      measuringPoint: 1,
    });

    const refused = await call('DELETE', `/api/concentrators/${c.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONCENTRATOR_NOT_EMPTY', details: { meterCount: 2 } });

    // A meter on a point cannot be put on a port, and one on a port cannot be put on a point.
    const terminal = (
      await call('POST', '/api/terminals', {
        areaId: home.id,
        name: 't',
        model: 'DH604',
        mode: 'tcp_client',
        address: fresh('reg-'),
        ports: [{ portNo: 1, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
      })
    ).json<{ ports: { id: number }[] }>();
    const portId = terminal.ports[0]?.id ?? 0;
    const onPoint = await call('PATCH', `/api/meters/${m1.id}`, { terminalPortId: portId });
    expect(onPoint.json()).toMatchObject({ code: 'METER_ON_CONCENTRATOR' });
    const onPort = await meter({ terminalPortId: portId });
    const refusedPort = await put(onPort.id, { concentratorId: c.id, point: 3 });
    expect(refusedPort.statusCode).toBe(409);
    expect(refusedPort.json()).toMatchObject({ code: 'METER_ON_TERMINAL_PORT' });

    const empty = await call('PUT', `/api/meters/${m1.id}/concentrator-point`);
    expect(empty.statusCode, empty.body).toBe(400);
    expect((await put(m1.id, null)).statusCode).toBe(204);
    expect((await put(m2.id, null)).statusCode).toBe(204);
    expect((await call('GET', `/api/meters/${m1.id}`)).json()).toMatchObject({
      concentratorId: null,
      measuringPoint: null,
    });
    expect((await call('DELETE', `/api/concentrators/${c.id}`)).statusCode).toBe(204);
    const moves = await context.store.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'meter.concentratorPoint')
      .where('entityId', '=', String(m1.id))
      .execute();
    expect(moves).toHaveLength(2);
  });

  it('keeps an area with a concentrator in it', async () => {
    const spare = await area();
    const c = (await concentrator(spare.id)).json<{ id: number }>();
    expect((await call('DELETE', `/api/areas/${spare.id}`)).json()).toMatchObject({ code: 'IN_USE' });
    expect((await call('DELETE', `/api/concentrators/${c.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/areas/${spare.id}`)).statusCode).toBe(204);
  });

  it('keeps each user to the concentrators of their areas', async () => {
    const mine = (await concentrator(home.id)).json<{ id: number }>();
    const theirs = (await concentrator(away.id)).json<{ id: number }>();
    const installer = await signIn(app, context.store, 'installer', [home]);
    const viewer = await signIn(app, context.store, 'viewer', [home]);
    const listed = (await call('GET', '/api/concentrators?limit=500', undefined, installer)).json<{
      items: { id: number; areaId: number }[];
    }>();
    expect(listed.items.map((c) => c.id)).toContain(mine.id);
    expect(listed.items.every((c) => c.areaId === home.id)).toBe(true);
    expect((await call('GET', `/api/concentrators/${theirs.id}`, undefined, installer)).json()).toMatchObject(
      {
        code: 'AREA_FORBIDDEN',
      },
    );
    expect(
      (await call('GET', `/api/concentrators/${theirs.id}/meters`, undefined, installer)).statusCode,
    ).toBe(403);
    expect(
      (await call('PATCH', `/api/concentrators/${theirs.id}`, { notes: 'x' }, installer)).statusCode,
    ).toBe(403);
    expect((await concentrator(away.id)).statusCode).toBe(201);
    const m = await meter();
    const across = await call(
      'PUT',
      `/api/meters/${m.id}/concentrator-point`,
      { concentratorId: theirs.id, point: 1 },
      installer,
    );
    expect(across.json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
    expect(
      (await call('PATCH', `/api/concentrators/${mine.id}`, { notes: 'x' }, viewer)).json(),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
