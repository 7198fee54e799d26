// Alarms through the API with a real collector on the simulator: a cover opened in the field reaches an open
// server-sent event stream within a second of the read that shows it, is listed with its evidence, and is
// acknowledged with a comment (audited, pushed to the stream too).
import { AlarmEngine, Collector, ITEM_GROUPS, type ReadingPlan } from '@openami/headend';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, generateField, runScenario, startField } from '@openami/sim';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, signIn } from '../../test/harness.ts';
import { type App, buildApp } from '../app.ts';

const statusPlan: ReadingPlan = {
  id: 'status-now',
  name: { zh: '状态', en: 'status' },
  kind: 'read',
  items: ITEM_GROUPS.status,
  targets: {},
  schedule: { kind: 'interval', everyMinutes: 15 },
};

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
    collector = new Collector(store, { bus: { responseDelayBudgetMs: 200 }, alarms });
    await collector.start(false);
    app = await buildApp({
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
        if (outcome.meterId === String(meterIds[0])) readAt = Date.now();
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
});
