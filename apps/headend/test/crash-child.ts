// A head-end process for the crash test: reads a field into a SQLite store and prints each meter's id once
// its readings are stored. The test kills it with SIGKILL part way through.
import { migrateToLatest, openStore, StoreSink } from '@openami/storage';
import { storingSink } from '../src/collect/meter-reading.ts';
import type { FieldConfig } from '../src/config.ts';
import { HeadEnd } from '../src/head-end.ts';

const [databasePath, configJson] = process.argv.slice(2);
const config = JSON.parse(configJson ?? '{}') as FieldConfig;
const store = openStore({ url: databasePath ?? ':memory:' });
await migrateToLatest(store.db);
const sink = new StoreSink(store.readings, { maxBatch: 2, maxDelayMs: 20 });
const headEnd = new HeadEnd(config, { sink: storingSink(sink), bus: { responseDelayBudgetMs: 200 } });
await headEnd.start();
await headEnd.read([0x00010000, 0x02010100], {
  onOutcome: (outcome) => process.stdout.write(`stored ${outcome.meterId}\n`),
});
await sink.flush();
process.stdout.write('done\n');
await headEnd.stop();
await store.close();
