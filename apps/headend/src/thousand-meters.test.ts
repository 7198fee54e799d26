// The acceptance run: 1 000 meters (here 1 024 on 32 buses) with 2 % of replies dropped and 1 %
// corrupted end with every meter read.
import { generateField, startField } from '@openami/sim';
import { describe, expect, it } from 'vitest';
import { fieldConfigOf } from '../test/sim-field.ts';
import { HeadEnd } from './head-end.ts';

describe('a run over a thousand meters with faults', () => {
  it('ends with every meter read', async () => {
    const field = await startField(
      generateField({ terminals: 4, ports: 8, metersPerPort: 32, seed: 5, baud: 9600 }),
    );
    const headEnd = new HeadEnd(fieldConfigOf(field), { attempts: 4 });
    try {
      for (const terminal of field.listing())
        field.setFaults({ terminal: terminal.id }, { dropRate: 0.02, corruptRate: 0.01 });
      await headEnd.start();
      const report = await headEnd.read([0x00010000]);
      expect(report.outcomes).toHaveLength(1024);
      expect(report.outcomes.filter((o) => o.status !== 'complete')).toEqual([]);
      // The faults happened and were retried through.
      expect(report.outcomes.reduce((sum, o) => sum + o.attempts, 0)).toBeGreaterThan(1024);
    } finally {
      await headEnd.stop();
      await field.stop();
    }
  }, 60_000);
});
