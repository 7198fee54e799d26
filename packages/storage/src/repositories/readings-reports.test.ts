import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, newMeter, testNow } from '../../test/fixtures.ts';

describeEachEngine('readings for reports', (context) => {
  it('reads many meters’ roll-ups and registers at once, and the meters of an area with their parents', async () => {
    const { store } = context;
    const community = await makeArea(store);
    const building = await makeArea(store, community.id, 'building');
    const elsewhere = await makeArea(store);
    const parent = await store.meters.stockIn(
      await newMeter(store, community.id, { multiplier: 40 }),
      testNow,
    );
    const child = await store.meters.stockIn(
      await newMeter(store, building.id, { parentMeterId: parent.id }),
      testNow,
    );
    const stranger = await store.meters.stockIn(await newMeter(store, elsewhere.id), testNow);
    const ids = [parent.id, child.id, stranger.id];
    const share = (meterId: number, day: string, energyWh: number) => ({
      meterId,
      day,
      energyWh,
      readingWh: energyWh,
      readAt: null,
    });
    await store.readings.addDailyShares([
      share(parent.id, '2026-11-20', 100),
      share(parent.id, '2026-11-21', 120),
      share(child.id, '2026-11-21', 90),
      share(stranger.id, '2026-12-01', 5),
    ]);
    const days = await store.readings.dailyOf(ids, '2026-11-21', '2026-11-30');
    expect(days.sort((a, b) => a.meterId - b.meterId)).toEqual([
      { meterId: parent.id, period: '2026-11-21', energyWh: 120 },
      { meterId: child.id, period: '2026-11-21', energyWh: 90 },
    ]);
    const months = await store.readings.monthlyOf(ids, '2026-11', '2026-12');
    expect(months.sort((a, b) => a.meterId - b.meterId)).toEqual([
      { meterId: parent.id, period: '2026-11', energyWh: 220 },
      { meterId: child.id, period: '2026-11', energyWh: 90 },
      { meterId: stranger.id, period: '2026-12', energyWh: 5 },
    ]);

    const reading = (meterId: number, minutes: number, wh: number) => ({
      meterId,
      readAt: testNow + minutes * 60_000,
      activeImportWh: wh,
      receivedAt: testNow,
    });
    await store.readings.insertEnergy([
      reading(child.id, 60, 20),
      reading(child.id, 0, 10),
      reading(parent.id, 0, 7),
    ]);
    expect(await store.readings.registersOf([child.id, parent.id], testNow, testNow + 60 * 60_000)).toEqual([
      { meterId: parent.id, readAt: testNow, activeImportWh: 7 },
      { meterId: child.id, readAt: testNow, activeImportWh: 10 },
    ]);

    const meters = await store.meters.forReports({ kind: 'all' }, community.path);
    expect(meters).toEqual([
      expect.objectContaining({
        id: parent.id,
        areaName: community.name,
        parentMeterId: null,
        multiplier: 40,
      }),
      expect.objectContaining({ id: child.id, areaId: building.id, parentMeterId: parent.id, multiplier: 1 }),
    ]);
    const scoped = await store.meters.forReports({ kind: 'paths', paths: [building.path] }, undefined);
    expect(scoped.map((m) => m.id)).toEqual([child.id]);
  });
});
