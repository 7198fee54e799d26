// The sink against the real store (SQLite in memory here; the store's own suite runs its repositories on
// PostgreSQL too): batches, idempotence, and a meter counted done only once stored.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromLocal, kWhToWh, kWToW, type MeterReading } from '@openami/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrate.ts';
import { openStore, type Store } from '../store.ts';
import { ReadingSpool } from './reading-spool.ts';
import { StoreSink } from './store-sink.ts';

/** A meter's energy register and instant values as the head-end hands them over (from 1.5 kW, 229.7 V). */
const reading = (meterId: number, kWh: number, readAt: number): MeterReading => ({
  meterId,
  readAt,
  energy: { activeImportWh: kWhToWh(kWh) },
  instant: { voltageV: [229.7], activePowerW: kWToW(1.5) },
});

describe('the store sink', () => {
  let store: Store;
  beforeAll(async () => {
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it('stores readings in integer units, in batches, and only then reports the meter done', async () => {
    let writes = 0;
    const writer = {
      latestEnergy: (ids: readonly number[]) => store.readings.latestEnergy(ids),
      ingest: (...args: Parameters<Store['readings']['ingest']>) => {
        writes++;
        return store.readings.ingest(...args);
      },
    };
    const sink = new StoreSink(writer, { maxBatch: 6, maxDelayMs: 50, now: () => 42 });
    const done = [1, 2, 3].map((id) => sink.store(reading(id, 1206.42 + id, 1_000)));
    await Promise.all(done);
    // Three meters, two rows each: one batch.
    expect(writes).toBe(1);
    const energy = await store.readings.energyBetween(2, 0, 2_000);
    expect(energy).toEqual([
      expect.objectContaining({ meterId: 2, readAt: 1_000, activeImportWh: 1_208_420, receivedAt: 42 }),
    ]);
    const instant = await store.readings.instantBetween(2, 0, 2_000);
    expect(instant).toEqual([expect.objectContaining({ voltageL1V: 229.7, activePowerW: 1500 })]);
  });

  it('stores a reading delivered twice once', async () => {
    const sink = new StoreSink(store.readings, { maxDelayMs: 10 });
    await sink.store(reading(7, 10, 5_000));
    await sink.store(reading(7, 10, 5_000));
    expect(await store.readings.energyBetween(7, 0, 10_000)).toHaveLength(1);
  });

  it('fails the meters of a batch that could not be stored, so nothing is counted that was lost', async () => {
    const sink = new StoreSink(
      {
        latestEnergy: async () => new Map(),
        ingest: async () => Promise.reject(new Error('disk full')),
      },
      { maxDelayMs: 10 },
    );
    await expect(sink.store(reading(8, 10, 1))).rejects.toThrow('disk full');
  });

  it('flags a register that went backwards or moved faster than the meter can, and keeps both readings', async () => {
    const sink = new StoreSink(store.readings, {
      maxDelayMs: 5,
      capacityW: () => 9680,
    });
    const hour = 3_600_000;
    await sink.store(reading(20, 1000, hour));
    await sink.store(reading(20, 999, 2 * hour));
    // 9.68 kW for an hour is 9.68 kWh at most (and a minute's slack): 50 kWh is not possible.
    await sink.store(reading(20, 1049, 3 * hour));
    const rows = await store.readings.energyBetween(20, 0, 4 * hour);
    expect(rows.map((r) => [r.activeImportWh, r.flags])).toEqual([
      [1_000_000, null],
      [999_000, 'register-backwards'],
      [1_049_000, 'exceeds-capacity'],
    ]);
  });

  it('keeps the daily and monthly roll-ups, across midnight and across a restart, counting nothing twice', async () => {
    const timeZone = 'Asia/Shanghai';
    const at = (day: number, hour: number) => fromLocal({ year: 2026, month: 11, day, hour }, timeZone);
    const first = new StoreSink(store.readings, { maxDelayMs: 5, timeZone });
    await first.store(reading(30, 100, at(20, 22)));
    await first.store(reading(30, 101, at(20, 23)));
    // A new process: it learns the latest reading from the store; the repeated 23:00 reading adds nothing.
    const second = new StoreSink(store.readings, { maxDelayMs: 5, timeZone });
    await second.store(reading(30, 101, at(20, 23)));
    await second.store(reading(30, 103, at(21, 1)));
    const days = await store.readings.daily(30, '2026-11-01', '2026-11-30');
    expect(days.map((d) => [d.day, d.energyWh, d.samples])).toEqual([
      ['2026-11-20', 2000, 2],
      ['2026-11-21', 1000, 1],
    ]);
    expect(await store.readings.monthly(30, '2026-11', '2026-11')).toEqual([
      expect.objectContaining({ energyWh: 3000, firstReadingWh: 100_000, lastReadingWh: 103_000, days: 2 }),
    ]);
  });

  it('stores a reading brought by other means (a meter-reading card) like a collected one, and rolls it up', async () => {
    const timeZone = 'Asia/Shanghai';
    const at = (day: number, hour: number) => fromLocal({ year: 2026, month: 11, day, hour }, timeZone);
    const sink = new StoreSink(store.readings, { maxDelayMs: 5, timeZone });
    await sink.store(reading(40, 100, at(10, 12)));
    const card = {
      meterId: 40,
      readAt: at(12, 12),
      activeImportWh: 130_000,
      receivedAt: at(12, 12),
      source: 'card',
    };
    await sink.energyRead(card);
    await sink.energyRead({ ...card, readAt: at(13, 12), activeImportWh: 120_000 });
    const rows = await store.readings.energyBetween(40, 0, at(14, 0));
    expect(rows.map((r) => [r.activeImportWh, r.source, r.flags])).toEqual([
      [100_000, null, null],
      [130_000, 'card', null],
      [120_000, 'card', 'register-backwards'],
    ]);
    const days = await store.readings.daily(40, '2026-11-01', '2026-11-30');
    expect(days.reduce((sum, d) => sum + d.energyWh, 0)).toBe(30_000);
  });

  it('keeps what it cannot store while the database is down and stores it in order, once, when it returns', async () => {
    // The real store behind a switch: while off, every call fails as a refused connection does.
    let down = false;
    const refused = () =>
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const writer = {
      latestEnergy: (ids: readonly number[]) =>
        down ? Promise.reject(refused()) : store.readings.latestEnergy(ids),
      ingest: (...args: Parameters<Store['readings']['ingest']>) =>
        down ? Promise.reject(refused()) : store.readings.ingest(...args),
    };
    const directory = mkdtempSync(join(tmpdir(), 'openami-sink-spool-'));
    const log: string[] = [];
    const hour = 3_600_000;
    const spool = new ReadingSpool({ directory, memoryRows: 2 });
    const sink = new StoreSink(writer, {
      maxDelayMs: 5,
      capacityW: () => 9680,
      spool,
      log: (line) => log.push(line),
    });
    await sink.store(reading(50, 100, hour));
    down = true;
    // Answered at once, as stored unflagged: collection goes on.
    for (const [kWh, h] of [
      [101, 2],
      [99, 3],
      [102, 4],
    ] as const) {
      expect(await sink.store(reading(50, kWh, h * hour))).toMatchObject({ flags: [] });
    }
    expect(log).toContain('readings: 2 row(s) buffered until the database returns (0 on disk)');
    expect(spool.stats).toMatchObject({ bufferedRows: 6, spilledRows: 4 });
    // Stopped during the outage: the next process finds everything in the spool's file.
    await sink.close();
    down = false;
    const next = new StoreSink(writer, {
      maxDelayMs: 5,
      capacityW: () => 9680,
      spool: new ReadingSpool({ directory, memoryRows: 2 }),
    });
    await next.drain();
    const rows = await store.readings.energyBetween(50, 0, 5 * hour);
    // Validated in order when stored: the 99 kWh reading went backwards.
    expect(rows.map((r) => [r.activeImportWh, r.flags])).toEqual([
      [100_000, null],
      [101_000, null],
      [99_000, 'register-backwards'],
      [102_000, null],
    ]);
    expect(await store.readings.instantBetween(50, 0, 5 * hour)).toHaveLength(4);
  });

  it('drops a buffered batch the database refuses three times for another reason, loudly, and goes on', async () => {
    let failure: Error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const writer = {
      latestEnergy: async () => new Map(),
      ingest: async () => Promise.reject(failure),
    };
    const log: string[] = [];
    const dropped: [number, string][] = [];
    let drained = 0;
    const spool = new ReadingSpool();
    const sink = new StoreSink(writer, {
      maxDelayMs: 5,
      spool,
      log: (line) => log.push(line),
      onDropped: (rows, reason) => dropped.push([rows, reason]),
      onDrained: () => drained++,
    });
    await sink.store(reading(60, 1, 1_000));
    expect(spool.stats.bufferedRows).toBe(2);
    failure = new Error('value too long for type character varying(32)');
    for (let attempt = 0; attempt < 3; attempt++) await sink.drain();
    expect(spool.empty).toBe(true);
    expect(log.at(-2)).toBe(
      'ALARM readings lost: a buffered batch of 2 row(s) was refused 3 times: value too long for type character varying(32); dropped',
    );
    // Told as lost (the collector raises its alarm), and told the spool is empty again.
    expect(dropped).toEqual([[2, 'refused 3 times: value too long for type character varying(32)']]);
    expect(drained).toBe(1);
    await sink.close();
  });
});
