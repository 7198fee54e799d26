import { randomBytes } from 'node:crypto';
import { postgresUrl } from '@openami/storage/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run as db } from './db.ts';
import { run as migrate } from './migrate.ts';

function capture(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text) };
}

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe.skipIf(postgresUrl === undefined)('openami migrate as the owner, then db roles', () => {
  const tag = randomBytes(5).toString('hex');
  const database = `openami_roles_${tag}`;
  const owner = `openami_owner_${tag}`;
  const runtime = `openami_app_${tag}`;
  const as = (role: string) => {
    const url = new URL(postgresUrl ?? '');
    url.username = role;
    url.pathname = `/${database}`;
    return url.toString();
  };
  afterAll(async () => {
    await admin(postgresUrl ?? '', `drop database if exists ${database}`);
    await admin(postgresUrl ?? '', `drop role if exists ${runtime}; drop role if exists ${owner}`);
  });

  it('grants the runtime role only what it needs, and refuses the owner as the runtime role', async () => {
    await admin(postgresUrl ?? '', `create role ${owner} login; create role ${runtime} login`);
    await admin(postgresUrl ?? '', `create database ${database} owner ${owner}`);
    await admin(as('postgres'), `alter schema public owner to ${owner}`);
    expect(await migrate(['--database', as(owner)], capture())).toBe(0);
    const io = capture();
    expect(await db(['roles', '--runtime', runtime, '--database', as(owner)], io)).toBe(0);
    expect(io.lines[0]).toMatch(
      new RegExp(
        `${runtime} may read and write schema public; only read and add to .*audit_log.*vending_ledger`,
      ),
    );
    await expect(admin(as(runtime), 'delete from audit_log')).rejects.toThrow(/permission denied/);
    const refused = capture();
    expect(await db(['roles', '--runtime', owner, '--database', as(owner)], refused)).toBe(1);
    expect(refused.lines[0]).toMatch(/is the owner/);
    expect(await db(['roles', '--database', as(owner)], capture())).toBe(2);
  });
});
