import { connect } from 'node:net';
import { type DecodedFrame, encodeItem, parseRequest2007, responseFrame2007 } from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ScriptedReply,
  type ScriptedTerminal,
  startScriptedTerminal,
} from '../test/scripted-terminal.ts';
import type { MeterOutcome } from './collect/collect-meter.ts';
import type { FieldConfig } from './config.ts';
import { HeadEnd } from './head-end.ts';

/** Meters that answer their voltage with a value derived from their address. */
function meters(addresses: readonly string[]) {
  return (frame: DecodedFrame): ScriptedReply | undefined => {
    const request = parseRequest2007(frame);
    if (request.kind !== 'read-data' || !addresses.includes(request.address)) return undefined;
    const data = encodeItem('2007', request.di, 220 + Number(request.address.slice(-1)));
    return {
      frame: responseFrame2007({
        kind: 'read-data',
        address: request.address,
        di: request.di,
        data,
        followUp: false,
      }),
    };
  };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function terminal(
  script: (frame: DecodedFrame) => ScriptedReply | undefined,
): Promise<ScriptedTerminal> {
  const started = await startScriptedTerminal(script);
  cleanup.push(() => started.close());
  return started;
}

describe('the head-end', () => {
  it('reads every bus in parallel, stores meter by meter, and isolates a dead terminal', async () => {
    const port1 = await terminal(meters(['000000000001', '000000000002']));
    const port2 = await terminal(meters(['000000000003']));
    const dead = await terminal(() => undefined);
    const config: FieldConfig = {
      terminals: [
        {
          id: 1,
          mode: 'tcp-server',
          host: '127.0.0.1',
          ports: [
            { portNo: 1, baud: 9600, tcpPort: port1.port },
            { portNo: 2, baud: 9600, tcpPort: port2.port },
          ],
        },
        {
          id: 2,
          mode: 'tcp-server',
          host: '127.0.0.1',
          ports: [{ portNo: 1, baud: 9600, tcpPort: dead.port }],
        },
      ],
      meters: [
        {
          id: 1,
          address: '000000000001',
          edition: '2007',
          meterType: 'DDSY',
          terminalId: 1,
          portNo: 1,
        },
        {
          id: 2,
          address: '000000000002',
          edition: '2007',
          meterType: 'DDSY',
          terminalId: 1,
          portNo: 1,
        },
        {
          id: 3,
          address: '000000000003',
          edition: '2007',
          meterType: 'DDSY',
          terminalId: 1,
          portNo: 2,
        },
        {
          id: 4,
          address: '000000000004',
          edition: '2007',
          meterType: 'DDSY',
          terminalId: 2,
          portNo: 1,
        },
      ],
    };
    const stored: { outcome: MeterOutcome; readAt: number }[] = [];
    const headEnd = new HeadEnd(config, {
      bus: { responseDelayBudgetMs: 60, linkLatencyMs: 40, interFrameGapMs: 2, postBroadcastQuietMs: 50 },
      attempts: 2,
      sink: { meterDone: async (outcome, readAt) => void stored.push({ outcome, readAt }) },
      now: () => 1_700_000_000_000,
    });
    await headEnd.start();
    cleanup.push(() => headEnd.stop());
    expect(headEnd.linkStates()).toEqual({ '1#1': true, '1#2': true, '2#1': true });

    const report = await headEnd.read([0x02010100]);
    expect(report.successRate).toBe(0.75);
    expect(report.buses.find((b) => b.busId === '2#1')).toMatchObject({ unreachable: 1, successRate: 0 });
    const values = Object.fromEntries(
      stored.map(({ outcome }) => [outcome.meterId, outcome.readings[0]?.value]),
    );
    expect(values).toEqual({ 1: 221, 2: 222, 3: 223, 4: undefined });
    expect(stored.every((s) => s.readAt === 1_700_000_000_000)).toBe(true);

    const one = await headEnd.read([0x02010100], { meterIds: [3], priority: 'operator' });
    expect(one.outcomes).toHaveLength(1);

    expect(await headEnd.timeSync()).toEqual(['1#1', '1#2', '2#1']);
    for (let i = 0; i < 100 && port1.received.at(-1)?.frame.control.functionCode !== 0x08; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(port1.received.at(-1)?.frame.address).toBe('999999999999');
  });
});

describe('the head-end dial-in port', () => {
  it('is guarded as configured: bind address, identification deadline, clashing registrations logged', async () => {
    const lines: string[] = [];
    const config: FieldConfig = {
      terminals: [
        { id: 1, mode: 'tcp-client', registration: Buffer.from('DTU1'), ports: [{ portNo: 1, baud: 2400 }] },
        { id: 2, mode: 'tcp-client', registration: Buffer.from('DTU10'), ports: [{ portNo: 1, baud: 2400 }] },
      ],
      meters: [],
    };
    const headEnd = new HeadEnd(config, {
      dialIn: { host: '127.0.0.1', registrationTimeoutMs: 100 },
      log: (line) => lines.push(line),
    });
    await headEnd.start();
    cleanup.push(() => headEnd.stop());
    expect(lines.filter((line) => /terminal [12] is not identifiable/.test(line))).toHaveLength(2);
    const socket = connect({ host: '127.0.0.1', port: headEnd.dialInPort ?? 0 });
    await new Promise((resolve) => socket.once('close', resolve));
    expect(headEnd.dialInCounters?.timedOut).toBe(1);
    expect(lines.some((line) => /not identified within 100 ms/.test(line))).toBe(true);
  });
});
