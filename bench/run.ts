// `npm run bench -- <name>`: runs bench/<name>.ts, which prints its figures, one JSON object a line at the end.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter(
    (file) =>
      file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts') && !file.startsWith('_'),
  )
  .map((file) => file.slice(0, -3));
const name = process.argv[2];

if (name === undefined || !existsSync(join(here, `${name}.ts`))) {
  process.stderr.write(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}\n`);
  process.exit(name === undefined ? 0 : 2);
}
await import(pathToFileURL(join(here, `${name}.ts`)).href);
