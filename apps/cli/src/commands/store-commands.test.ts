import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@openami/storage';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run as audit } from './audit.ts';
import { run as migrate } from './migrate.ts';
import { run as user } from './user.ts';

function capture(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text) };
}

describe('openami migrate, user add, audit verify (SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openami-cli-'));
  const database = join(dir, 'openami.sqlite');
  afterAll(() => rmSync(dir, { recursive: true }));

  it('migrates a new database, then reports it current', async () => {
    const io = capture();
    expect(await migrate(['--database', database], io)).toBe(0);
    expect(io.lines.filter((l) => l.startsWith('applied')).length).toBeGreaterThan(5);
    const again = capture();
    expect(await migrate(['--database', database, '--status'], again)).toBe(0);
    expect(again.lines.join('\n')).toMatch(/schema is current/);
  });

  it('creates the first administrator with a generated password, never a default one', async () => {
    const io = capture();
    expect(
      await user(
        [
          'add',
          '--username',
          'admin',
          '--role',
          'administrator',
          '--generate-password',
          '--database',
          database,
        ],
        io,
      ),
    ).toBe(0);
    expect(io.lines[0]).toMatch(/created administrator admin .*every area/);
    expect(io.lines[1]).toMatch(/^password: \S{16,}$/);
    const missing = capture();
    expect(
      await user(
        ['add', '--username', 'x', '--role', 'cashier', '--generate-password', '--database', database],
        missing,
      ),
    ).toBe(2);
    const twice = capture();
    expect(
      await user(
        [
          'add',
          '--username',
          'admin',
          '--role',
          'administrator',
          '--generate-password',
          '--database',
          database,
        ],
        twice,
      ),
    ).toBe(1);
  });

  it('verifies the audit chain, and names the first entry changed behind its back', async () => {
    const ok = capture();
    expect(await audit(['verify', '--database', database], ok)).toBe(0);
    expect(ok.lines[0]).toBe('audit log intact: 1 entries');
    const store = openStore({ url: database });
    await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`update audit_log set source_ip = '10.6.6.6' where id = 1`.execute(store.db);
    await store.close();
    const broken = capture();
    expect(await audit(['verify', '--database', database], broken)).toBe(1);
    expect(broken.lines[0]).toMatch(/^audit log BROKEN at entry 1: content does not match its hash/);
  });

  it('refuses a database migrated by a newer OpenAMI', async () => {
    const store = openStore({ url: database });
    await sql`insert into kysely_migration (name, timestamp) values ('29990101T0000_future', 'x')`.execute(
      store.db,
    );
    await store.close();
    const io = capture();
    expect(await migrate(['--database', database], io)).toBe(1);
    expect(io.lines[0]).toMatch(/newer than this OpenAMI/);
  });
});
