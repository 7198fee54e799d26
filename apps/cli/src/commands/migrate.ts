import { parseArgs } from 'node:util';
import { MigrationError, migrateToLatest, schemaStatus } from '@openami/storage';
import type { CommandIo } from '../io.ts';
import { openDatabase, ownerDatabaseUrl, redactUrl } from './database-option.ts';

const usage = `usage: openami migrate [--database URL] [--status]

Applies every pending schema migration (SQLite file or postgres:// URL; default
OPENAMI_DATABASE_OWNER_URL, then OPENAMI_DATABASE_URL, then ./data/openami.sqlite). --status only reports
whether the schema is current. On PostgreSQL with a separate runtime role, run \`openami db roles\` after.`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  let values: { database?: string; status?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        database: { type: 'string' },
        status: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values.help === true) {
    io.out(usage);
    return 0;
  }
  const url = ownerDatabaseUrl(values.database, process.env);
  const store = openDatabase(values.database, url);
  const where = redactUrl(url);
  try {
    if (values.status === true) {
      const status = await schemaStatus(store.db);
      io.out(
        status.kind === 'current'
          ? `${where}: schema is current`
          : status.kind === 'behind'
            ? `${where}: ${status.pending.length} migrations pending: ${status.pending.join(', ')}`
            : `${where}: schema is NEWER than this OpenAMI (unknown: ${status.unknown.join(', ')})`,
      );
      return status.kind === 'current' ? 0 : 1;
    }
    const outcome = await migrateToLatest(store.db);
    if (outcome.applied.length === 0) io.out(`${where}: schema already current`);
    for (const name of outcome.applied) io.out(`applied ${name}`);
    return 0;
  } catch (error) {
    if (error instanceof MigrationError) {
      io.err(`openami migrate: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
