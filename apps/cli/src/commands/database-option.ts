import { type Environment, loadSetting } from '@openami/config';
import { openStore, type Store } from '@openami/storage';
import { readSettingFile } from '../setting-file.ts';

/** Where the database is: `--database`, else OPENAMI_DATABASE_URL, else the SQLite file under ./data. */
export function databaseUrl(flag: string | undefined, env: Environment): string {
  return flag ?? loadSetting(env, 'databaseUrl', readSettingFile);
}

export function openDatabase(flag: string | undefined): Store {
  return openStore({ url: databaseUrl(flag, process.env) });
}

/** Hides the password part of a URL before it is printed. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
