// Reading meters and commanding them through the API, with a real collector talking to the simulator over
// TCP: the operator's "read now" for a meter and for an area (progress over server-sent events), a relay
// command end to end, and the answers when something is missing.
import { Collector } from '@openami/headend';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, appFor, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

describe('collection through the API', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let app: App;
  let admin: Actor;
  let meterIds: readonly number[];
  let areaId: number;
  let basePort: number;

  beforeAll(async () => {
    basePort = await freeBasePort(2);
    field = await startField(
      generateField({ terminals: 1, ports: 2, metersPerPort: 2, seed: 5, baud: 9600, basePort }),
    );
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const stored = await storeField(store, field, { basePort, ports: 2, baud: 9600, stockedInAt: 0 });
    meterIds = stored.meterIds;
    areaId = stored.area.id;
    collector = new Collector(store, {
      bus: { responseDelayBudgetMs: 200 },
      credentials: { passwordLevel: 2, password: '123456', operatorCode: '00000001' },
    });
    await collector.start(false);
    app = await appFor(store, Date.now, collector);
    admin = await signIn(app, store, 'administrator', 'all');
    await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app.close();
    await collector.stop();
    await store.close();
    await field.stop();
  });

  it('reads a meter now, names every item, and stores the reading', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/read`,
      headers: admin.headers,
      payload: { items: ['00010000', '02010100'] },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ meterId: meterIds[0], status: 'complete', failures: [] });
    expect(body.readings).toEqual([
      expect.objectContaining({ di: '00010000', unit: 'kWh', value: expect.any(Number) }),
      expect.objectContaining({ di: '02010100', unit: 'V', value: expect.any(Number) }),
    ]);
    const stored = await store.readings.energyBetween(meterIds[0] as number, 0, Number.MAX_SAFE_INTEGER);
    expect(stored).toHaveLength(1);
  });

  it('reads and commands a meter put on a port while the server runs, without a restart (issue 22, item 8)', async () => {
    const meterId = meterIds[3] as number;
    const before = await store.meters.get(meterId);
    // Off its port, as a meter not yet installed on a terminal: the collector lets it go.
    await store.meters.update(meterId, { terminalPortId: null }, Date.now());
    await collector.fieldChanged();
    expect(collector.collects(meterId)).toBe(false);
    // Back on its port through the API: the very next request reaches the meter.
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/meters/${meterId}`,
      headers: admin.headers,
      payload: { terminalPortId: before?.terminalPortId },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const read = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterId}/read`,
      headers: admin.headers,
      payload: { items: ['00010000'] },
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ meterId, status: 'complete' });
  });

  it('gives status words as their set flags and the clock as a date and a time, for pages to word', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/read`,
      headers: admin.headers,
      payload: { items: ['status', 'clock'] },
    });
    expect(response.statusCode, response.body).toBe(200);
    const readings = response.json<{ readings: { di: string; form: unknown }[] }>().readings;
    const form = (di: string) => readings.find((r) => r.di === di)?.form;
    for (const di of ['04000501', '04000503', '04000507']) {
      expect(form(di), di).toEqual({
        kind: 'flags',
        raw: expect.any(Number),
        set: expect.any(Array),
        fields: expect.any(Array),
      });
    }
    // Status word 3 has two fields of several bits: the supply and the meter type.
    expect(form('04000503')).toMatchObject({
      fields: [
        { name: 'supply', value: expect.any(Number) },
        { name: 'meterType', value: expect.any(Number) },
      ],
    });
    expect(form('04000101')).toEqual({
      kind: 'date',
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      weekday: expect.any(Number),
    });
    expect(form('04000102')).toEqual({
      kind: 'timeOfDay',
      time: expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/),
    });
    // Energy is a number: it has no form of its own.
    const energy = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/read`,
      headers: admin.headers,
      payload: { items: ['00010000'] },
    });
    expect(energy.json<{ readings: { form: unknown }[] }>().readings[0]?.form).toBeNull();
  });

  it('refuses an unknown item in words', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/read`,
      headers: admin.headers,
      payload: { items: ['FFFF0000'] },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'UNKNOWN_ITEM', message: 'Unknown data item: FFFF0000' });
  });

  it('reads an area now and streams its progress to the client as server-sent events', async () => {
    const started = await app.inject({
      method: 'POST',
      url: `/api/areas/${areaId}/read`,
      headers: admin.headers,
      payload: { items: ['energy'] },
    });
    expect(started.statusCode, started.body).toBe(202);
    const run = started.json<{ id: number }>();
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const response = await fetch(`http://127.0.0.1:${address.port}/api/collection/runs/${run.id}/events`, {
      headers: { cookie: admin.headers.cookie as string },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({
      kind: m[1],
      data: JSON.parse(m[2] as string),
    }));
    const last = events.at(-1);
    expect(last).toMatchObject({
      kind: 'finished',
      data: { id: run.id, status: 'finished', metersTotal: 4 },
    });
    for (const event of events.slice(0, -1)) expect(event.kind).toBe('progress');
    const detail = await app.inject({
      method: 'GET',
      url: `/api/collection/runs/${run.id}`,
      headers: admin.headers,
    });
    expect(detail.json()).toMatchObject({
      successRate: 100,
      ports: [
        { portNo: 1, meters: 2, read: 2 },
        { portNo: 2, meters: 2, read: 2 },
      ],
    });
  });

  it('streams the progress of a run another process is running from the store, never as failed (issue 22, item 10)', async () => {
    const { collection } = store;
    const run = await collection.startRun({
      planId: 'hourly-energy',
      kind: 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId: null,
      startedAt: Date.now(),
      metersPlanned: 4,
    });
    const meterRow = (meterId: number, status: string) => ({
      runId: run.id,
      meterId,
      terminalId: null,
      portNo: null,
      status,
      reason: null,
      attempts: 1,
      durationMs: 100,
      clockOffsetMs: null,
    });
    await collection.recordMeters([meterRow(meterIds[0] as number, 'complete')]);
    await collection.recordProgress(run.id);
    // The list and the detail show it going: its total planned, its counts and rate so far.
    const list = await app.inject({ method: 'GET', url: '/api/collection/runs', headers: admin.headers });
    expect(list.json().items.find((r: { id: number }) => r.id === run.id)).toMatchObject({
      status: 'running',
      metersTotal: 4,
      metersComplete: 1,
    });
    const detail = await app.inject({
      method: 'GET',
      url: `/api/collection/runs/${run.id}`,
      headers: admin.headers,
    });
    expect(detail.json()).toMatchObject({ successRate: 100 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const streamed = fetch(`http://127.0.0.1:${address.port}/api/collection/runs/${run.id}/events`, {
      headers: { cookie: admin.headers.cookie as string },
    }).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await collection.recordMeters([meterRow(meterIds[1] as number, 'unreachable')]);
    await collection.recordProgress(run.id);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await collection.finishRun(run.id, Date.now(), 'finished', null);
    const events = [...(await streamed).matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({
      kind: m[1],
      data: JSON.parse(m[2] as string),
    }));
    expect(events.map((e) => e.kind)).not.toContain('failed');
    expect(events[0]).toMatchObject({ kind: 'progress', data: { total: 4, done: 1, complete: 1 } });
    expect(events).toContainEqual({
      kind: 'progress',
      data: { runId: run.id, total: 4, done: 2, complete: 1, partial: 0, unreachable: 1 },
    });
    expect(events.at(-1)).toMatchObject({ kind: 'finished', data: { id: run.id, metersTotal: 2 } });
  });

  it('announces every run as it ends on one stream, a read-now of a meter included', async () => {
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const response = await fetch(`http://127.0.0.1:${address.port}/api/collection/runs/events?maxSeconds=5`, {
      headers: { cookie: admin.headers.cookie as string },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const read = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/read`,
      headers: admin.headers,
      payload: { items: ['energy'] },
    });
    expect(read.statusCode, read.body).toBe(200);
    while (!text.includes('event: ended')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    await reader.cancel();
    const ended = /event: ended\ndata: (.*)\n\n/.exec(text);
    expect(JSON.parse(ended?.[1] ?? 'null')).toMatchObject({
      planId: 'read-now',
      status: 'finished',
      metersTotal: 1,
    });
  });

  it('trips a relay, confirms it by reading back, returns the same command for the same request id, and audits it', async () => {
    const command = (requestId: string, kind: string) =>
      app.inject({
        method: 'POST',
        url: `/api/meters/${meterIds[1]}/commands`,
        headers: admin.headers,
        payload: { requestId, kind },
      });
    const first = await command('api-trip-0001', 'relay-trip');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ state: 'confirmed', kind: 'relay-trip' });
    expect(field.meter(field.addresses()[1] as string).relayOpen).toBe(true);
    const again = await command('api-trip-0001', 'relay-trip');
    expect(again.json().id).toBe(first.json().id);
    expect((await command('api-close-0001', 'relay-close')).json()).toMatchObject({ state: 'confirmed' });
    const audit = await store.audit.list(
      { entity: 'meter', entityId: String(meterIds[1]) },
      { sort: 'id', direction: 'asc', limit: 10, offset: 0 },
    );
    expect(audit.items.map((a) => [a.action, a.actorName])).toEqual([
      ['meter.command.requested', admin.username],
      ['meter.command.confirmed', admin.username],
      ['meter.command.requested', admin.username],
      ['meter.command.confirmed', admin.username],
    ]);
  });

  it('says why a command failed as a reason code with its parameters, beside the text', async () => {
    const dead = field.addresses()[2] as string;
    field.setFaults({ meter: dead }, { dead: true });
    try {
      const sent = await app.inject({
        method: 'POST',
        url: `/api/meters/${meterIds[2]}/commands`,
        headers: admin.headers,
        payload: { requestId: 'api-trip-dead', kind: 'relay-trip' },
      });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({
        state: 'failed',
        reason: expect.stringMatching(/no reply/),
        reasonCode: 'timeout',
        reasonParams: {},
      });
    } finally {
      field.setFaults({ meter: dead }, undefined);
    }
    const history = await app.inject({
      method: 'GET',
      url: `/api/meters/${meterIds[2]}/commands`,
      headers: admin.headers,
    });
    expect(history.json()[0]).toMatchObject({ requestId: 'api-trip-dead', reasonCode: 'timeout' });
  });

  it('refuses a write the meter could not take, before anything is sent', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/commands`,
      headers: admin.headers,
      payload: { requestId: 'api-write-0001', kind: 'write', di: '00010000', value: 5 },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'ITEM_READ_ONLY',
      message: 'Data item 00010000 (forward active energy, total, current) can be read but not written',
    });
    expect(await store.collection.commandByRequestId('api-write-0001')).toBeUndefined();

    // The demand period is one BCD byte of whole minutes: 100 does not fit, said in the item's own words.
    const tooBig = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/commands`,
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
      payload: { requestId: 'api-write-0002', kind: 'write', di: '04000103', value: 100 },
    });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json()).toMatchObject({
      code: 'BAD_WRITE',
      message: '数据项 04000103（最大需量周期）不能写入这个值：值须符合格式 XX',
    });
    expect(await store.collection.commandByRequestId('api-write-0002')).toBeUndefined();
  });

  it('edits a plan, which the collector picks up, refuses one it could not run, and runs a plan now', async () => {
    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/collection/plans/hourly-energy',
      headers: admin.headers,
      payload: {
        schedule: { kind: 'interval', everyMinutes: 30, offsetMinutes: 2 },
        items: ['energy', 'prepaid'],
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(collector.plan('hourly-energy')).toMatchObject({
      schedule: { kind: 'interval', everyMinutes: 30 },
      items: [0x00010000, 0x00010100, 0x00010200, 0x00010300, 0x00010400, 0x00020000, 0x00900100, 0x00900200],
    });
    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/collection/plans/hourly-energy',
      headers: admin.headers,
      payload: { schedule: { kind: 'interval', everyMinutes: 7 } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'BAD_PLAN', message: expect.stringContaining('whole runs') });
    const run = await app.inject({
      method: 'POST',
      url: '/api/collection/plans/clock-check/run',
      headers: admin.headers,
    });
    expect(run.statusCode, run.body).toBe(202);
    const id = run.json<{ id: number }>().id;
    for (let i = 0; i < 100 && (await store.collection.getRun(id))?.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await store.collection.getRun(id)).toMatchObject({
      planId: 'clock-check',
      trigger: 'operator',
      status: 'finished',
      metersTotal: 4,
    });
    const offsets = await store.collection.runMeters(id, { kind: 'all' }, { limit: 10, offset: 0 });
    expect(offsets.items.every((m) => typeof m.clockOffsetMs === 'number')).toBe(true);
  });

  it('reads a meter in full when it lacks a prepaid balance, and says which it does not hold (issue 22, item 12)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/read`,
      headers: admin.headers,
      payload: { items: ['energy', 'prepaid'] },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'complete', failures: [] });
    expect(body.notHeld).toContainEqual({ di: '00900200', zh: '（当前）剩余金额', en: 'remaining money' });
    // The daily-freeze plan's items, named by their group, as the plan form sends them back.
    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/collection/plans/daily-frozen',
      headers: admin.headers,
      payload: { items: ['dailyFrozen'] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().items).toEqual(['dailyFrozen']);
  });

  it('says why a plan cannot run in the reader’s words, never an internal message (issue 22, item 15)', async () => {
    const create = (language: string) =>
      app.inject({
        method: 'POST',
        url: '/api/collection/plans',
        headers: { ...admin.headers, 'accept-language': language },
        payload: {
          id: 'instant-plan',
          name: { zh: '实时', en: 'instant' },
          kind: 'read',
          items: ['instant'],
          targets: {},
          schedule: { kind: 'interval', everyMinutes: 60 },
        },
      });
    const zh = await create('zh-CN');
    expect(zh.statusCode).toBe(422);
    expect(zh.json().message).toMatch(
      /^采集方案无法执行：不认识的数据项“instant”：请选择数据组（电能量、瞬时量/,
    );
    expect(zh.json().message).not.toMatch(/unknown data item/);
    const en = await create('en');
    expect(en.json().message).toMatch(
      /^This reading plan cannot run: unknown data item “instant”: choose an item group/,
    );
    // A plan written into the database by hand: its problem in the list, in the reader's language.
    await store.plans.seed(
      [
        {
          id: 'hand-written',
          nameZh: '手写',
          nameEn: 'hand written',
          kind: 'read',
          items: JSON.stringify(['instant']),
          targets: '{}',
          schedule: JSON.stringify({ kind: 'interval', everyMinutes: 60 }),
          enabled: 0,
        },
      ],
      Date.now(),
    );
    const list = await app.inject({
      method: 'GET',
      url: '/api/collection/plans',
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
    });
    expect(list.json().find((p: { id: string }) => p.id === 'hand-written')).toMatchObject({
      problem: expect.stringMatching(/^不认识的数据项“instant”/),
    });
    const run = await app.inject({
      method: 'POST',
      url: '/api/collection/plans/hand-written/run',
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
    });
    expect(run.statusCode).toBe(422);
    expect(run.json().message).toMatch(/^采集方案无法执行：不认识的数据项“instant”/);
  });

  it('says so when no collector runs in the server', async () => {
    const bare = await appFor(store);
    const viewer = await signIn(bare, store, 'administrator', 'all');
    const response = await bare.inject({
      method: 'POST',
      url: `/api/meters/${meterIds[0]}/read`,
      headers: viewer.headers,
      payload: {},
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'FIELD_UNAVAILABLE' });
    await bare.close();
  });
});
