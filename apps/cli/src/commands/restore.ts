import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sqliteFileInUse } from '@openami/storage';
import type { CommandIo } from '../io.ts';
import {
  fileTime,
  isPostgres,
  postgresRefusal,
  removeDatabaseFile,
  verifyDatabaseFile,
} from './backup-verify.ts';
import { databaseUrl } from './database-option.ts';

const usage = `usage: openami restore FILE [--database URL] [--force]

Replaces the SQLite database with the backup FILE (written by openami backup). FILE is checked first
(SQLite's integrity check, the audit log's hash chain, every kept balance against the ledger) and nothing is
replaced unless it passes. The database replaced is kept beside it as <name>.before-restore-<UTC time>.

Stop openami serve and the collector first: restore refuses a database another process has open, unless
--force (that process would go on writing into the file kept aside). After a restore from an older version,
openami migrate brings the schema up to date.

PostgreSQL is restored with pg_restore: see docs/operations.md, "Backups".`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  let database: string | undefined;
  let force = false;
  let files: string[];
  try {
    const parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { database: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } },
    });
    if (parsed.values.help === true) {
      io.err(usage);
      return 0;
    }
    database = parsed.values.database;
    force = parsed.values.force === true;
    files = parsed.positionals;
    if (files.length !== 1) throw new Error('give one backup FILE');
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const url = databaseUrl(database, process.env);
  if (isPostgres(url)) {
    io.err(postgresRefusal('restore'));
    return 2;
  }
  if (url === ':memory:') {
    io.err('openami restore: an in-memory database cannot be restored into');
    return 2;
  }
  const backup = resolve(files[0] ?? '');
  const target = resolve(url);
  if (backup === target) {
    io.err('openami restore: the backup is the database itself');
    return 2;
  }
  if (!existsSync(backup)) {
    io.err(`openami restore: no such file ${backup}`);
    return 1;
  }
  // Copied next to the database first, so the swap below is a rename on the same file system; the copy is
  // what is checked (the backup itself is only read, and may be on read-only media).
  const incoming = join(dirname(target), `.restore-${process.pid}-${Date.now()}.sqlite`);
  copyFileSync(backup, incoming);
  io.out(`checking ${backup}`);
  if (!(await verifyDatabaseFile(incoming, io, backup))) {
    removeDatabaseFile(incoming);
    io.err(`openami restore: ${backup} failed its checks; the database was not touched`);
    return 1;
  }
  if (existsSync(target)) {
    let inUse: boolean;
    try {
      inUse = sqliteFileInUse(target);
    } catch (error) {
      // Not a database we can open (corrupt, say): there is no server using it to protect.
      io.err(
        `note: ${target} could not be opened (${error instanceof Error ? error.message : String(error)})`,
      );
      inUse = false;
    }
    if (inUse && !force) {
      rmSync(incoming, { force: true });
      io.err(
        `openami restore: ${target} is open in another process (a running openami serve or collector?); stop it first, or give --force`,
      );
      return 1;
    }
    let aside = `${target}.before-restore-${fileTime(Date.now())}`;
    for (let n = 2; existsSync(aside); n += 1)
      aside = `${target}.before-restore-${fileTime(Date.now())}-${n}`;
    renameSync(target, aside);
    // Only when the file was in use (--force) or a process died with it open: its log goes along with it.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, aside + suffix);
    }
    io.out(`kept the replaced database as ${aside}`);
  }
  renameSync(incoming, target);
  io.out(`restored ${target} from ${backup}`);
  return 0;
}
