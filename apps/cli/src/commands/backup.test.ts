import { spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '@openami/storage';
import { makeAccount } from '@openami/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run as backup } from './backup.ts';
import { run as migrate } from './migrate.ts';
import { run as restore } from './restore.ts';

const writerScript = fileURLToPath(new URL('./backup.test-writer.ts', import.meta.url));

function capture(): CommandIo & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return {
    lines,
    out: (text) => lines.push(text),
    err: (text) => lines.push(text),
    text: () => lines.join('\n'),
  };
}

/** An area, a meter and a remote account to sell on; resolves with the account's and the meter's ids. */
async function seed(store: Store): Promise<{ accountId: number; meterId: number }> {
  const { account, meter } = await makeAccount(store, {
    prepaidMode: 'remote',
    alarmEnergyWh: 0,
    unitPriceMilliFenPerKwh: 48_830,
    at: Date.now(),
  });
  return { accountId: account.id, meterId: meter.id };
}

async function sales(database: string): Promise<number> {
  const store = openStore({ url: database });
  try {
    const row = await store.db
      .selectFrom('vendingLedger')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await store.close();
  }
}

/** Runs `body` while another process keeps selling on the account. */
async function whileSelling(
  database: string,
  ids: { accountId: number; meterId: number },
  body: () => Promise<void>,
): Promise<void> {
  const writer = spawn(
    process.execPath,
    ['--import', 'tsx', writerScript, database, String(ids.accountId), String(ids.meterId)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  writer.stdout.setEncoding('utf8');
  const exited = new Promise<number | null>((done) => writer.on('exit', (code) => done(code)));
  await new Promise<void>((started, failed) => {
    writer.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('selling')) started();
    });
    writer.on('exit', (code) => failed(new Error(`the writer ended (${code}) before selling`)));
  });
  try {
    await new Promise((r) => setTimeout(r, 300));
    await body();
  } finally {
    writer.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
  expect(output).toContain('stopped');
}

describe('openami backup and restore (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openami-backup-'));
  const database = join(dir, 'openami.sqlite');
  const copy = join(dir, 'copy.sqlite');
  let ids: { accountId: number; meterId: number };
  let salesInCopy = 0;

  beforeAll(async () => {
    expect(await migrate(['--database', database], capture())).toBe(0);
    const store = openStore({ url: database });
    ids = await seed(store);
    await store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a database another process keeps selling into, and the copy passes every check', async () => {
    const io = capture();
    await whileSelling(database, ids, async () => {
      expect(await backup(['--database', database, '--output', copy], io)).toBe(0);
    });
    expect(io.lines[0]).toMatch(new RegExp(`^wrote ${copy} \\(\\d+ pages, \\d+ bytes\\) from ${database}$`));
    expect(io.lines.slice(1)).toEqual([
      'integrity check: ok',
      expect.stringMatching(/^audit log intact: \d+ entries$/),
      'ledger check: every kept balance matches its ledger',
      `backup ${copy} verified`,
    ]);
    salesInCopy = await sales(copy);
    expect(salesInCopy).toBeGreaterThan(0);
    // The writer went on after the copy was taken.
    expect(await sales(database)).toBeGreaterThan(salesInCopy);
    // An existing file is not overwritten.
    const again = capture();
    expect(await backup(['--database', database, '--output', copy], again)).toBe(1);
    expect(again.text()).toMatch(/already exists/);
  }, 60_000);

  it('refuses to replace a database another process has open, unless --force', async () => {
    const store = openStore({ url: database });
    await store.audit.verify();
    const io = capture();
    expect(await restore([copy, '--database', database], io)).toBe(1);
    expect(io.text()).toMatch(/is open in another process .*stop it first, or give --force/);
    await store.close();
    expect(readdirSync(dir).filter((f) => f.includes('before-restore'))).toEqual([]);
  }, 30_000);

  it('restores the copy in place of the database and keeps the replaced file aside', async () => {
    const salesBefore = await sales(database);
    const io = capture();
    expect(await restore([copy, '--database', database], io)).toBe(0);
    expect(io.lines).toContain('integrity check: ok');
    expect(io.lines).toContain(`restored ${database} from ${copy}`);
    const keptLine = io.lines.find((l) => l.startsWith('kept the replaced database as '));
    const kept = keptLine?.slice('kept the replaced database as '.length) ?? '';
    expect(kept).toMatch(/openami\.sqlite\.before-restore-\d{8}T\d{6}Z$/);
    expect(await sales(database)).toBe(salesInCopy);
    expect(await sales(kept)).toBe(salesBefore);
    // The restored database passes the checks in place, and the backup is untouched.
    const checked = capture();
    expect(await backup(['--database', database, '--output', join(dir, 'after.sqlite')], checked)).toBe(0);
    expect(existsSync(copy)).toBe(true);
  }, 30_000);

  it('refuses a file that is not a database, a damaged one, or one without OpenAMI in it, in words', async () => {
    const salesBefore = await sales(database);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'this is not a database\n'.repeat(100));
    const notDb = capture();
    expect(await restore([text, '--database', database], notDb)).toBe(1);
    expect(notDb.text()).toMatch(/integrity check of .*notes\.txt FAILED: not a SQLite database/);
    expect(notDb.text()).toMatch(/failed its checks; the database was not touched/);

    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(copy, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096);
    closeSync(fd);
    const broken = capture();
    expect(await restore([damaged, '--database', database], broken)).toBe(1);
    expect(broken.text()).toMatch(/FAILED/);
    expect(broken.text()).toMatch(/the database was not touched/);

    const empty = join(dir, 'empty.sqlite');
    openStore({ url: empty }).close();
    const foreign = capture();
    expect(await restore([empty, '--database', database], foreign)).toBe(1);
    expect(foreign.text()).toMatch(/empty\.sqlite is not an OpenAMI database/);

    const missing = capture();
    expect(await restore([join(dir, 'nowhere.sqlite'), '--database', database], missing)).toBe(1);
    expect(missing.text()).toMatch(/no such file .*nowhere\.sqlite/);
    // Nothing of the refused files is left beside the database.
    expect(readdirSync(dir).filter((f) => f.startsWith('.restore-'))).toEqual([]);

    expect(await sales(database)).toBe(salesBefore);
  }, 30_000);

  it('with --force, replaces a database that is open, keeping it and its log aside', async () => {
    const store = openStore({ url: database });
    await store.audit.verify();
    const io = capture();
    expect(await restore([copy, '--database', database, '--force'], io)).toBe(0);
    await store.close();
    expect(io.lines).toContain(`restored ${database} from ${copy}`);
    expect(await sales(database)).toBe(salesInCopy);
    expect(
      readdirSync(dir).filter((f) => f.includes('before-restore') && !/-(wal|shm)$/.test(f)),
    ).toHaveLength(2);
  }, 30_000);

  it('refuses PostgreSQL and points to pg_dump and pg_restore', async () => {
    const url = 'postgres://openami@127.0.0.1:5432/openami';
    const b = capture();
    expect(await backup(['--database', url], b)).toBe(2);
    expect(b.text()).toMatch(/PostgreSQL; openami backup copies SQLite files only/);
    expect(b.text()).toMatch(/pg_dump -Fc .*docs\/operations\.md \("Backups"\)/s);
    const r = capture();
    expect(await restore(['x.dump', '--database', url], r)).toBe(2);
    expect(r.text()).toMatch(/Use pg_restore as docs\/operations\.md \("Backups"\) describes/);
    expect(r.text()).toMatch(/openami audit verify/);
  });
});

// The PostgreSQL procedure (pg_dump, pg_restore into a fresh database, audit verify) is pg-backup.test.ts.
