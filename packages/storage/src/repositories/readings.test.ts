import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, makeMeter, testNow } from '../../test/fixtures.ts';

describeEachEngine('readings', (context) => {
  it('stores interval readings idempotently on (meter, time)', async () => {
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    const reading = (minutes: number, wh: number) => ({
      meterId: meter.id,
      readAt: testNow + minutes * 60_000,
      activeImportWh: wh,
      receivedAt: testNow,
    });
    await context.store.readings.insertEnergy([reading(0, 1000), reading(15, 1250)]);
    await context.store.readings.insertEnergy([reading(15, 9999), reading(30, 1500)]);
    const rows = await context.store.readings.energyBetween(meter.id, testNow, testNow + 3_600_000);
    expect(rows.map((r) => r.activeImportWh)).toEqual([1000, 1250, 1500]);
  });

  it('keeps daily and monthly roll-ups current, counting each inserted reading once', async () => {
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    const hour = 3_600_000;
    const energy = [
      { meterId: meter.id, readAt: testNow, activeImportWh: 1000, receivedAt: testNow },
      { meterId: meter.id, readAt: testNow + hour, activeImportWh: 1500, receivedAt: testNow },
    ];
    // The caller decides how energy falls into days; here the second reading's 500 Wh is split 200/300
    // across midnight between 2026-11-20 and 2026-11-21.
    const sharesOf = (inserted: readonly { readAt: number; activeImportWh: number }[]) =>
      inserted.flatMap((r) =>
        r.readAt === testNow
          ? [{ meterId: meter.id, day: '2026-11-20', energyWh: 0, readingWh: 1000, readAt: r.readAt }]
          : [
              { meterId: meter.id, day: '2026-11-20', energyWh: 200, readingWh: 1200, readAt: null },
              { meterId: meter.id, day: '2026-11-21', energyWh: 300, readingWh: 1500, readAt: r.readAt },
            ],
      );
    expect(await context.store.readings.ingest(energy, [], sharesOf)).toBe(2);
    // The same batch again (a retry after a lost acknowledgement) inserts and counts nothing.
    expect(await context.store.readings.ingest(energy, [], sharesOf)).toBe(0);
    expect(await context.store.readings.daily(meter.id, '2026-11-01', '2026-11-30')).toEqual([
      {
        meterId: meter.id,
        day: '2026-11-20',
        energyWh: 200,
        firstReadingWh: 1000,
        lastReadingWh: 1000,
        samples: 1,
        firstReadAt: testNow,
        lastReadAt: testNow,
      },
      {
        meterId: meter.id,
        day: '2026-11-21',
        energyWh: 300,
        firstReadingWh: 1500,
        lastReadingWh: 1500,
        samples: 1,
        firstReadAt: testNow + hour,
        lastReadAt: testNow + hour,
      },
    ]);
    expect(await context.store.readings.monthly(meter.id, '2026-01', '2026-12')).toEqual([
      {
        meterId: meter.id,
        month: '2026-11',
        energyWh: 500,
        firstReadingWh: 1000,
        lastReadingWh: 1500,
        days: 2,
      },
    ]);
    expect(await context.store.readings.latestEnergy([meter.id, 999_999])).toEqual(
      new Map([[meter.id, { readAt: testNow + hour, activeImportWh: 1500 }]]),
    );
  });

  it('keeps flagged readings and finds them', async () => {
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    await context.store.readings.insertEnergy([
      {
        meterId: meter.id,
        readAt: testNow,
        activeImportWh: 9,
        receivedAt: testNow,
        flags: 'register-backwards',
      },
      { meterId: meter.id, readAt: testNow + 1, activeImportWh: 10, receivedAt: testNow },
    ]);
    const flagged = await context.store.readings.flagged(meter.id, 10);
    expect(flagged.map((r) => [r.activeImportWh, r.flags])).toEqual([[9, 'register-backwards']]);
  });

  it('keeps instantaneous values, the first daily freeze of a day, and monthly roll-ups', async () => {
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    await context.store.readings.insertInstant([
      {
        meterId: meter.id,
        readAt: testNow,
        voltageL1V: 229.8,
        currentL1A: 4.25,
        activePowerW: 975,
        powerFactor: 0.998,
        receivedAt: testNow,
      },
    ]);
    const [instant] = await context.store.readings.instantBetween(meter.id, testNow, testNow + 1);
    expect(instant).toMatchObject({
      voltageL1V: 229.8,
      currentL1A: 4.25,
      activePowerW: 975,
      voltageL2V: null,
    });
    expect(instant?.powerFactor).toBeCloseTo(0.998, 6);

    const freeze = {
      meterId: meter.id,
      day: '2026-11-21',
      frozenAt: testNow,
      activeImportWh: 1_234_000,
      receivedAt: testNow,
    };
    await context.store.readings.insertDailyFrozen([freeze]);
    await context.store.readings.insertDailyFrozen([{ ...freeze, activeImportWh: 9 }]);
    expect(
      (await context.store.readings.dailyFrozen(meter.id, '2026-11-01', '2026-11-30'))[0]?.activeImportWh,
    ).toBe(1_234_000);
  });

  it('creates monthly partitions on PostgreSQL and routes rows into them', async () => {
    const created = await context.store.readings.ensureMonthlyPartitions(testNow, 2);
    if (context.engine === 'sqlite') {
      expect(created).toEqual([]);
      return;
    }
    expect(created).toEqual([
      'reading_energy_2026_11',
      'reading_instant_2026_11',
      'reading_energy_2026_12',
      'reading_instant_2026_12',
    ]);
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    await context.store.readings.insertEnergy([
      { meterId: meter.id, readAt: testNow, activeImportWh: 1, receivedAt: testNow },
    ]);
    const where = await sql<{
      partition: string;
    }>`select tableoid::regclass::text as partition from reading_energy
      where meter_id = ${meter.id}`.execute(context.store.db);
    expect(where.rows[0]?.partition).toMatch(/reading_energy_2026_11$/);
  });
});
