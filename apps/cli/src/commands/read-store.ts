// `openami read --area ID | --meter ID`: the operator's "read now" from the console, through the meters'
// own terminal ports as the store describes them, with a progress bar; what it reads is stored and the run
// recorded exactly as when the API asks.
import { type Config, ConfigError, loadConfig } from '@openami/config';
import { Collector, type RunProgress, resolveItems } from '@openami/headend';
import { schemaStatus } from '@openami/storage';
import { collectorOptions } from '../collector-options.ts';
import type { CommandIo } from '../io.ts';
import { readSettingFile } from '../setting-file.ts';
import { openDatabase } from './database-option.ts';

export interface StoreReadOptions {
  readonly database?: string;
  readonly area?: string;
  readonly meter?: string;
  readonly items: readonly string[];
}

const operator = { userId: null, name: 'console', sourceIp: 'local' };

export async function readFromStore(options: StoreReadOptions, io: CommandIo): Promise<number> {
  let items: number[];
  try {
    items = resolveItems(options.items.length === 0 ? ['energy'] : options.items);
  } catch (error) {
    io.err(
      `error: unknown data item ${(error as Error).message} (a group: energy, instantaneous, prepaid, status, clock, dailyFrozen; or eight hex digits)`,
    );
    return 2;
  }
  const id = Number(options.area ?? options.meter);
  if (!Number.isInteger(id) || id < 1) {
    io.err(`error: ${options.area === undefined ? '--meter' : '--area'} takes a record id`);
    return 2;
  }
  const store = openDatabase(options.database);
  try {
    if ((await schemaStatus(store.db)).kind !== 'current') {
      io.err('error: the database schema is not current; run `openami migrate` first');
      return 1;
    }
    let config: Config;
    try {
      config = loadConfig(process.env, 'read', readSettingFile);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(`error: ${error.message}`);
      return 1;
    }
    const collector = new Collector(store, collectorOptions(config.collectorOptions));
    const problems = await collector.start(false);
    for (const problem of problems) io.err(`configuration: ${problem.problem}`);
    try {
      if (options.meter !== undefined) {
        if (!collector.collects(id)) {
          io.err(`error: meter ${id} is not installed on a terminal port`);
          return 1;
        }
        const outcome = await collector.readMeter(id, items, operator);
        for (const reading of outcome.readings) {
          io.out(JSON.stringify({ meter: id, id: hex(reading.di), value: reading.value }));
        }
        for (const failure of outcome.failures) {
          io.out(
            JSON.stringify({
              meter: id,
              id: hex(failure.di),
              error: failure.reason,
              message: failure.message,
            }),
          );
        }
        // An item only some configurations hold (a post-paid meter's remaining money): not a failure.
        for (const di of outcome.notHeld ?? []) {
          io.out(
            JSON.stringify({
              meter: id,
              id: hex(di),
              notHeld: true,
              message: 'the meter does not hold this item',
            }),
          );
        }
        return outcome.status === 'unreachable' ? 1 : 0;
      }
      const area = (await store.areas.getMany([id]))[0];
      if (area === undefined) {
        io.err(`error: there is no area ${id}`);
        return 1;
      }
      const result = await collector.readArea(id, items, {
        actor: operator,
        onProgress: (progress) => io.progress?.(bar(progress)),
      });
      io.progress?.('');
      const { run } = result;
      io.err(
        `${area.name}: ${run.metersTotal} meters, ${run.metersComplete} complete, ${run.metersPartial} partial, ${run.metersFailed} unreachable (run ${run.id})`,
      );
      const failed = await store.collection.runMeters(
        run.id,
        { kind: 'all' },
        { failedOnly: true, limit: 500, offset: 0 },
      );
      for (const row of failed.items) {
        io.out(
          JSON.stringify({
            meter: row.meterId,
            factoryNo: row.factoryNo,
            address: row.commAddress,
            reason: row.reason,
          }),
        );
      }
      return run.metersFailed === 0 ? 0 : 1;
    } finally {
      await collector.stop();
    }
  } finally {
    await store.close();
  }
}

const hex = (di: number) => di.toString(16).toUpperCase().padStart(8, '0');

/** `[██████░░░░]  60 % 6/10 meters, 1 unreachable`. */
export function bar(progress: RunProgress, width = 30): string {
  const fraction = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(fraction * width);
  const percent = String(Math.floor(fraction * 100)).padStart(3);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${percent} % ${progress.done}/${progress.total} meters, ${progress.unreachable} unreachable`;
}
