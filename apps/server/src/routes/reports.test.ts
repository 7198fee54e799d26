// Energy and line-loss reports through the API on both engines: a transformer area's meter over two
// building meters over households, roll-ups written straight into the store, read back per area and per
// meter at every granularity, the loss per level with the child not read named, exported as .xlsx in the
// caller's language, and kept to the caller's areas.
import type { AreaRow, MeterRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';
import { readTable } from '../sheets/table-file.ts';

let sequence = 0;
const fresh = (prefix: string) => `${prefix}${process.pid}r${(sequence++).toString().padStart(4, '0')}`;

async function meterIn(store: Store, area: AreaRow, parent: MeterRow | null, multiplier = 1) {
  const type = await store.meterTypes.create(
    {
      code: fresh('MT'),
      name: 'three-phase',
      model: 'DTZY666',
      constantImpPerKwh: 400,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 60_000,
      phases: 3,
      protocol: 'dlt645_2007',
      cardStandard: 'gb_t_18460',
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
      ctPrimary: multiplier,
      ctSecondary: 1,
      multiplier,
      stockedInAt: harnessNow,
    },
    harnessNow,
  );
}

describeEachEngine('reports through the API', (context) => {
  let app: App;
  let admin: Actor;
  let buildingTwoViewer: Actor;
  let community: AreaRow;
  let one: AreaRow;
  let two: AreaRow;
  const m: Record<string, MeterRow> = {};

  beforeAll(async () => {
    const store = context.store;
    app = await appFor(store);
    community = await store.areas.create(
      { parentId: null, kind: 'community', code: fresh('C'), name: '和园' },
      harnessNow,
    );
    one = await store.areas.create(
      { parentId: community.id, kind: 'building', code: fresh('B'), name: '1号楼' },
      harnessNow,
    );
    two = await store.areas.create(
      { parentId: community.id, kind: 'building', code: fresh('B'), name: '2号楼' },
      harnessNow,
    );
    // The transformer meter reads through a 10:1 CT: its registers are a tenth of the primary energy.
    m.transformer = await meterIn(store, community, null, 10);
    m.one = await meterIn(store, one, m.transformer);
    m.two = await meterIn(store, two, m.transformer);
    m.h1 = await meterIn(store, one, m.one);
    m.h2 = await meterIn(store, one, m.one);
    m.h3 = await meterIn(store, two, m.two);
    const share = (meter: MeterRow | undefined, day: string, energyWh: number) => ({
      meterId: meter?.id ?? 0,
      day,
      energyWh,
      readingWh: energyWh,
      readAt: null,
    });
    // 2026-11-20: 10 kWh in, 6 + 3.8 kWh to the buildings, 3 + 2.9 kWh to 1号楼's households, 2号楼's
    // household not read.
    await store.readings.addDailyShares([
      share(m.transformer, '2026-11-20', 1000),
      share(m.one, '2026-11-20', 6000),
      share(m.two, '2026-11-20', 3800),
      share(m.h1, '2026-11-20', 3000),
      share(m.h2, '2026-11-20', 2900),
      share(m.h1, '2026-12-01', 100),
    ]);
    // 2026-11-20 10:00 and 11:00 in Shanghai, and 12:30.
    const ten = Date.UTC(2026, 10, 20, 2, 0, 0);
    await store.readings.insertEnergy(
      [
        [ten, 500_000],
        [ten + 3_600_000, 500_400],
        [ten + 9_000_000, 501_000],
      ].map(([readAt, wh]) => ({
        meterId: m.h1?.id ?? 0,
        readAt: readAt as number,
        activeImportWh: wh as number,
        receivedAt: harnessNow,
      })),
    );
    admin = await signIn(app, store, 'administrator', 'all');
    buildingTwoViewer = await signIn(app, store, 'viewer', [two]);
  });
  afterAll(() => app.close());

  const get = (actor: Actor, url: string, language = 'en') =>
    app.inject({ method: 'GET', url, headers: { ...actor.headers, 'accept-language': language } });

  it('gives an area’s daily energy from its consumption meters, per building', async () => {
    const response = await get(
      admin,
      `/api/reports/energy?granularity=day&from=2026-11-19&to=2026-11-20&areaId=${community.id}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.periods).toEqual(['2026-11-19', '2026-11-20']);
    expect(report.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'area', id: one.id, name: '1号楼', energyWh: [0, 5900], meters: 2 }),
        expect.objectContaining({
          kind: 'area',
          id: two.id,
          energyWh: [0, 0],
          metersRead: [0, 0],
          meters: 1,
        }),
      ]),
    );
    expect(report.totalWh).toEqual([0, 5900]);
  });

  it('gives each meter’s energy, primary side, by day, month, year and hour', async () => {
    const byMeter = async (granularity: string, from: string, to: string) => {
      const response = await get(
        admin,
        `/api/reports/energy?granularity=${granularity}&groupBy=meter&from=${from}&to=${to}&areaId=${community.id}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json<{
        periods: string[];
        rows: { id: number; energyWh: (number | null)[] }[];
      }>();
      return { periods: report.periods, of: (id = 0) => report.rows.find((r) => r.id === id)?.energyWh };
    };
    const days = await byMeter('day', '2026-11-20', '2026-11-20');
    expect(days.of(m.transformer?.id)).toEqual([10_000]);
    expect(days.of(m.h3?.id)).toEqual([null]);
    const months = await byMeter('month', '2026-11-01', '2026-12-31');
    expect(months.periods).toEqual(['2026-11', '2026-12']);
    expect(months.of(m.h1?.id)).toEqual([3000, 100]);
    const years = await byMeter('year', '2026-01-01', '2026-12-31');
    expect(years.of(m.h1?.id)).toEqual([3100]);
    const hours = await byMeter('hour', '2026-11-20', '2026-11-20');
    expect(hours.periods).toHaveLength(24);
    const h1 = hours.of(m.h1?.id) ?? [];
    expect([h1[9], h1[10], h1[11], h1[12]]).toEqual([null, 400, 400, 200]);
  });

  it('states the line loss per level and names the child not read', async () => {
    const response = await get(
      admin,
      `/api/reports/line-loss?period=day&from=2026-11-20&to=2026-11-20&areaId=${community.id}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.rows).toEqual([
      expect.objectContaining({
        level: 1,
        parent: expect.objectContaining({ id: m.transformer?.id }),
        parentWh: 10_000,
        childrenWh: 9800,
        lossWh: 200,
        lossBasisPoints: 200,
        complete: true,
      }),
      expect.objectContaining({
        level: 2,
        parent: expect.objectContaining({ id: m.one?.id }),
        childrenWh: 5900,
        lossWh: 100,
        lossBasisPoints: 167,
      }),
      expect.objectContaining({
        level: 2,
        parent: expect.objectContaining({ id: m.two?.id }),
        childrenNotRead: [expect.objectContaining({ id: m.h3?.id, commAddress: m.h3?.commAddress })],
        complete: false,
      }),
    ]);
    expect(report.levels).toEqual([
      expect.objectContaining({ level: 1, parents: 1, lossWh: 200, lossBasisPoints: 200 }),
      expect.objectContaining({ level: 2, parents: 2, parentWh: 9800, childrenWh: 5900, childrenNotRead: 1 }),
    ]);
    const monthly = await get(
      admin,
      `/api/reports/line-loss?period=month&from=2026-11-01&to=2026-11-30&areaId=${community.id}`,
    );
    expect(monthly.json().rows[0]).toMatchObject({ period: '2026-11', lossWh: 200 });
  });

  it('exports .xlsx with headers in the caller’s language', async () => {
    const url = `/api/reports/line-loss?period=day&from=2026-11-20&to=2026-11-20&areaId=${community.id}&format=xlsx`;
    const zh = await get(admin, url, 'zh-CN');
    expect(zh.statusCode, zh.body).toBe(200);
    expect(zh.headers['content-disposition']).toContain('line-loss-day-2026-11-20-2026-11-20.xlsx');
    const table = await readTable('xlsx', zh.rawPayload);
    expect(table[0]?.[7]).toBe('线损率（%）');
    expect(table[1]).toEqual(expect.arrayContaining(['2026-11-20', '1', '10.000', '9.800', '0.200', '2.00']));
    const en = await get(
      admin,
      `/api/reports/energy?from=2026-11-20&to=2026-11-20&areaId=${community.id}&format=csv`,
    );
    expect(en.headers['content-type']).toContain('text/csv');
    expect(en.body.split('\n')[0]).toContain('area,in area,meters,2026-11-20 (kWh),total (kWh)');
  });

  it('keeps to the caller’s areas', async () => {
    const forbidden = await get(
      buildingTwoViewer,
      `/api/reports/line-loss?from=2026-11-20&to=2026-11-20&areaId=${one.id}`,
    );
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
    const own = await get(
      buildingTwoViewer,
      '/api/reports/energy?groupBy=meter&from=2026-11-20&to=2026-11-20',
    );
    expect(
      own
        .json()
        .rows.map((r: { id: number }) => r.id)
        .sort(),
    ).toEqual([m.two?.id, m.h3?.id].sort());
    const tooLong = await get(admin, '/api/reports/energy?granularity=hour&from=2026-01-01&to=2026-11-20');
    expect(tooLong.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
