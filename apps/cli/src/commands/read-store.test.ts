import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, generateField, startField } from '@openami/sim';
import { migrateToLatest, openStore } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run } from './read.ts';
import { bar } from './read-store.ts';

describe('openami read --area / --meter', () => {
  let field: Field;
  let database: string;
  let areaId: number;
  let meterIds: readonly number[];
  let basePort: number;

  beforeAll(async () => {
    basePort = await freeBasePort(2);
    field = await startField(
      generateField({ terminals: 1, ports: 2, metersPerPort: 2, seed: 11, baud: 9600, basePort }),
    );
    database = join(mkdtempSync(join(tmpdir(), 'openami-read-')), 'db.sqlite');
    const store = openStore({ url: database });
    await migrateToLatest(store.db);
    const stored = await storeField(store, field, { basePort, ports: 2, baud: 9600, stockedInAt: 0 });
    areaId = stored.area.id;
    meterIds = stored.meterIds;
    await store.close();
  });
  afterAll(async () => {
    await field.stop();
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const progress: string[] = [];
    let err = '';
    const io: CommandIo = {
      out: (text) => out.push(text),
      err: (text) => (err += `${text}\n`),
      progress: (text) => progress.push(text),
    };
    return { code: await run(args, io), out, err, progress };
  }

  it('reads an area with a progress bar, records the run and lists the meters it could not read', async () => {
    field.setFaults({ meter: field.addresses()[3] as string }, { dead: true });
    const { code, out, err, progress } = await cli('--database', database, '--area', String(areaId));
    field.setFaults({ meter: field.addresses()[3] as string }, undefined);
    expect(code).toBe(1);
    expect(err).toMatch(/4 meters, 3 complete, 0 partial, 1 unreachable \(run \d+\)/);
    expect(progress.at(0)).toContain('0/4 meters');
    expect(progress.at(-2)).toContain('100 % 4/4 meters, 1 unreachable');
    expect(out.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ meter: meterIds[3], reason: expect.any(String) }),
    ]);
  });

  it('reads one meter and prints each item', async () => {
    const { code, out } = await cli(
      '--database',
      database,
      '--meter',
      String(meterIds[0]),
      '--item',
      'prepaid',
    );
    expect(code).toBe(0);
    expect(out.map((line) => JSON.parse(line).id)).toEqual(['00900100', '00900200']);
  });

  it('names an unknown item', async () => {
    const { code, err } = await cli('--database', database, '--meter', '1', '--item', 'everything');
    expect(code).toBe(2);
    expect(err).toContain('unknown data item everything');
  });

  it('draws the bar', () => {
    expect(bar({ runId: 1, total: 4, done: 1, complete: 1, partial: 0, unreachable: 0 }, 8)).toBe(
      '[██░░░░░░]  25 % 1/4 meters, 0 unreachable',
    );
  });
});
