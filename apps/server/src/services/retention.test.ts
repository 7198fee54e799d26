import { describeEachEngine } from '@openami/storage/testing';
import { expect, it } from 'vitest';
import { runRetention, scheduleRetention } from './retention.ts';

const day = 86_400_000;
const now = Date.UTC(2026, 11, 1);

describeEachEngine('retention runs', (context) => {
  it('removes what is past its retention and audits how many rows went, older than what', async () => {
    const store = context.store;
    const area = await store.areas.create({ parentId: null, kind: 'community', code: 'R1', name: 'R' }, now);
    const type = await store.meterTypes.create(
      {
        code: 'RT',
        name: 'single-phase',
        model: 'DDSY666',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      now,
    );
    const version = await store.meterTypes.currentVersion(type.id);
    const meter = await store.meters.stockIn(
      {
        factoryNo: 'RF1',
        commAddress: '000000000101',
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
        stockedInAt: now,
      },
      now,
    );
    await store.readings.insertEnergy(
      [500, 450, 10].map((d) => ({
        meterId: meter.id,
        readAt: now - d * day,
        activeImportWh: 1000 - d,
        receivedAt: now - d * day,
      })),
    );
    const periods = {
      readingsMs: 400 * day,
      clearedAlarmsMs: 365 * day,
      notificationsMs: undefined,
      residentCodesMs: 24 * 3_600_000,
    };
    const dry = await runRetention(store, periods, {
      now,
      actor: { name: 'console', sourceIp: 'console' },
      dryRun: true,
    });
    expect(dry.find((r) => r.kind === 'reading_energy')?.rows).toBe(2);
    const auditBefore = await store.audit.list({}, { limit: 100, offset: 0, sort: 'id', direction: 'desc' });
    const removed = await runRetention(store, periods, {
      now,
      actor: { name: 'retention', sourceIp: 'local' },
      batch: 1,
    });
    expect(removed.map((r) => [r.kind, r.rows])).toEqual([
      ['reading_energy', 2],
      ['reading_instant', 0],
      ['cleared_alarms', 0],
      ['resident_codes', 0],
    ]);
    const readings = await store.readings.energyBetween(meter.id, 0, now);
    expect(readings.map((r) => r.readAt)).toEqual([now - 10 * day]);
    const audit = await store.audit.list({}, { limit: 100, offset: 0, sort: 'id', direction: 'desc' });
    expect(audit.total).toBe(auditBefore.total + 1);
    const entry = audit.items.find((e) => e.action === 'system.retention');
    expect(entry).toMatchObject({ actorName: 'retention', entity: 'stored data', entityId: '*' });
    expect(typeof entry?.details === 'string' ? JSON.parse(entry.details) : entry?.details).toMatchObject({
      removed: expect.arrayContaining([
        { kind: 'reading_energy', rows: 2, olderThan: new Date(now - 400 * day).toISOString() },
      ]),
    });
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it('runs on its schedule, audited as the retention schedule, until stopped', async () => {
    const store = context.store;
    const runs = async () =>
      (await store.audit.list({}, { limit: 100, offset: 0, sort: 'id', direction: 'desc' })).items.filter(
        (e) => e.action === 'system.retention' && e.actorName === 'retention',
      ).length;
    const before = await runs();
    const lines: string[] = [];
    const stop = scheduleRetention(
      store,
      { readingsMs: day, clearedAlarmsMs: undefined, notificationsMs: undefined, residentCodesMs: 7_200_000 },
      {
        everyMs: 50,
        firstAfterMs: 10,
        clock: () => now,
        info: (l) => lines.push(l),
        error: (e) => lines.push(String(e)),
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop();
    const ran = (await runs()) - before;
    expect(ran).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await runs()) - before).toBeLessThanOrEqual(ran + 1);
    expect(lines.filter((l) => !l.startsWith('retention: removed'))).toEqual([]);
  });
});
