import { type Environment, loadSetting } from '@openami/config';
import { AuditKey, openStore, type Store } from '@openami/storage';
import { readSettingFile } from '../setting-file.ts';

/** Where the database is: `--database`, else OPENAMI_DATABASE_URL, else the SQLite file under ./data. */
export function databaseUrl(flag: string | undefined, env: Environment): string {
  return flag ?? loadSetting(env, 'databaseUrl', readSettingFile);
}

/**
 * The database as its owner sees it, for schema changes and grants: `--database`, else
 * OPENAMI_DATABASE_OWNER_URL, else the runtime's URL.
 */
export function ownerDatabaseUrl(flag: string | undefined, env: Environment): string {
  return flag ?? loadSetting(env, 'databaseOwnerUrl', readSettingFile) ?? databaseUrl(undefined, env);
}

/** OPENAMI_AUDIT_KEY (or the file OPENAMI_AUDIT_KEY_FILE names), when set. */
export function auditKeyOf(env: Environment): AuditKey | undefined {
  const secret = loadSetting(env, 'auditKey', readSettingFile);
  return secret === undefined ? undefined : new AuditKey(secret);
}

/** The database, with the audit key when it is set (needed to append to, or verify, a keyed chain). */
export function openDatabase(flag: string | undefined, url = databaseUrl(flag, process.env)): Store {
  const auditKey = auditKeyOf(process.env);
  return openStore({ url, ...(auditKey === undefined ? {} : { auditKey }) });
}

/** Hides the password part of a URL before it is printed. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
