import { parseArgs } from 'node:util';
import { engineOfUrl, grantRuntimeRole, openStore } from '@openami/storage';
import type { CommandIo } from '../io.ts';
import { ownerDatabaseUrl, redactUrl } from './database-option.ts';

const usage = `usage: openami db roles --runtime ROLE [--database OWNER_URL]

PostgreSQL only. Connected as the schema's owner (--database, else OPENAMI_DATABASE_OWNER_URL, else
OPENAMI_DATABASE_URL), grants ROLE what serve and the commands need and nothing more: read and write the
tables, but only read and add to the append-only ones (audit log, vending ledger, …), no TRUNCATE, no
schema changes. Owning nothing, ROLE cannot drop or disable the append-only triggers. Create ROLE first
(create role openami_app login password '…'), run this after every \`openami migrate\`, and give serve
ROLE's URL as OPENAMI_DATABASE_URL. docs/operations.md, "PostgreSQL roles".`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'roles') {
    io.err(usage);
    return sub === undefined || sub === 'help' || sub === '--help' ? 0 : 2;
  }
  let values: { runtime?: string; database?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { runtime: { type: 'string' }, database: { type: 'string' } },
    }));
    if (values.runtime === undefined) throw new Error('roles needs --runtime ROLE');
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const url = ownerDatabaseUrl(values.database, process.env);
  if (engineOfUrl(url) !== 'postgres') {
    io.err('openami db roles: PostgreSQL only (a SQLite file has no roles: protect it by file permissions)');
    return 1;
  }
  const store = openStore({ url });
  try {
    const grants = await grantRuntimeRole(store.db, values.runtime ?? '');
    io.out(
      `${redactUrl(url)}: ${values.runtime} may read and write schema ${grants.schema}; only read and add to ${grants.appendOnly.join(', ')}`,
    );
    return 0;
  } catch (error) {
    io.err(`openami db roles: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store.close();
  }
}
