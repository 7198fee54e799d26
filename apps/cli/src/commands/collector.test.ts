import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStore } from '@openami/storage';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run } from './collector.ts';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) };
  return { code: await run(args, io), out, err };
}

describe('openami collector', () => {
  it('refuses a database that has not been migrated', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'openami-collector-')), 'db.sqlite');
    const { code, err } = await cli('--database', database, '--run', 'hourly-energy');
    expect(code).toBe(1);
    expect(err).toContain('openami migrate');
  });

  it('runs one plan and says what it did', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'openami-collector-')), 'db.sqlite');
    const store = openStore({ url: database });
    await migrateToLatest(store.db);
    await store.close();
    const { code, out } = await cli('--database', database, '--run', 'time-sync');
    expect(code).toBe(0);
    expect(out.trim()).toBe('time-sync: time broadcast on 0 bus(es)');
  });

  it('names the plans when asked for one that does not exist', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'openami-collector-')), 'db.sqlite');
    const store = openStore({ url: database });
    await migrateToLatest(store.db);
    await store.close();
    const { code, err } = await cli('--database', database, '--run', 'weekly');
    expect(code).toBe(2);
    expect(err).toContain('daily-frozen');
    expect(err).toContain('hourly-energy');
  });
});
