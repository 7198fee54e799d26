// Readings the collector cannot keep while the database is down (its spool is full) are lost: it says so in
// the log at once, and tells its observer (the alarm engine, which writes to that database) once the database
// answers again, summed over the outage.
import { kWhToWh, type MeterReading, type ReadingsLost } from '@openami/domain';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectorCore } from './core.ts';
import type { CollectionObserver } from './observer.ts';
import type { CollectorStore } from './options.ts';

const reading = (meterId: number, kWh: number, readAt: number): MeterReading => ({
  meterId,
  readAt,
  energy: { activeImportWh: kWhToWh(kWh) },
});

describe('readings lost while the database is down', () => {
  let store: Store;
  beforeAll(async () => {
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it('logs each loss at once and tells the observer once, when the database is back', async () => {
    let down = false;
    const refused = () =>
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const bound = <T extends object>(target: T, failing: readonly string[]) =>
      new Proxy(target, {
        get(object, key) {
          if (down && failing.includes(String(key))) return () => Promise.reject(refused());
          const value = Reflect.get(object, key, object);
          return typeof value === 'function' ? value.bind(object) : value;
        },
      });
    const readings = bound(store.readings, ['ingest', 'latestEnergy']);
    const flaky = new Proxy(store, {
      get: (object, key) => (key === 'readings' ? readings : Reflect.get(object, key, object)),
    }) as unknown as CollectorStore;

    const told: ReadingsLost[] = [];
    const observer = { readingsLost: async (loss: ReadingsLost) => void told.push(loss) };
    const log: string[] = [];
    let clock = Date.UTC(2026, 11, 8, 2);
    const core = new CollectorCore(flaky, {
      observer: observer as unknown as CollectionObserver,
      // Two rows in memory and no directory to spill to: the third reading is lost.
      spool: { memoryRows: 2 },
      now: () => clock,
      log: (line) => log.push(line),
    });
    await core.sink.store(reading(7, 100, clock - 3_600_000));
    down = true;
    for (const kWh of [101, 102, 103, 104]) {
      clock += 60_000;
      await core.sink.store(reading(7, kWh, clock));
    }
    expect(log.filter((line) => line.startsWith('ALARM readings lost:'))).toHaveLength(2);
    // Nothing told while the database is down: the alarm could not be written.
    await core.observerSettled();
    expect(told).toEqual([]);

    down = false;
    await core.sink.drain();
    await core.observerSettled();
    expect(told).toHaveLength(1);
    expect(told[0]?.rows).toBe(2);
    expect(told[0]?.reasons).toHaveLength(1);
    expect(told[0]?.since).toBe(Date.UTC(2026, 11, 8, 2) + 180_000);
    // The two it kept are stored; a second drain tells nothing new.
    expect(await store.readings.energyBetween(7, 0, clock + 1)).toHaveLength(3);
    await core.sink.drain();
    await core.observerSettled();
    expect(told).toHaveLength(1);
    await core.sink.close();
  });
});
