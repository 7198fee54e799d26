import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupSqliteFile } from '@openami/storage';
import type { CommandIo } from '../io.ts';
import {
  fileTime,
  isPostgres,
  postgresRefusal,
  removeDatabaseFile,
  verifyDatabaseFile,
} from './backup-verify.ts';
import { databaseUrl } from './database-option.ts';

const usage = `usage: openami backup [--output FILE] [--database URL]

Copies the SQLite database into FILE (default: openami-backup-<UTC time>.sqlite in the current directory)
with SQLite's online backup, so a running server and collector may keep writing meanwhile. Then checks the
copy: SQLite's integrity check, the audit log's hash chain, and every kept balance against the ledger.
Exits 0 when the copy is written and passes every check; 1 otherwise (a copy that fails is removed).

PostgreSQL is backed up with pg_dump or a base backup: see docs/operations.md, "Backups".`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  let database: string | undefined;
  let output: string | undefined;
  try {
    const parsed = parseArgs({
      args,
      options: { database: { type: 'string' }, output: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (parsed.values.help === true) {
      io.err(usage);
      return 0;
    }
    ({ database, output } = parsed.values);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const url = databaseUrl(database, process.env);
  if (isPostgres(url)) {
    io.err(postgresRefusal('backup'));
    return 2;
  }
  if (url === ':memory:') {
    io.err('openami backup: an in-memory database has nothing to copy');
    return 2;
  }
  const source = resolve(url);
  if (!existsSync(source)) {
    io.err(`openami backup: no database at ${source}`);
    return 1;
  }
  const target = resolve(output ?? `openami-backup-${fileTime(Date.now())}.sqlite`);
  if (existsSync(target)) {
    io.err(`openami backup: ${target} already exists; give another --output`);
    return 1;
  }
  const pages = await backupSqliteFile(source, target);
  io.out(`wrote ${target} (${pages} pages, ${statSync(target).size} bytes) from ${source}`);
  if (await verifyDatabaseFile(target, io)) {
    io.out(`backup ${target} verified`);
    return 0;
  }
  removeDatabaseFile(target);
  io.err(
    `openami backup: the copy failed its checks and was removed; the database itself may need attention`,
  );
  return 1;
}
