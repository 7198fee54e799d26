import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { createTestSchema, postgresUrl } from '@openami/storage/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run as audit } from './audit.ts';
import { run as backup } from './backup.ts';
import { run as ledger } from './ledger.ts';
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

/** An area, a meter and an account to sell on; resolves with the account's and the meter's ids. */
async function seed(store: Store): Promise<{ accountId: number; meterId: number }> {
  const now = Date.now();
  const area = await store.areas.create({ parentId: null, kind: 'community', code: 'B1', name: 'b' }, now);
  const type = await store.meterTypes.create(
    {
      code: 'MTB',
      name: 'remote',
      model: 'DDSY',
      constantImpPerKwh: 1600,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 40_000,
      phases: 1,
      protocol: 'dlt645_2007',
      cardStandard: 'none',
    },
    null,
    now,
  );
  const price = await store.priceTypes.create(
    { code: 'PB', name: 'p', unitPriceMilliFenPerKwh: 48_830 },
    null,
    now,
  );
  const meter = await store.meters.stockIn(
    {
      factoryNo: 'FB1',
      commAddress: '000000000088',
      meterTypeId: type.id,
      meterTypeVersionId: (await store.meterTypes.currentVersion(type.id))?.id ?? 0,
      state: 'installed',
      startingReadingWh: 0,
      areaId: area.id,
      terminalPortId: null,
      parentMeterId: null,
      ptPrimary: 1,
      ptSecondary: 1,
      ctPrimary: 1,
      ctSecondary: 1,
      multiplier: 1,
      stockedInAt: now,
    },
    now,
  );
  const customer = await store.customers.create(
    { code: 'CB1', name: 'c', unit: '', address: '', idNumber: '', areaId: area.id },
    null,
    now,
  );
  const account = await store.accounts.open(
    {
      accountNo: 'ACB1',
      customerId: customer.id,
      meterId: meter.id,
      priceTypeId: price.id,
      prepaidMode: 'remote',
      alarmEnergyWh: 0,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
      phones: '[]',
      openedAt: now,
    },
    now,
  );
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

/** Whether a program runs from PATH (pg_dump and pg_restore are not installed everywhere). */
function onPath(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const pgTools = postgresUrl !== undefined && onPath('pg_dump') && onPath('pg_restore');

describe.skipIf(!pgTools)(
  'PostgreSQL: pg_dump -Fc, pg_restore into a fresh database, then the checks',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'openami-pgdump-'));
    const fresh = `openami_restore_${randomBytes(5).toString('hex')}`;
    let dropSchema: (() => Promise<void>) | undefined;
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await dropSchema?.();
      if (postgresUrl !== undefined) await adminQuery(postgresUrl, `drop database if exists ${fresh}`);
    });

    it('restores a dump whose audit chain verifies and whose balances match the ledger', async () => {
      const { url, schema, drop } = await createTestSchema();
      dropSchema = drop;
      const store = openStore({ url, schema, poolSize: 2 });
      await migrateToLatest(store.db);
      const ids = await seed(store);
      for (let n = 1; n <= 20; n += 1) {
        const now = Date.now();
        await store.transaction(async (tx) => {
          await tx.ledger.lockAccount(ids.accountId, now);
          const entry = await tx.ledger.append({
            accountId: ids.accountId,
            meterId: ids.meterId,
            kind: 'sale',
            amountFen: 100 * n,
            energyWh: 0,
            adjustmentWh: 0,
            purchaseCount: null,
            writeKwh: null,
            refersToId: null,
            tierCycle: null,
            priceTypeVersionId: null,
            tariffVersionId: null,
            requestId: `pg-${n}`,
            requestFingerprint: `pg-${n}`,
            invoiceNo: null,
            operatorUserId: null,
            operatorName: 'cashier',
            details: {},
            createdAt: now,
          });
          await tx.audit.append({
            at: now,
            actorUserId: null,
            actorName: 'cashier',
            sourceIp: 'test',
            action: 'vending.sale',
            entity: 'account',
            entityId: String(ids.accountId),
            details: { entryId: entry.id },
          });
        });
      }
      await store.close();

      const dump = join(dir, 'openami.dump');
      const dumped = spawnSync('pg_dump', ['-Fc', '--schema', schema, '--file', dump, url], {
        encoding: 'utf8',
      });
      expect(dumped.stderr).toBe('');
      expect(dumped.status).toBe(0);
      await adminQuery(url, `create database ${fresh}`);
      const freshUrl = new URL(url);
      freshUrl.pathname = `/${fresh}`;
      const restored = spawnSync(
        'pg_restore',
        ['--no-owner', '--exit-on-error', '--dbname', freshUrl.toString(), dump],
        { encoding: 'utf8' },
      );
      expect(restored.stderr).toBe('');
      expect(restored.status).toBe(0);
      // The test dumped a schema of its own; in the fresh database it becomes the default one.
      await adminQuery(
        freshUrl.toString(),
        `drop schema public cascade; alter schema ${schema} rename to public`,
      );

      const verified = capture();
      expect(await audit(['verify', '--database', freshUrl.toString()], verified)).toBe(0);
      expect(verified.lines[0]).toMatch(/^audit log intact: \d+ entries$/);
      expect(Number(/(\d+) entries/.exec(verified.lines[0] ?? '')?.[1])).toBeGreaterThanOrEqual(20);
      const checked = capture();
      expect(await ledger(['check', '--database', freshUrl.toString()], checked)).toBe(0);
      expect(checked.lines).toEqual(['every kept balance matches its ledger']);
      expect(await sales(freshUrl.toString())).toBe(20);
    }, 60_000);
  },
);
