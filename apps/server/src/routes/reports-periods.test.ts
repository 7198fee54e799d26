// Reports that do not mislead (issue 22, item 17) on both engines: a month the range cuts holds the range's
// days and is named by them; today is marked as not over, in the figures and in the sheets, and its line loss
// is not stated as final.
import type { AreaRow, MeterRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';
import { readTable } from '../sheets/table-file.ts';

let sequence = 0;
const fresh = (prefix: string) => `${prefix}${process.pid}p${(sequence++).toString().padStart(4, '0')}`;

async function meterIn(store: Store, area: AreaRow, parent: MeterRow | null) {
  const type = await store.meterTypes.create(
    {
      code: fresh('MT'),
      name: 'single-phase',
      model: 'DDZY666',
      constantImpPerKwh: 1600,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 60_000,
      phases: 1,
      protocol: 'dlt645_2007',
      cardStandard: 'none',
    },
    null,
    harnessNow,
  );
  const version = await store.meterTypes.currentVersion(type.id);
  return store.meters.stockIn(
    {
      factoryNo: fresh('F'),
      commAddress: fresh('').slice(-12).padStart(12, '0'),
      meterTypeId: type.id,
      meterTypeVersionId: version?.id ?? 0,
      state: 'installed',
      startingReadingWh: 0,
      areaId: area.id,
      terminalPortId: null,
      parentMeterId: parent?.id ?? null,
      ptPrimary: 1,
      ptSecondary: 1,
      ctPrimary: 1,
      ctSecondary: 1,
      multiplier: 1,
      stockedInAt: harnessNow,
    },
    harnessNow,
  );
}

// The harness's clock: 2026-11-22 16:00 in Shanghai, so 2026-11-22 is today and not over.
const today = '2026-11-22';

describeEachEngine('report periods', (context) => {
  let app: App;
  let admin: Actor;
  let building: AreaRow;
  let parent: MeterRow;
  let home: MeterRow;

  beforeAll(async () => {
    const store = context.store;
    app = await appFor(store);
    building = await store.areas.create(
      { parentId: null, kind: 'building', code: fresh('B'), name: '3号楼' },
      harnessNow,
    );
    parent = await meterIn(store, building, null);
    home = await meterIn(store, building, parent);
    const share = (meter: MeterRow, day: string, energyWh: number) => ({
      meterId: meter.id,
      day,
      energyWh,
      readingWh: energyWh,
      readAt: null,
    });
    await store.readings.addDailyShares([
      // Before the seven days asked for: in November's roll-up, not in the report's "month".
      share(parent, '2026-11-10', 9_000),
      share(home, '2026-11-10', 8_000),
      share(parent, '2026-11-20', 1_000),
      share(home, '2026-11-20', 900),
      // Today so far: the building's meter was read later than the home's, so the loss looks large.
      share(parent, today, 1_500),
      share(home, today, 1_000),
    ]);
    admin = await signIn(app, store, 'administrator', 'all');
  });
  afterAll(() => app.close());

  const get = (url: string, language = 'en') =>
    app.inject({ method: 'GET', url, headers: { ...admin.headers, 'accept-language': language } });

  it('gives a month the range cuts the range’s days only, and names them', async () => {
    const response = await get(
      `/api/reports/energy?granularity=month&groupBy=meter&from=2026-11-16&to=${today}&areaId=${building.id}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<{
      periods: string[];
      spans: unknown[];
      madeAt: number;
      madeAtLocal: string;
      rows: { id: number; energyWh: (number | null)[] }[];
    }>();
    expect(report.periods).toEqual(['2026-11']);
    expect(report.spans).toEqual([
      { period: '2026-11', from: '2026-11-16', to: today, partial: true, status: 'running' },
    ]);
    expect(report.madeAt).toBe(harnessNow);
    expect(report.madeAtLocal).toBe('2026-11-22 16:00');
    expect(report.rows.find((r) => r.id === home.id)?.energyWh).toEqual([1_900]);
    const whole = await get(
      `/api/reports/energy?granularity=month&groupBy=meter&from=2026-11-01&to=2026-11-30&areaId=${building.id}`,
    );
    expect(
      whole.json<{ rows: { id: number; energyWh: number[] }[] }>().rows.find((r) => r.id === home.id),
    ).toMatchObject({ energyWh: [9_900] });
    const sheet = await get(
      `/api/reports/energy?granularity=month&from=2026-11-16&to=${today}&areaId=${building.id}&format=csv`,
    );
    expect(sheet.body.split('\n')[0]).toContain('2026-11-16–2026-11-22 (not over, to 16:00) (kWh)');
  });

  it('marks today’s line loss as provisional, in the figures and in the sheet', async () => {
    const response = await get(
      `/api/reports/line-loss?period=day&from=2026-11-20&to=${today}&areaId=${building.id}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<{
      spans: { period: string; status: string }[];
      rows: { period: string; final: boolean; lossBasisPoints: number }[];
      levels: { period: string; final: boolean }[];
    }>();
    expect(report.spans.map((s) => [s.period, s.status])).toEqual([
      ['2026-11-20', 'over'],
      ['2026-11-21', 'over'],
      [today, 'running'],
    ]);
    expect(report.rows.find((r) => r.period === '2026-11-20')).toMatchObject({ final: true });
    expect(report.rows.find((r) => r.period === today)).toMatchObject({
      final: false,
      lossBasisPoints: 3333,
    });
    expect(report.levels.find((l) => l.period === today)).toMatchObject({ final: false });

    const zh = await get(
      `/api/reports/line-loss?period=day&from=2026-11-20&to=${today}&areaId=${building.id}&format=xlsx`,
      'zh-CN',
    );
    const table = await readTable('xlsx', zh.rawPayload);
    expect(table[0]?.at(-1)).toBe('说明');
    const todays = table.find((row) => row[0] === today && row[1] === '1');
    expect(todays?.at(-1)).toBe('未结束，截至 16:00：线损为暂估，不是最终结果');
    expect(table.find((row) => row[0] === '2026-11-20' && row[1] === '1')?.at(-1)).toBe('');
  });

  it('names a month of line loss the range cuts by its days', async () => {
    const zh = await get(
      `/api/reports/line-loss?period=month&from=2026-11-16&to=${today}&areaId=${building.id}&format=csv`,
      'zh-CN',
    );
    expect(zh.body).toContain('2026-11-16–2026-11-22,1,');
  });
});
