import { parseArgs } from 'node:util';
import type { CommandIo } from '../io.ts';
import { openDatabase } from './database-option.ts';

const usage = `usage: openami audit verify [--database URL]

Recomputes the audit log's hash chain from the first entry; exits 0 when intact, 1 naming the first
broken entry otherwise.`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    io.err(usage);
    return sub === undefined || sub === 'help' ? 0 : 2;
  }
  let database: string | undefined;
  try {
    ({
      values: { database },
    } = parseArgs({ args: rest, options: { database: { type: 'string' } } }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const store = openDatabase(database);
  try {
    const verdict = await store.audit.verify();
    if (verdict.ok) {
      io.out(`audit log intact: ${verdict.entries} entries`);
      return 0;
    }
    io.err(
      `audit log BROKEN at entry ${verdict.brokenEntryId}: ${verdict.reason} (${verdict.entries} entries before it check out)`,
    );
    return 1;
  } finally {
    await store.close();
  }
}
