// Killing the head-end in the middle of a run loses no reading it had reported stored, and running again
// stores the rest, each once: readings are acknowledged only after they are durably written, and writes are
// idempotent on (meter, time).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Field, generateField, startField } from '@openami/sim';
import { openStore } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldConfigOf } from '../test/sim-field.ts';
import type { FieldConfig } from './config.ts';

function runChild(databasePath: string, config: FieldConfig, killAfterStored?: number): Promise<number[]> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'apps/headend/test/crash-child.ts', databasePath, JSON.stringify(config)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const stored: number[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('stored ')) stored.push(Number(line.slice(7)));
      if (killAfterStored !== undefined && stored.length >= killAfterStored) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve(stored));
  });
}

describe('a head-end killed in the middle of a run', () => {
  let field: Field;
  beforeAll(async () => {
    field = await startField(
      generateField({ terminals: 1, ports: 2, metersPerPort: 8, seed: 11, baud: 9600 }),
    );
  });
  afterAll(async () => {
    await field.stop();
  });

  it('keeps every reading it acknowledged and stores the rest on the next run', async () => {
    const databasePath = join(mkdtempSync(join(tmpdir(), 'openami-crash-')), 'openami.sqlite');
    const config = fieldConfigOf(field);
    const beforeKill = await runChild(databasePath, config, 5);
    expect(beforeKill.length).toBeGreaterThanOrEqual(5);
    expect(beforeKill.length).toBeLessThan(16);

    const store = openStore({ url: databasePath });
    try {
      for (const meterId of beforeKill) {
        expect(
          await store.readings.energyBetween(Number(meterId), 0, Number.MAX_SAFE_INTEGER),
          `meter ${meterId}`,
        ).toHaveLength(1);
      }
      const afterRestart = await runChild(databasePath, config);
      expect(afterRestart.sort()).toEqual(config.meters.map((m) => m.id).sort());
      for (const meter of config.meters) {
        const rows = await store.readings.energyBetween(Number(meter.id), 0, Number.MAX_SAFE_INTEGER);
        // One row from the second run, plus one from the first if it got that far (surely so for the meters it
        // acknowledged): never the same row twice.
        if (beforeKill.includes(meter.id)) expect(rows).toHaveLength(2);
        else expect(rows.length === 1 || rows.length === 2).toBe(true);
        expect(new Set(rows.map((r) => r.readAt)).size).toBe(rows.length);
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});
