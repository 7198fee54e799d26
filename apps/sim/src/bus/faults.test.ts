// Faults injected at start and at run time happen, and at their configured rates (fixed seed, wide bounds).
import { requestFrame2007 } from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestMaster } from '../../test/client.ts';
import type { MeterDescription } from '../field/description.ts';
import { type Field, startField } from '../field/field.ts';

const FAST = { min: 20, max: 30 };
let field: Field | undefined;
const masters: TestMaster[] = [];

afterEach(async () => {
  for (const master of masters.splice(0)) master.close();
  await field?.stop();
  field = undefined;
});

const meter = (address: string, extra: Partial<MeterDescription> = {}): MeterDescription => ({
  address,
  responseDelayMs: FAST,
  ...extra,
});

async function open(terminal = 'T1', port = 0): Promise<TestMaster> {
  if (field === undefined) throw new Error('no field');
  const master = await TestMaster.open(field.tcpPort(terminal, port));
  masters.push(master);
  return master;
}

const read = (address: string) => requestFrame2007({ kind: 'read-data', address, di: 0x00010000 });

/** Outcomes of `count` reads: answered, silent, garbage. */
async function tally(master: TestMaster, address: string, count: number) {
  const result = { answered: 0, silent: 0, garbage: 0 };
  for (let i = 0; i < count; i++) {
    // Generous: a loaded test host must not turn a late reply into a "drop".
    const exchange = await master.exchange(read(address), 300);
    if (exchange.frame !== undefined) result.answered++;
    else if (exchange.bytes === 0) result.silent++;
    else result.garbage++;
  }
  return result;
}

describe('fault injection', () => {
  it('drops and corrupts replies at their configured rates', async () => {
    const port = (faults: { dropRate?: number; corruptRate?: number }, i: number) => ({
      baud: 19200,
      faults,
      meters: [meter(String(i + 1).padStart(12, '0'))],
    });
    field = await startField({
      seed: 11,
      terminals: [
        {
          id: 'T1',
          model: 'DH608',
          ports: [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
            port(i < 4 ? { dropRate: 0.3 } : { corruptRate: 0.2 }, i),
          ),
        },
      ],
    });
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
        open('T1', i).then((m) => tally(m, String(i + 1).padStart(12, '0'), 40)),
      ),
    );
    const sum = (from: number, key: 'silent' | 'garbage') =>
      results.slice(from, from + 4).reduce((n, r) => n + r[key], 0);
    // 160 × 0.3 = 48 (σ ≈ 5.8); 160 × 0.2 = 32 (σ ≈ 5.1): bounds at about 3σ.
    expect(sum(0, 'silent')).toBeGreaterThanOrEqual(31);
    expect(sum(0, 'silent')).toBeLessThanOrEqual(65);
    expect(sum(0, 'garbage')).toBe(0);
    expect(sum(4, 'garbage')).toBeGreaterThanOrEqual(17);
    expect(sum(4, 'garbage')).toBeLessThanOrEqual(47);
    expect(sum(4, 'silent')).toBe(0);
  });

  it('a dead meter never answers; a slow meter answers late; both set and cleared at run time', async () => {
    field = await startField({
      terminals: [
        {
          id: 'T1',
          model: 'DH601',
          ports: [{ baud: 9600, meters: [meter('000000000001', { faults: { dead: true } })] }],
        },
      ],
    });
    const master = await open();
    expect((await master.exchange(read('000000000001'), 200)).bytes).toBe(0);
    field.setFaults({ meter: '000000000001' }, { extraDelayMs: 300 });
    const slow = await master.exchange(read('000000000001'), 1_000);
    expect(slow.frame).toBeDefined();
    expect(slow.elapsedMs).toBeGreaterThan(320);
    field.setFaults({ meter: '000000000001' }, undefined);
    const normal = await master.exchange(read('000000000001'), 1_000);
    // The 300 ms the fault added is gone (compared with the slow exchange, so a loaded machine's delays cancel).
    expect(normal.elapsedMs).toBeLessThan(slow.elapsedMs - 200);
  });

  it('a terminal that accepts but never answers, one on the wrong baud rate, one that drops its link', async () => {
    field = await startField({
      terminals: [{ id: 'T1', model: 'DH601', ports: [{ baud: 2400, meters: [meter('000000000001')] }] }],
    });
    const master = await open();
    expect((await master.exchange(read('000000000001'), 1_000)).frame).toBeDefined();
    field.setFaults({ terminal: 'T1' }, { silent: true });
    expect((await master.exchange(read('000000000001'), 400)).bytes).toBe(0);
    field.setFaults({ terminal: 'T1', port: 0 }, { baud: 9600 });
    field.setFaults({ terminal: 'T1' }, undefined);
    expect((await master.exchange(read('000000000001'), 400)).bytes).toBe(0);
    field.setFaults({ terminal: 'T1', port: 0 }, undefined);
    expect((await master.exchange(read('000000000001'), 1_000)).frame).toBeDefined();
    // One meter set to another rate than its bus: it no longer understands anything.
    field.setFaults({ meter: '000000000001' }, { baud: 1200 });
    expect((await master.exchange(read('000000000001'), 400)).bytes).toBe(0);
    field.setFaults({ meter: '000000000001' }, undefined);
    field.terminal('T1').dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(master.closed).toBe(true);
    field.setFaults({ terminal: 'T1' }, { disconnectRate: 1 });
    const again = await open();
    await again.exchange(read('000000000001'), 300);
    expect(again.closed).toBe(true);
  });
});
