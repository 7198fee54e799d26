// An API process for tests and benchmarks that need the API in a process of its own: serves the store at
// argv[2] (PostgreSQL schema argv[3]) on a free port and prints `listening <address>`. The vending crash test
// kills it with SIGKILL in the middle of sales; bench/vending drives it with concurrent cashiers.
import { openStore } from '@openami/storage';
import { buildApp } from '../src/app.ts';

const [url, schema] = process.argv.slice(2);
const store = openStore({ url: url ?? ':memory:', ...(schema === undefined ? {} : { schema }) });
const app = await buildApp({
  checkResponses: true,
  store,
  config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${address}\n`);
// A clean exit on SIGTERM, so a CPU profile (bench's OPENAMI_BENCH_CPU_PROF) is written.
process.on('SIGTERM', () => process.exit(0));
