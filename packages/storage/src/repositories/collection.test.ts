import { everyArea } from '@openami/domain';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, makeMeter, testNow, unique } from '../../test/fixtures.ts';

const outcome = (runId: number, meterId: number, status: string, portNo = 1) => ({
  runId,
  meterId,
  terminalId: 7,
  portNo,
  status,
  reason: status === 'unreachable' ? 'no reply within 1 200 ms' : null,
  attempts: status === 'unreachable' ? 3 : 1,
  durationMs: 250,
  clockOffsetMs: null,
});

describeEachEngine('collection runs and commands', (context) => {
  it('tell the field version, which changes with a meter, a terminal or a port and only then', async () => {
    const { collection } = context.store;
    const area = await makeArea(context.store);
    const first = await collection.fieldVersion();
    expect(await collection.fieldVersion()).toBe(first);
    const meter = await makeMeter(context.store, area.id);
    const withMeter = await collection.fieldVersion();
    expect(withMeter).not.toBe(first);
    await context.store.meters.update(meter.id, { terminalPortId: null }, testNow + 60_000);
    const moved = await collection.fieldVersion();
    expect(moved).not.toBe(withMeter);
    const terminal = await context.store.terminals.create(
      { areaId: area.id, name: unique('T'), model: 'DH601', mode: 'tcp_server', address: '127.0.0.1:4001' },
      [{ portNo: 1, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
      testNow,
    );
    const withTerminal = await collection.fieldVersion();
    expect(withTerminal).not.toBe(moved);
    await context.store.terminals.setPorts(terminal.id, [
      { portNo: 1, baud: 9600, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' },
    ]);
    expect(await collection.fieldVersion()).not.toBe(withTerminal);
  });

  it('record a run with its meters, its totals and the success rate of each port', async () => {
    const area = await makeArea(context.store);
    const meters = await Promise.all([1, 2, 3].map(() => makeMeter(context.store, area.id)));
    const [a, b, c] = meters.map((m) => m.id) as [number, number, number];
    const run = await context.store.collection.startRun({
      planId: 'hourly-energy',
      kind: 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId: null,
      startedAt: testNow,
    });
    expect(run).toMatchObject({ status: 'running', metersTotal: 0 });
    await context.store.collection.recordMeters([
      outcome(run.id, a, 'complete'),
      outcome(run.id, b, 'partial'),
    ]);
    // Recording a meter again (a retried batch) replaces its row.
    await context.store.collection.recordMeters([
      outcome(run.id, b, 'partial'),
      outcome(run.id, c, 'unreachable', 2),
    ]);
    const summary = { meters: 3, complete: 1, partial: 1, unreachable: 1 };
    const finished = await context.store.collection.finishRun(
      run.id,
      testNow + 5000,
      'finished',
      '3 meters: 1 complete, 1 partial, 1 unreachable',
      { code: 'read-summary', params: summary },
    );
    expect(finished).toMatchObject({
      detailCode: 'read-summary',
      detailParams: summary,
      status: 'finished',
      metersTotal: 3,
      metersComplete: 1,
      metersPartial: 1,
      metersFailed: 1,
      finishedAt: testNow + 5000,
    });
    expect(await context.store.collection.portRates(run.id)).toEqual([
      { terminalId: 7, portNo: 1, meters: 2, read: 2, failed: 0 },
      { terminalId: 7, portNo: 2, meters: 1, read: 0, failed: 1 },
    ]);
    const failed = await context.store.collection.runMeters(run.id, everyArea, {
      failedOnly: true,
      limit: 10,
      offset: 0,
    });
    // Not read in full: the unreachable meter first, then the partial read with what it missed (issue 22, item 12).
    expect(failed.items.map((r) => [r.meterId, r.status, r.reason])).toEqual([
      [c, 'unreachable', 'no reply within 1 200 ms'],
      [b, 'partial', null],
    ]);
    const outOfScope = await context.store.collection.runMeters(
      run.id,
      { kind: 'paths', paths: ['/999999/'] },
      { limit: 10, offset: 0 },
    );
    expect(outOfScope.total).toBe(0);
    const listed = await context.store.collection.listRuns(
      { planId: 'hourly-energy' },
      { sort: 'startedAt', direction: 'desc', limit: 5, offset: 0 },
    );
    expect(listed.items[0]).toMatchObject({ id: run.id, detailCode: 'read-summary', detailParams: summary });
    expect(await context.store.collection.getRun(run.id)).toMatchObject({ detailParams: summary });
  });

  it('show a running run’s planned total and its counts so far, for lists in any process', async () => {
    const area = await makeArea(context.store);
    const [a, b] = (await Promise.all([1, 2].map(() => makeMeter(context.store, area.id)))).map(
      (m) => m.id,
    ) as [number, number];
    const { collection } = context.store;
    const run = await collection.startRun({
      planId: 'hourly-energy',
      kind: 'read',
      trigger: 'schedule',
      requestedBy: null,
      areaId: null,
      startedAt: testNow,
      metersPlanned: 5,
    });
    expect(run).toMatchObject({ status: 'running', metersTotal: 5, metersComplete: 0 });
    await collection.recordMeters([outcome(run.id, a, 'complete'), outcome(run.id, b, 'unreachable')]);
    await collection.recordProgress(run.id);
    expect(await collection.getRun(run.id)).toMatchObject({
      status: 'running',
      metersTotal: 5,
      metersComplete: 1,
      metersPartial: 0,
      metersFailed: 1,
    });
    // At the end, the total is the meters it tried; progress no longer touches it.
    await collection.finishRun(run.id, testNow + 1, 'finished', null);
    await collection.recordProgress(run.id);
    expect(await collection.getRun(run.id)).toMatchObject({ status: 'finished', metersTotal: 2 });
  });

  it('mark runs left running by a stopped process as interrupted, keeping what they recorded', async () => {
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    const run = await context.store.collection.startRun({
      planId: unique('plan'),
      kind: 'read',
      trigger: 'operator',
      requestedBy: null,
      areaId: area.id,
      startedAt: testNow,
    });
    await context.store.collection.recordMeters([outcome(run.id, meter.id, 'complete')]);
    expect(await context.store.collection.interruptRunning(testNow + 1)).toBeGreaterThanOrEqual(1);
    expect(await context.store.collection.getRun(run.id)).toMatchObject({
      status: 'interrupted',
      metersTotal: 1,
      metersComplete: 1,
      detail: 'the collector stopped before the run ended',
      detailCode: 'run-interrupted',
      detailParams: {},
    });
  });

  it('persist a command once per request id, and let only one process claim it', async () => {
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    const requestId = unique('req');
    const request = {
      meterId: meter.id,
      kind: 'relay-trip',
      params: '{}',
      requestId,
      requestedBy: null,
      requestedAt: testNow,
    };
    const [first, second] = await Promise.all([
      context.store.collection.requestCommand(request),
      context.store.collection.requestCommand(request),
    ]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.command.id).toBe(second.command.id);
    const id = first.command.id;
    const claims = await Promise.all([
      context.store.collection.claimCommand(id, testNow + 1),
      context.store.collection.claimCommand(id, testNow + 1),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await context.store.collection.unfinishedCommands()).map((c) => c.id)).toContain(id);
    await context.store.collection.finishCommand(
      id,
      { state: 'confirmed', reason: null, attempts: 1 },
      testNow + 2,
    );
    expect(await context.store.collection.commandsOfMeter(meter.id, 5)).toEqual([
      expect.objectContaining({ id, state: 'confirmed', sentAt: testNow + 1, finishedAt: testNow + 2 }),
    ]);
    expect((await context.store.collection.unfinishedCommands()).map((c) => c.id)).not.toContain(id);
  });

  it('keep why a meter or a command failed as a code with its parameters, beside the text', async () => {
    const area = await makeArea(context.store);
    const [coded, old] = [await makeMeter(context.store, area.id), await makeMeter(context.store, area.id)];
    const run = await context.store.collection.startRun({
      planId: unique('plan'),
      kind: 'read',
      trigger: 'operator',
      requestedBy: null,
      areaId: area.id,
      startedAt: testNow,
    });
    const several = {
      reasons: [
        { code: 'timeout', params: {} },
        { code: 'item-refused', params: { item: '02010200', errors: ['no-data'] } },
      ],
    };
    await context.store.collection.recordMeters([
      { ...outcome(run.id, coded.id, 'unreachable'), reasonCode: 'timeout', reasonParams: {} },
      // Written as rows were before reason codes: the text alone.
      outcome(run.id, old.id, 'unreachable'),
    ]);
    // Recorded again (a retried batch): the code follows the row.
    await context.store.collection.recordMeters([
      { ...outcome(run.id, coded.id, 'partial'), reasonCode: 'several', reasonParams: several },
    ]);
    const meters = await context.store.collection.runMeters(run.id, everyArea, { limit: 10, offset: 0 });
    expect(meters.items.map((m) => [m.meterId, m.reasonCode, m.reasonParams])).toEqual(
      expect.arrayContaining([
        [coded.id, 'several', several],
        [old.id, null, null],
      ]),
    );
    expect((await context.store.collection.meterHistory(old.id, 1))[0]).toMatchObject({
      reason: 'no reply within 1 200 ms',
      reasonCode: null,
      reasonParams: null,
    });

    const { command } = await context.store.collection.requestCommand({
      meterId: coded.id,
      kind: 'top-up',
      params: '{}',
      requestId: unique('req'),
      requestedBy: null,
      requestedAt: testNow,
    });
    expect(command).toMatchObject({ reason: null, reasonCode: null, reasonParams: null });
    const refusal = { step: 'top-up', refusals: ['purchase-count'] };
    const finished = await context.store.collection.finishCommand(
      command.id,
      {
        state: 'failed',
        reason: 'meter 000000000001 refused the top-up: the purchase count is not the next one',
        reasonCode: 'security-refused',
        reasonParams: refusal,
        attempts: 1,
      },
      testNow + 1,
    );
    expect(finished).toMatchObject({ reasonCode: 'security-refused', reasonParams: refusal });
    expect(await context.store.collection.getCommand(command.id)).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/purchase count/),
      reasonCode: 'security-refused',
      reasonParams: refusal,
    });
    expect((await context.store.collection.commandsOfMeter(coded.id, 1))[0]?.reasonParams).toEqual(refusal);
  });

  it('name the meters unreachable in each of the last runs', async () => {
    const area = await makeArea(context.store);
    const [good, bad] = [await makeMeter(context.store, area.id), await makeMeter(context.store, area.id)];
    for (let i = 0; i < 3; i++) {
      const run = await context.store.collection.startRun({
        planId: 'unreachable-test',
        kind: 'read',
        trigger: 'schedule',
        requestedBy: null,
        areaId: null,
        startedAt: testNow + i,
      });
      await context.store.collection.recordMeters([
        outcome(run.id, good.id, i === 1 ? 'unreachable' : 'complete'),
        outcome(run.id, bad.id, 'unreachable'),
      ]);
      await context.store.collection.finishRun(run.id, testNow + i, 'finished', null);
    }
    const unreachable = await context.store.collection.unreachableMeters(3);
    expect(unreachable.map((u) => u.meterId)).toContain(bad.id);
    expect(unreachable.map((u) => u.meterId)).not.toContain(good.id);
  });

  it('tell when each meter last answered, leaving out meters that never did', async () => {
    const area = await makeArea(context.store);
    const [good, bad, idle] = [
      await makeMeter(context.store, area.id),
      await makeMeter(context.store, area.id),
      await makeMeter(context.store, area.id),
    ];
    for (const [i, goodStatus] of ['complete', 'unreachable'].entries()) {
      const run = await context.store.collection.startRun({
        planId: 'answered-test',
        kind: 'read',
        trigger: 'schedule',
        requestedBy: null,
        areaId: null,
        startedAt: testNow + i * 1000,
      });
      await context.store.collection.recordMeters([
        outcome(run.id, good.id, goodStatus),
        outcome(run.id, bad.id, 'unreachable'),
      ]);
    }
    const answered = await context.store.collection.lastAnsweredAt([good.id, bad.id, idle.id]);
    expect([...answered]).toEqual([[good.id, testNow]]);
  });
});

describeEachEngine('reading plans', (context) => {
  it('are seeded once, edited, and never deleted', async () => {
    const plan = {
      id: 'hourly-energy',
      nameZh: '整点电能',
      nameEn: 'Hourly energy',
      kind: 'read',
      items: '["00010000"]',
      targets: '{}',
      schedule: '{"kind":"interval","everyMinutes":60}',
      enabled: 1,
    };
    expect(await context.store.plans.seed([plan], testNow)).toBe(1);
    await context.store.plans.update('hourly-energy', { enabled: 0 }, testNow + 1);
    // Seeding again (the next start) keeps the site's change.
    expect(await context.store.plans.seed([plan], testNow + 2)).toBe(0);
    expect(await context.store.plans.list()).toEqual([
      expect.objectContaining({ id: 'hourly-energy', enabled: 0, updatedAt: testNow + 1 }),
    ]);
  });
});
