// What `openami backup` checks of the copy it wrote and `openami restore` of the file it is given, before
// anything is replaced: SQLite's integrity check, the audit chain, and every kept balance against the ledger.
import { rmSync } from 'node:fs';
import { checkSqliteFile, engineOfUrl, openStore } from '@openami/storage';
import type { CommandIo } from '../io.ts';
import { auditKeyOf } from './database-option.ts';

/** The words for a PostgreSQL database: these commands copy SQLite files only. */
export function postgresRefusal(command: 'backup' | 'restore'): string {
  const tool = command === 'backup' ? 'pg_dump -Fc (or a base backup with pg_basebackup)' : 'pg_restore';
  return [
    `openami ${command}: the database is PostgreSQL; openami ${command} copies SQLite files only.`,
    `Use ${tool} as docs/operations.md ("Backups") describes, then run openami audit verify`,
    '(--heads DIR) with --database set to the restored database.',
  ].join('\n');
}

export function isPostgres(url: string): boolean {
  return engineOfUrl(url) === 'postgres';
}

/**
 * Checks the SQLite database file at `path`, printing one line a check; true when all pass. The file is
 * opened read-only for the integrity check; the audit and ledger checks only read. `name` is what the lines
 * call it (the file the operator gave, when `path` is a copy of it).
 */
export async function verifyDatabaseFile(path: string, io: CommandIo, name = path): Promise<boolean> {
  const file = checkSqliteFile(path);
  if (!file.ok) {
    io.err(`integrity check of ${name} FAILED: ${file.reason}`);
    for (const problem of file.problems.slice(0, 20)) io.err(`  ${problem}`);
    return false;
  }
  io.out('integrity check: ok');
  // The keyed part of the chain verifies only under the audit key (OPENAMI_AUDIT_KEY).
  const auditKey = auditKeyOf(process.env);
  const store = openStore({ url: path, ...(auditKey === undefined ? {} : { auditKey }) });
  try {
    const chain = await store.audit.verify();
    if (!chain.ok) {
      io.err(
        `audit log BROKEN at entry ${chain.brokenEntryId}: ${chain.reason} (${chain.entries} entries before it check out)`,
      );
      return false;
    }
    io.out(`audit log intact: ${chain.entries} entries`);
    const drifted = await store.ledger.balances.check();
    if (drifted.length > 0) {
      io.err(`ledger check FAILED: ${drifted.length} account(s) differ from their ledger`);
      for (const d of drifted.slice(0, 20)) io.err(`  account id ${d.accountId}: ${d.problems.join('; ')}`);
      return false;
    }
    io.out('ledger check: every kept balance matches its ledger');
    return true;
  } catch (error) {
    io.err(`${name} is not an OpenAMI database: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  } finally {
    await store.close();
  }
}

/** A moment as it goes into a file name: 20261207T235800Z. */
export function fileTime(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Removes a SQLite file with the log and shared-memory files opening it may have left. */
export function removeDatabaseFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
