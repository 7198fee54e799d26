// The spool on a real directory: memory first, then the file, drained oldest first; the cap refuses and
// says so; a process stopping (or dying) leaves its batches for the next one.
import { appendFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnergyReading } from '../repositories/readings.ts';
import { ReadingSpool, type SpooledBatch, spoolFileName } from './reading-spool.ts';

const energy = (meterId: number, readAt: number): EnergyReading => ({
  meterId,
  readAt,
  activeImportWh: 1000 * readAt,
  activeExportWh: null,
  tariff1Wh: null,
  tariff2Wh: null,
  tariff3Wh: null,
  tariff4Wh: null,
  remainingEnergyWh: null,
  remainingMoneyFen: null,
  statusWord: null,
  receivedAt: readAt,
});
const batch = (readAt: number): SpooledBatch => ({ energy: [energy(1, readAt)], instant: [] });

function drainAll(spool: ReadingSpool): number[] {
  const order: number[] = [];
  for (let next = spool.peek(); next !== undefined; next = spool.peek()) {
    order.push(...next.energy.map((r) => r.readAt));
    spool.shift();
  }
  return order;
}

describe('the reading spool', () => {
  it('keeps batches in memory, spills the rest to its file, and gives them back oldest first', () => {
    const directory = mkdtempSync(join(tmpdir(), 'openami-spool-'));
    const spool = new ReadingSpool({ directory, memoryRows: 2 });
    for (let t = 1; t <= 5; t++) expect(spool.add(batch(t))).toBe(true);
    expect(spool.stats).toMatchObject({ bufferedRows: 5, spilledRows: 3, droppedRows: 0 });
    expect(statSync(join(directory, spoolFileName)).mode & 0o777).toBe(0o600);
    // Memory drained first: what arrives meanwhile still goes behind the file.
    expect(spool.peek()?.energy[0]?.readAt).toBe(1);
    spool.shift();
    spool.add(batch(6));
    expect(drainAll(spool)).toEqual([2, 3, 4, 5, 6]);
    expect(spool.empty).toBe(true);
    expect(existsSync(join(directory, spoolFileName))).toBe(false);
  });

  it('refuses a batch past its cap, counts it and says so, and goes on', () => {
    const directory = mkdtempSync(join(tmpdir(), 'openami-spool-'));
    const refused: string[] = [];
    const spool = new ReadingSpool({
      directory,
      memoryRows: 1,
      maxFileBytes: 600,
      onFull: (rows, reason) => refused.push(`${rows}: ${reason}`),
    });
    const kept = Array.from({ length: 6 }, (_, i) => spool.add(batch(i + 1)));
    expect(kept.filter((k) => !k).length).toBeGreaterThan(0);
    expect(refused[0]).toMatch(/^1: the spool file .* reached its cap of 600 bytes/);
    expect(spool.stats.droppedRows).toBe(refused.length);
    // The cap bounds what waits; once drained there is room again.
    drainAll(spool);
    expect(spool.add(batch(99))).toBe(true);
  });

  it('without a directory, refuses what memory cannot hold', () => {
    const refused: number[] = [];
    const spool = new ReadingSpool({ memoryRows: 2, onFull: (rows) => refused.push(rows) });
    expect([1, 2, 3].map((t) => spool.add(batch(t)))).toEqual([true, true, false]);
    expect(refused).toEqual([1]);
  });

  it('writes memory ahead of the file when stopped; the next process drains it all, a torn line skipped', () => {
    const directory = mkdtempSync(join(tmpdir(), 'openami-spool-'));
    const first = new ReadingSpool({ directory, memoryRows: 2 });
    for (let t = 1; t <= 4; t++) first.add(batch(t));
    first.persist();
    // A process that died in the middle of a line.
    appendFileSync(join(directory, spoolFileName), '{"energy":[{"meterId":1,');
    const next = new ReadingSpool({ directory, memoryRows: 2 });
    expect(next.stats.bufferedRows).toBe(4);
    expect(drainAll(next)).toEqual([1, 2, 3, 4]);
    expect(next.empty).toBe(true);
  });
});
