// A SQLite database as a file an operator copies: the online backup (`openami backup`), the integrity check
// of a copy, and whether another process has the file open (`openami restore` refuses to replace it then).
import { existsSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

/**
 * Copies the database at `source` into a new file `destination` with SQLite's online backup: the copy is
 * consistent (one moment of the database) while other connections, a running server's included, keep
 * writing; pages they change meanwhile are copied again. Resolves with the pages copied.
 */
export async function backupSqliteFile(source: string, destination: string): Promise<number> {
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const progress = await db.backup(destination);
    return progress.totalPages;
  } finally {
    db.close();
  }
}

/** What a file holds, as far as SQLite can tell without changing it. */
export type SqliteFileVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly problems: readonly string[] };

/**
 * `PRAGMA integrity_check` on the file, read-only. A file that is not a SQLite database (or is missing) is
 * reported as such, not thrown.
 */
export function checkSqliteFile(path: string): SqliteFileVerdict {
  if (!existsSync(path)) return { ok: false, reason: 'no such file', problems: [] };
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(path, { fileMustExist: true, readonly: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((text) => text !== 'ok');
    if (problems.length > 0) return { ok: false, reason: 'integrity check failed', problems };
    return { ok: true };
  } catch (error) {
    const code = (error as Error & { code?: unknown }).code;
    const reason =
      code === 'SQLITE_NOTADB'
        ? 'not a SQLite database'
        : code === 'SQLITE_CORRUPT'
          ? 'the database is corrupt'
          : error instanceof Error
            ? error.message
            : String(error);
    return { ok: false, reason, problems: [] };
  } finally {
    db?.close();
  }
}

/**
 * Whether another connection has the database open, tried by leaving WAL mode: SQLite allows that only to
 * the one connection open, so it fails at once while a server (or any other process) uses the file. When it
 * succeeds, the log has been written into the file, so the file alone is then the whole database.
 */
export function sqliteFileInUse(path: string): boolean {
  const db = new SqliteDatabase(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    return false;
  } catch (error) {
    if ((error as Error & { code?: unknown }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}
