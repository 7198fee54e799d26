import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isRole } from '@openami/domain';
import { AppError, addUser } from '@openami/server';
import type { Store } from '@openami/storage';
import { consoleActor } from '../console-actor.ts';
import type { CommandIo } from '../io.ts';
import { openDatabase } from './database-option.ts';

const usage = `usage: openami user add --username NAME --role ROLE (--password-stdin | --generate-password)
                        [--areas CODE,CODE | --all-areas] [--display-name TEXT] [--locale zh-CN|en]
                        [--database URL]

Creates a staff user. There is no default account: run this once to create the first administrator.
Roles: administrator, cashier, finance, maintenance, installer, viewer. An administrator without
--areas acts on every area; other roles need --areas or --all-areas.`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    io.err(usage);
    return sub === undefined || sub === 'help' ? 0 : 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        areas: { type: 'string' },
        'all-areas': { type: 'boolean' },
        'display-name': { type: 'string' },
        locale: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'generate-password': { type: 'boolean' },
        database: { type: 'string' },
      },
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const username = text('username');
  const role = text('role');
  const locale = text('locale') ?? 'zh-CN';
  if (
    username === undefined ||
    role === undefined ||
    !isRole(role) ||
    (locale !== 'zh-CN' && locale !== 'en')
  ) {
    io.err(usage);
    return 2;
  }
  const generate = values['generate-password'] === true;
  if (generate === (values['password-stdin'] === true)) {
    io.err('openami user add: give exactly one of --password-stdin or --generate-password');
    return 2;
  }
  const areaCodes =
    text('areas')
      ?.split(',')
      .filter((c) => c !== '') ?? [];
  const allAreas = values['all-areas'] === true || (role === 'administrator' && areaCodes.length === 0);
  if (!allAreas && areaCodes.length === 0) {
    io.err('openami user add: a non-administrator needs --areas or --all-areas');
    return 2;
  }
  const password = generate
    ? randomBytes(15).toString('base64url')
    : (await readStdin()).replace(/\r?\n$/, '');

  const store = openDatabase(text('database'));
  try {
    const areaIds = await areaIdsOf(store, areaCodes);
    const user = await addUser(store, consoleActor(), {
      username,
      displayName: text('display-name') ?? username,
      password,
      role,
      allAreas,
      areaIds,
      locale,
    });
    io.out(
      `created ${user.role} ${user.username} (id ${user.id}, ${allAreas ? 'every area' : `areas ${areaCodes.join(', ')}`})`,
    );
    if (generate) io.out(`password: ${password}`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      io.err(
        `openami user add: ${error.message}${Object.keys(error.details).length > 0 ? ` ${JSON.stringify(error.details)}` : ''}`,
      );
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

async function areaIdsOf(store: Store, codes: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const code of codes) {
    const area = await store.areas.getByCode(code);
    if (area === undefined) throw new AppError('BAD_REFERENCE', { entity: 'area', code });
    ids.push(area.id);
  }
  return ids;
}

/** The operator at the console: acts on every area and is recorded in the audit log as such. */

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
