import { type DecodedFrame, encodeItem, parseRequest2007, responseFrame2007 } from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { busOverScript, type ScriptedReply, type ScriptedTerminal } from '../../test/scripted-terminal.ts';
import { MeterClient } from '../link/meter-client.ts';
import { BlockSupport } from './blocks.ts';
import { collectMeter, type MeterTask } from './collect-meter.ts';
import { runCollection } from './collection-run.ts';

const VALUES = new Map<number, number>([
  [0x00010000, 1206.42],
  [0x00010100, 300.1],
  [0x00010200, 400.2],
  [0x00010300, 500.3],
  [0x00010400, 5.82],
  [0x02010100, 229.7],
]);

/** A meter that answers single items from VALUES and, if `blocks`, the forward-energy block too. */
function meter(address: string, blocks: boolean) {
  return (request: DecodedFrame): ScriptedReply | undefined => {
    if (request.address !== address) return undefined;
    const parsed = parseRequest2007(request);
    if (parsed.kind !== 'read-data') return undefined;
    if (parsed.di === 0x0001ff00 && blocks) {
      const data = encodeItem('2007', parsed.di, [1206.42, 300.1, 400.2, 500.3, 5.82]);
      return {
        frame: responseFrame2007({ kind: 'read-data', address, di: parsed.di, data, followUp: false }),
      };
    }
    const value = VALUES.get(parsed.di);
    if (value === undefined) {
      return {
        frame: responseFrame2007({
          kind: 'abnormal',
          address,
          function: 'read-data',
          errorWord: 2,
          reasons: ['no-data'],
        }),
      };
    }
    return {
      frame: responseFrame2007({
        kind: 'read-data',
        address,
        di: parsed.di,
        data: encodeItem('2007', parsed.di, value),
        followUp: false,
      }),
    };
  };
}

const ITEMS = [0x00010000, 0x00010100, 0x00010200, 0x00010300, 0x00010400, 0x02010100];
const task = (address: string, meterType = 'DDSY1'): MeterTask => ({
  meterId: Number(address),
  address,
  edition: '2007',
  meterType,
  items: ITEMS,
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function clientFor(
  script: (request: DecodedFrame) => ScriptedReply | undefined,
): Promise<{ client: MeterClient; terminal: ScriptedTerminal }> {
  const scripted = await busOverScript(script);
  cleanup.push(scripted.close);
  return { client: new MeterClient(scripted.bus, { attempts: 2 }), terminal: scripted.terminal };
}

describe('collecting a meter', () => {
  it('reads the energy block in one exchange where the meter supports it', async () => {
    const { client, terminal } = await clientFor(meter('000000000001', true));
    const outcome = await collectMeter(client, new BlockSupport(), task('000000000001'));
    expect(outcome.status).toBe('complete');
    expect(Object.fromEntries(outcome.readings.map((r) => [r.di, r.value]))).toEqual(
      Object.fromEntries(VALUES),
    );
    expect(terminal.received).toHaveLength(2);
  });

  it('dates the values by the meter’s first answer, on the clock it is given, not by the end of the meter', async () => {
    const { client } = await clientFor(meter('000000000001', true));
    let tick = 1_000;
    const outcome = await collectMeter(
      client,
      new BlockSupport(),
      task('000000000001'),
      'scheduled',
      () => tick++,
    );
    // The energy block answered first (1000); the voltage after it (1001) does not move the date.
    expect(outcome.firstAnsweredAt).toBe(1_000);
    const silent = await clientFor(() => undefined);
    const none = await collectMeter(
      silent.client,
      new BlockSupport(),
      task('000000000009'),
      'scheduled',
      () => 5,
    );
    expect(none.firstAnsweredAt).toBeUndefined();
  });

  it('falls back to single items when a meter refuses the block, and remembers it for the type', async () => {
    const { client, terminal } = await clientFor(
      (request) => meter('000000000001', false)(request) ?? meter('000000000002', false)(request),
    );
    const blocks = new BlockSupport();
    const first = await collectMeter(client, blocks, task('000000000001'));
    expect(first.status).toBe('complete');
    expect(terminal.received).toHaveLength(1 + 6);
    expect(blocks.isSupported('DDSY1', 0x0001ff00)).toBe(false);
    const second = await collectMeter(client, blocks, task('000000000002'));
    expect(second.status).toBe('complete');
    // The second meter of the type goes straight to single items.
    expect(terminal.received).toHaveLength(7 + 6);
  });

  it('gives up a silent meter after its first item instead of hammering it', async () => {
    const { client, terminal } = await clientFor(() => undefined);
    const outcome = await collectMeter(client, new BlockSupport(), task('000000000009'));
    expect(outcome.status).toBe('unreachable');
    expect(outcome.failures.map((f) => f.reason)).toEqual([
      'timeout',
      'timeout',
      'timeout',
      'timeout',
      'timeout',
      'cancelled',
    ]);
    expect(outcome.failures.map((f) => f.why.code)).toEqual([
      'timeout',
      'timeout',
      'timeout',
      'timeout',
      'timeout',
      'no-answer',
    ]);
    expect(outcome.attempts).toBe(2);
    expect(terminal.received).toHaveLength(2);
  });

  it('reports items a meter does not have as partial, with the reason', async () => {
    const { client } = await clientFor(meter('000000000001', true));
    const outcome = await collectMeter(client, new BlockSupport(), {
      ...task('000000000001'),
      items: [...ITEMS, 0x02010200],
    });
    expect(outcome.status).toBe('partial');
    expect(outcome.failures).toEqual([
      expect.objectContaining({
        di: 0x02010200,
        reason: 'device-error',
        why: { code: 'item-refused', params: { item: '02010200', errors: ['no-data'] } },
      }),
    ]);
  });

  it('reads in full a meter without the prepaid balances it was asked for: not held is not a failure (issue 22, item 12)', async () => {
    const { client } = await clientFor(meter('000000000001', true));
    const outcome = await collectMeter(client, new BlockSupport(), {
      ...task('000000000001'),
      items: [...ITEMS, 0x00900100, 0x00900200],
    });
    expect(outcome).toMatchObject({ status: 'complete', failures: [], notHeld: [0x00900100, 0x00900200] });
    expect(outcome.readings).toHaveLength(ITEMS.length);
  });
});

describe('a collection run', () => {
  it('reads every bus in parallel and reports each bus’s success rate', async () => {
    const good = await clientFor(meter('000000000001', true));
    const dead = await clientFor(() => undefined);
    const progress: string[] = [];
    const report = await runCollection(
      [
        { busId: 'good', client: good.client, tasks: [task('000000000001')] },
        { busId: 'dead', client: dead.client, tasks: [task('000000000002')] },
      ],
      {
        blocks: new BlockSupport(),
        onOutcome: (busId, outcome) => void progress.push(`${busId}:${outcome.status}`),
      },
    );
    expect(report.buses).toEqual([
      expect.objectContaining({ busId: 'good', complete: 1, successRate: 1 }),
      expect.objectContaining({ busId: 'dead', unreachable: 1, successRate: 0 }),
    ]);
    expect(report.successRate).toBe(0.5);
    expect(progress.sort()).toEqual(['dead:unreachable', 'good:complete']);
  });
});
