// The head-end against the simulator over real TCP: meters on RS-485 buses behind serial servers, with the
// field's timing and faults.
import { type Field, generateField, startField } from '@openami/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressOf, fieldConfigOf } from '../test/sim-field.ts';
import type { FieldConfig } from './config.ts';
import { HeadEnd } from './head-end.ts';

describe('the head-end against a simulated field', () => {
  let field: Field;
  let headEnd: HeadEnd;
  let config: FieldConfig;

  beforeAll(async () => {
    field = await startField(
      generateField({ terminals: 2, ports: 2, metersPerPort: 6, seed: 7, baud: 9600 }),
    );
    config = fieldConfigOf(field);
    headEnd = new HeadEnd(config, { attempts: 4 });
    await headEnd.start();
  });

  afterAll(async () => {
    await headEnd.stop();
    await field.stop();
  });

  it('reads every meter, through dropped and corrupted replies', async () => {
    for (const terminal of field.listing())
      field.setFaults({ terminal: terminal.id }, { dropRate: 0.05, corruptRate: 0.05 });
    const report = await headEnd.read([0x00010000, 0x02010100]);
    expect(report.outcomes).toHaveLength(24);
    expect(report.outcomes.filter((o) => o.status !== 'complete').map((o) => o.failures)).toEqual([]);
    for (const outcome of report.outcomes) {
      const address = addressOf(config, outcome.meterId) as string;
      const truthWh = field.meter(address).registers.total(0);
      const readKWh = outcome.readings.find((r) => r.di === 0x00010000)?.value as number;
      // The register shows whole 10 Wh steps (XXXXXX.XX kWh) and keeps counting after the read.
      expect(readKWh * 1000).toBeLessThanOrEqual(truthWh);
      expect(readKWh * 1000).toBeGreaterThan(truthWh - 50_000);
    }
    expect(report.outcomes.some((o) => o.attempts > o.readings.length)).toBe(true);
  });

  it('marks a dead meter unreachable without holding up its bus', async () => {
    const [victim] = field.addresses();
    field.setFaults({ meter: victim as string }, { dead: true });
    const report = await headEnd.read([0x02010100]);
    const dead = report.outcomes.filter((o) => o.status === 'unreachable').map((o) => o.meterId);
    expect(dead.map((id) => addressOf(config, id))).toEqual([victim]);
    field.setFaults({ meter: victim as string }, undefined);
  });

  it('recovers by itself when a terminal drops its links', async () => {
    for (const terminal of field.listing()) field.setFaults({ terminal: terminal.id }, undefined);
    const [first] = field.listing();
    field.terminal(first?.id as string).dropConnections();
    for (let i = 0; i < 200 && Object.values(headEnd.linkStates()).every(Boolean); i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(Object.values(headEnd.linkStates()).some((up) => !up)).toBe(true);
    // Reconnection happens in the background with backoff; a later run finds every bus up again.
    for (let i = 0; i < 400 && !Object.values(headEnd.linkStates()).every(Boolean); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const report = await headEnd.read([0x02010100]);
    expect(report.successRate).toBe(1);
  });
});
