// The sink against the real store (SQLite in memory here; the store's own suite runs its repositories on
// PostgreSQL too): batches, idempotence, and a meter counted done only once stored.
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import { StoreSink } from './store-sink.ts';

const outcome = (meterId: string, kWh: number): MeterOutcome => ({
  meterId,
  status: 'complete',
  readings: [
    { di: 0x00010000, value: kWh },
    { di: 0x02010100, value: 229.7 },
    { di: 0x02030000, value: 1.5 },
  ],
  failures: [],
  attempts: 2,
  durationMs: 500,
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
      insertEnergy: async (rows: Parameters<Store['readings']['insertEnergy']>[0]) => {
        writes++;
        await store.readings.insertEnergy(rows);
      },
      insertInstant: (rows: Parameters<Store['readings']['insertInstant']>[0]) =>
        store.readings.insertInstant(rows),
    };
    const sink = new StoreSink(writer, { meterIdOf: Number, maxBatch: 6, maxDelayMs: 50, now: () => 42 });
    const done = [1, 2, 3].map((id) => sink.meterDone(outcome(String(id), 1206.42 + id), 1_000));
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
    const sink = new StoreSink(store.readings, { meterIdOf: Number, maxDelayMs: 10 });
    await sink.meterDone(outcome('7', 10), 5_000);
    await sink.meterDone(outcome('7', 10), 5_000);
    expect(await store.readings.energyBetween(7, 0, 10_000)).toHaveLength(1);
  });

  it('fails the meters of a batch that could not be stored, so nothing is counted that was lost', async () => {
    const sink = new StoreSink(
      {
        insertEnergy: async () => Promise.reject(new Error('disk full')),
        insertInstant: async () => undefined,
      },
      { meterIdOf: Number, maxDelayMs: 10 },
    );
    await expect(sink.meterDone(outcome('8', 10), 1)).rejects.toThrow('disk full');
  });
});
