// Liveness, readiness and what a metrics scrape reads from the store.
import { type Store, schemaStatus } from '@openami/storage';
import type { FieldGateway } from '../http/field.ts';
import type { Metrics } from '../http/metrics.ts';

/** Ready when the store answers and its schema is the one this code knows; otherwise why not, in words. */
export async function readiness(store: Store): Promise<{ ready: true } | { ready: false; why: string }> {
  try {
    const status = await schemaStatus(store.db);
    if (status.kind === 'behind') {
      return { ready: false, why: `${status.pending.length} schema migration(s) pending` };
    }
    if (status.kind === 'ahead') return { ready: false, why: 'the schema is newer than this OpenAMI' };
    return { ready: true };
  } catch (error) {
    return { ready: false, why: `the store does not answer: ${(error as Error).message}` };
  }
}

/**
 * Refreshes the gauges read from the store (the notification outbox by state, the PostgreSQL pool) and
 * from the collector in this process (readings kept while the database is down).
 */
export async function storeGauges(store: Store, metrics: Metrics, field?: FieldGateway): Promise<void> {
  const buffer = field?.readingBuffer?.();
  if (buffer !== undefined) {
    metrics.readingsBuffered.set({ where: 'memory' }, buffer.bufferedRows - buffer.spilledRows);
    metrics.readingsBuffered.set({ where: 'disk' }, buffer.spilledRows);
    metrics.readingsDropped.set({}, buffer.droppedRows);
  }
  const pool = store.poolStats?.();
  metrics.pool.clear();
  if (pool !== undefined) {
    for (const [state, value] of Object.entries(pool)) metrics.pool.set({ state }, value);
  }
  try {
    const counts = await store.notifications.counts();
    metrics.outbox.clear();
    for (const [state, value] of Object.entries(counts)) metrics.outbox.set({ state }, value);
    metrics.up.set({}, 1);
  } catch {
    metrics.up.set({}, 0);
  }
}
