// Alarms through the API with a real collector on the simulator: a cover opened in the field reaches an open
// server-sent event stream within a second of the read that shows it, is listed with its evidence, and is
// acknowledged with a comment (audited, pushed to the stream too). Alarm rules set per area take effect in
// the running engine at once, only for one's own areas, audited; back-dated alarms over more than 12 months
// export by time range.
import { AlarmEngine } from '@openami/alarms';
import { Collector, ITEM_GROUPS } from '@openami/headend';
import { freeBasePort, readPlan, storeField } from '@openami/headend/testing';
import { type Field, generateField, runScenario, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, signIn } from '../../test/harness.ts';
import { type App, buildApp } from '../app.ts';

const energyPlan = readPlan('energy-now', [0x00010000], 15);

const statusPlan = readPlan('status-now', ITEM_GROUPS.status, 15);

describe('alarms through the API', () => {
  let field: Field;
  let store: Store;
  let collector: Collector;
  let app: App;
  let admin: Actor;
  let meterIds: readonly number[];
  let basePort: number;

  beforeAll(async () => {
    basePort = await freeBasePort(1);
    field = await startField(
      generateField({ terminals: 1, ports: 1, metersPerPort: 2, seed: 8, baud: 9600, basePort }),
    );
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    meterIds = (await storeField(store, field, { basePort, ports: 1, baud: 9600, stockedInAt: 0 })).meterIds;
    const alarms = new AlarmEngine(store);
    collector = new Collector(store, { bus: { responseDelayBudgetMs: 200 }, observer: alarms });
    await collector.start(false);
    app = await buildApp({
      checkResponses: true,
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      loginRateLimit: 1000,
      field: collector,
      alarms,
    });
    admin = await signIn(app, store, 'administrator', 'all');
    await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app.close();
    await collector.stop();
    await store.close();
    await field.stop();
  });

  it('pushes a cover opened in the field to the browser within a second, and takes its acknowledgement', async () => {
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    await collector.runPlan(statusPlan);
    const response = await fetch(`http://127.0.0.1:${address.port}/api/alarms/events`, {
      headers: { cookie: admin.headers.cookie as string },
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async (): Promise<{ kind: string; data: Record<string, unknown>; at: number }> => {
      for (;;) {
        const match = /event: (\w+)\ndata: (.*)\n\n/.exec(buffer);
        if (match !== null) {
          buffer = buffer.slice((match.index ?? 0) + match[0].length);
          return { kind: match[1] as string, data: JSON.parse(match[2] as string), at: Date.now() };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };

    runScenario(field, field.addresses()[0] as string, { kind: 'cover-open' });
    let readAt = 0;
    const run = collector.runPlan(statusPlan, {
      onOutcome: (outcome) => {
        if (outcome.meterId === meterIds[0]) readAt = Date.now();
      },
    });
    const raised = await nextEvent();
    await run;
    expect(raised).toMatchObject({
      kind: 'raised',
      data: { kind: 'cover-open', objectId: String(meterIds[0]), evidence: { before: 0, after: 1 } },
    });
    // From the meter's read outcome (its reply received and stored) to the event on the stream.
    expect(raised.at - readAt).toBeLessThan(1000);

    const listed = await app.inject({ method: 'GET', url: '/api/alarms?state=open', headers: admin.headers });
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id: raised.data.id, severity: 'critical' }),
    ]);

    const acked = await app.inject({
      method: 'POST',
      url: `/api/alarms/${raised.data.id}/acknowledge`,
      headers: admin.headers,
      payload: { comment: '表箱已重新铅封' },
    });
    expect(acked.statusCode, acked.body).toBe(200);
    expect(acked.json()).toMatchObject({
      state: 'cleared',
      ackComment: '表箱已重新铅封',
      acknowledgedByName: admin.username,
    });
    expect(await nextEvent()).toMatchObject({ kind: 'acknowledged', data: { id: raised.data.id } });
    const again = await app.inject({
      method: 'POST',
      url: `/api/alarms/${raised.data.id}/acknowledge`,
      headers: admin.headers,
      payload: { comment: 'again' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALARM_NOT_OPEN' });
    await reader.cancel();
  });

  it('sets an alarm rule for an area, which the engine follows at once, and shows where each setting comes from', async () => {
    const meter = await store.meters.get(meterIds[1] as number);
    const areaId = meter?.areaId as number;
    const meterTypeId = meter?.meterTypeId as number;
    const area = await store.areas.get(areaId);
    const rules = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/alarms/rules?${query}`, headers: admin.headers })).json();
    const before = await rules(`areaId=${areaId}&meterTypeId=${meterTypeId}`);
    expect(before.rules.find((r: { kind: string }) => r.kind === 'meter-unreachable')).toMatchObject({
      enabled: true,
      severity: 'major',
      params: { runs: 3 },
      sources: { runs: 'default' },
    });

    const maintenance = await signIn(app, store, 'maintenance', [area as NonNullable<typeof area>]);
    const put = (actor: Actor, payload: Record<string, unknown>, kind = 'meter-unreachable') =>
      app.inject({ method: 'PUT', url: `/api/alarms/rules/${kind}`, headers: actor.headers, payload });
    const set = await put(maintenance, { areaId, severity: 'critical', params: { runs: 1 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ areaId, meterTypeId: null, enabled: null, params: { runs: 1 } });
    // The whole site is not the maintenance worker's to set; a bad threshold is refused with its reason.
    expect((await put(maintenance, { params: { runs: 2 } })).json()).toMatchObject({
      code: 'AREA_FORBIDDEN',
    });
    const bad = await put(maintenance, { areaId, params: { runs: 0, hours: 2 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'BAD_ALARM_RULE' });
    const viewer = await signIn(app, store, 'viewer', 'all');
    expect((await put(viewer, { areaId, params: { runs: 2 } })).json()).toMatchObject({ code: 'FORBIDDEN' });

    // The site sets the meter type's severity; the area's own setting still wins.
    expect((await put(admin, { meterTypeId, severity: 'minor', params: { runs: 5 } })).statusCode).toBe(200);
    const after = await rules(`areaId=${areaId}&meterTypeId=${meterTypeId}`);
    expect(after.rules.find((r: { kind: string }) => r.kind === 'meter-unreachable')).toMatchObject({
      severity: 'critical',
      params: { runs: 1 },
      sources: { severity: { areaId, meterTypeId: null }, runs: { areaId, meterTypeId: null } },
    });
    expect(after.overrides.map((o: { areaId: number | null }) => o.areaId)).toEqual([areaId, null]);

    // One failed run is enough now, in the engine already running.
    field.setFaults({ meter: field.addresses()[1] as string }, { dead: true });
    await collector.runPlan(energyPlan);
    field.setFaults({ meter: field.addresses()[1] as string }, undefined);
    const open = await store.alarms.open({
      kind: 'meter-unreachable',
      objectType: 'meter',
      objectId: String(meterIds[1]),
    });
    expect(open).toMatchObject({ severity: 'critical' });

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/alarms/rules/meter-unreachable?areaId=${areaId}`,
      headers: maintenance.headers,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await rules(`areaId=${areaId}&meterTypeId=${meterTypeId}`)).rules[2]).toMatchObject({
      kind: 'meter-unreachable',
      severity: 'minor',
      params: { runs: 5 },
    });
    const audit = await store.audit.list(
      { entity: 'alarm rule' },
      { sort: 'id', direction: 'asc', limit: 10, offset: 0 },
    );
    expect(audit.items.map((a) => [a.action, a.actorName])).toEqual([
      ['alarm.rule.set', maintenance.username],
      ['alarm.rule.set', admin.username],
      ['alarm.rule.removed', maintenance.username],
    ]);
  });

  it('exports alarms by a time range longer than 12 months, back-dated rows included', async () => {
    const DAY = 86_400_000;
    const now = Date.now();
    for (let month = 0; month < 14; month++) {
      const { alarm } = await store.alarms.raise(
        {
          kind: 'overload-trip',
          objectType: 'meter',
          objectId: `old-${month}`,
          severity: 'major',
          areaId: null,
          evidence: { month },
        },
        now - (month * 30 + 1) * DAY,
      );
      await store.alarms.clear(alarm.id, 'condition-ended', alarm.raisedAt + 60_000);
    }
    const from = now - 400 * DAY;
    const exported = await app.inject({
      method: 'GET',
      url: `/api/alarms/export?format=csv&kind=overload-trip&from=${from}&to=${now}`,
      headers: admin.headers,
    });
    expect(exported.statusCode).toBe(200);
    const lines = exported.body.trim().split('\n');
    // The header and 14 months, the oldest 391 days back.
    expect(lines).toHaveLength(15);
    expect(lines.at(-1)).toContain('meter old-13');
    // Kinds, severities and states in words, times in the site's zone (the header names it).
    expect(lines[0]).toContain('raised at (Asia/Shanghai)');
    expect(lines[1]).toContain('meter tripped on overload,major');
    expect(lines[1]).toContain(',cleared,');
    expect(lines[1]).not.toContain('overload-trip');

    const chinese = await app.inject({
      method: 'GET',
      url: `/api/alarms/export?format=csv&kind=overload-trip&from=${from}&to=${now}`,
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
    });
    const first = chinese.body.trim().split('\n')[1] as string;
    expect(first).toContain('电表过载跳闸,重要');
    expect(first).toContain(',已解除,');
    const raised = now - DAY;
    const wall = new Date(raised + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(first).toContain(wall);
  });
});
