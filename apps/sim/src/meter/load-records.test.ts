// 负荷记录 of one simulated meter, asked through frames built and read by the protocol library: blocks at the
// configured intervals of the meter's clock, values equal to what the meter showed at that instant, the three
// selectors, follow-up frames, interval and mode-word writes, and the bounded history.
import {
  decodeFrame,
  decodeItem,
  decodeLoadRecords,
  encodeFrame,
  encodeItem,
  type Frame,
  type LoadRecord,
  type MeterDateTime,
  parseResponse2007,
  type Request2007,
  type Response2007,
  requestFrame2007,
} from '@openami/protocol';
import { describe, expect, it } from 'vitest';
import { fromMeterDateTime, HOUR_MS, MINUTE_MS } from '../time/local-time.ts';
import { SimMeter } from './meter.ts';
import { type MeterConfigInput, meterConfig } from './meter-config.ts';
import { setLoad, setPowerDown } from './scenarios.ts';
import { meterAnswer } from './serial-interface.ts';

const OFFSET = 480;
const START = fromMeterDateTime({ year: 2026, month: 3, day: 2, hour: 0 }, OFFSET);
const CREDENTIALS = { passwordLevel: 2, password: '123456', operatorCode: '00000001' };

function meter(input: Partial<MeterConfigInput> = {}): SimMeter {
  return new SimMeter(meterConfig({ address: '000000000001', ...input }), START);
}

function ask(m: SimMeter, request: Request2007, simMs: number): Response2007 | undefined {
  const frame: Frame = requestFrame2007(request);
  const reply = meterAnswer(m, decodeFrame(encodeFrame(frame)), simMs);
  return reply === undefined ? undefined : parseResponse2007(decodeFrame(reply.frame));
}

/** Reads load records the way a head-end does: the first frame, then follow-ups while the meter has more. */
function readBlocks(
  m: SimMeter,
  di: number,
  simMs: number,
  options: { blockCount?: number; from?: MeterDateTime } = {},
): { blocks: LoadRecord[]; frames: number } | Response2007 | undefined {
  let response = ask(m, { kind: 'read-data', address: m.address, di, ...options }, simMs);
  if (response?.kind !== 'read-data') return response;
  const blocks = decodeLoadRecords(response.data);
  let frames = 1;
  let more = response.followUp;
  while (more) {
    response = ask(m, { kind: 'read-follow-up', address: m.address, di, seq: frames }, simMs);
    if (response?.kind !== 'read-follow-up') return response;
    expect(response.seq).toBe(frames);
    blocks.push(...decodeLoadRecords(response.data));
    frames++;
    more = response.followUp;
  }
  return { blocks, frames };
}

function blocksOf(result: ReturnType<typeof readBlocks>): LoadRecord[] {
  if (result === undefined || !('blocks' in result)) throw new Error(`no blocks: ${JSON.stringify(result)}`);
  return result.blocks;
}

function read(m: SimMeter, di: number, simMs: number) {
  const response = ask(m, { kind: 'read-data', address: m.address, di }, simMs);
  return response?.kind === 'read-data' ? decodeItem('2007', di, response.data).value : response;
}

const at = (hour: number, minute: number) =>
  fromMeterDateTime({ year: 2026, month: 3, day: 2, hour, minute }, OFFSET);
const hhmm = (block: LoadRecord) => `${block.time.hour}:${String(block.time.minute).padStart(2, '0')}`;

describe('load records of a simulated meter', () => {
  it('keeps a block every 15 minutes of its clock and hands them out earliest, from a time and latest', () => {
    const m = meter();
    const earliest = readBlocks(m, 0x06000000, START + HOUR_MS, { blockCount: 10 });
    // Four whole blocks of 103 bytes: one per frame, the rest by follow-up (SEQ 1, 2, 3).
    expect(earliest).toMatchObject({ frames: 4 });
    expect(blocksOf(earliest).map(hhmm)).toEqual(['0:15', '0:30', '0:45', '1:00']);
    const from = blocksOf(
      readBlocks(m, 0x06000001, START + HOUR_MS, {
        blockCount: 2,
        from: { year: 2026, month: 3, day: 2, hour: 0, minute: 20 },
      }),
    );
    expect(from.map(hhmm)).toEqual(['0:30', '0:45']);
    const latest = blocksOf(readBlocks(m, 0x06000002, START + HOUR_MS, { blockCount: 1 }));
    expect(latest.map(hhmm)).toEqual(['1:00']);
    expect(latest[0]).toMatchObject({ time: { year: 2026, month: 3, day: 2, hour: 1, minute: 0 } });
  });

  it('records what the meter showed at that instant, in every class', () => {
    const m = meter({ phases: 3, peakPowerW: 9_000, initialEnergyWh: 1_234_567 });
    const t = at(10, 45);
    const shown = {
      voltage: read(m, 0x0201ff00, t),
      current: read(m, 0x0202ff00, t),
      frequency: read(m, 0x02800002, t),
      active: read(m, 0x0203ff00, t),
      reactive: read(m, 0x0204ff00, t),
      powerFactor: read(m, 0x0206ff00, t),
      forward: read(m, 0x00010000, t),
      reverse: read(m, 0x00020000, t),
      combined1: read(m, 0x00030000, t),
      combined2: read(m, 0x00040000, t),
      quadrants: [0x00050000, 0x00060000, 0x00070000, 0x00080000].map((di) => read(m, di, t)),
      demand: read(m, 0x02800004, t),
    };
    const [block] = blocksOf(readBlocks(m, 0x06000002, t));
    expect(block).toEqual({
      time: { year: 2026, month: 3, day: 2, hour: 10, minute: 45 },
      voltageCurrent: { voltageV: shown.voltage, currentA: shown.current, frequencyHz: shown.frequency },
      power: { activeKw: shown.active, reactiveKvar: shown.reactive },
      powerFactor: shown.powerFactor,
      energy: {
        forwardActiveKwh: shown.forward,
        reverseActiveKwh: shown.reverse,
        combinedReactive1Kvarh: shown.combined1,
        combinedReactive2Kvarh: shown.combined2,
      },
      quadrantReactiveKvarh: shown.quadrants,
      demand: { activeKw: shown.demand, reactiveKvar: null },
    });
    expect(block?.energy?.forwardActiveKwh).toBeGreaterThan(1234.56);
  });

  it('reads one class alone, several blocks to a frame, the other classes empty', () => {
    const m = meter();
    setLoad(m, START, 2_000);
    const result = readBlocks(m, 0x06040001, START + 2 * HOUR_MS, {
      blockCount: 5,
      from: { year: 2026, month: 3, day: 2, hour: 0, minute: 0 },
    });
    expect(result).toMatchObject({ frames: 1 });
    const blocks = blocksOf(result);
    expect(blocks.map(hhmm)).toEqual(['0:15', '0:30', '0:45', '1:00', '1:15']);
    expect(blocks.every((b) => b.voltageCurrent === null && b.demand === null && b.energy !== null)).toBe(
      true,
    );
    // 2 kW for 15 minutes: 0.50 kWh a block.
    const forward = blocks.map((b) => b.energy?.forwardActiveKwh as number);
    expect(forward.slice(1).map((kwh, i) => Math.round((kwh - (forward[i] as number)) * 100))).toEqual([
      50, 50, 50, 50,
    ]);
  });

  it('answers "no requested data" when no block matches, and refuses a follow-up out of turn', () => {
    const m = meter();
    expect(
      ask(m, { kind: 'read-data', address: m.address, di: 0x06000002, blockCount: 1 }, START + MINUTE_MS),
    ).toMatchObject({
      kind: 'abnormal',
      reasons: ['no-data'],
    });
    const future = { year: 2026, month: 3, day: 3, hour: 0, minute: 0 };
    expect(readBlocks(m, 0x06000001, START + HOUR_MS, { blockCount: 1, from: future })).toMatchObject({
      kind: 'abnormal',
      reasons: ['no-data'],
    });
    const first = ask(
      m,
      { kind: 'read-data', address: m.address, di: 0x06000000, blockCount: 3 },
      START + HOUR_MS,
    );
    expect(first).toMatchObject({ kind: 'read-data', followUp: true });
    expect(
      ask(m, { kind: 'read-follow-up', address: m.address, di: 0x06000000, seq: 2 }, START + HOUR_MS),
    ).toMatchObject({
      kind: 'abnormal',
      reasons: ['no-data'],
    });
  });

  it('changes its intervals and mode word on a password-checked write', () => {
    const m = meter();
    const write = (di: number, value: Parameters<typeof encodeItem>[2], simMs: number, password = '123456') =>
      ask(
        m,
        {
          kind: 'write-data',
          address: m.address,
          di,
          value: encodeItem('2007', di, value),
          ...CREDENTIALS,
          password,
        },
        simMs,
      );
    expect(write(0x04000a02, 5, START, '654321')).toMatchObject({
      kind: 'abnormal',
      reasons: ['unauthorized'],
    });
    expect(write(0x04000a02, 5, START)).toMatchObject({ kind: 'ack' });
    expect(write(0x04000a02, 61, START)).toMatchObject({ kind: 'abnormal' });
    expect(read(m, 0x04000a02, START)).toBe(5);
    expect(read(m, 0x04000a05, START)).toBe(15);
    const classOne = blocksOf(readBlocks(m, 0x06010000, START + 30 * MINUTE_MS, { blockCount: 10 }));
    expect(classOne.map(hhmm)).toEqual(['0:05', '0:10', '0:15', '0:20', '0:25', '0:30']);
    const classFour = blocksOf(readBlocks(m, 0x06040000, START + 30 * MINUTE_MS, { blockCount: 10 }));
    expect(classFour.map(hhmm)).toEqual(['0:15', '0:30']);
    // Every class: a block wherever any class fell due, holding just the classes due then.
    const all = blocksOf(
      readBlocks(m, 0x06000001, START + 30 * MINUTE_MS, {
        blockCount: 2,
        from: { year: 2026, month: 3, day: 2, hour: 0, minute: 10 },
      }),
    );
    expect(all.map((b) => [hhmm(b), b.voltageCurrent !== null, b.energy !== null])).toEqual([
      ['0:10', true, false],
      ['0:15', true, true],
    ]);
    expect(write(0x04000901, { raw: 0x08, flags: {} }, START + 30 * MINUTE_MS)).toMatchObject({
      kind: 'ack',
    });
    expect(read(m, 0x04000901, START + 30 * MINUTE_MS)).toMatchObject({ raw: 0x08 });
    const after = blocksOf(
      readBlocks(m, 0x06000001, START + HOUR_MS, {
        blockCount: 9,
        from: { year: 2026, month: 3, day: 2, hour: 0, minute: 31 },
      }),
    );
    expect(after.map(hhmm)).toEqual(['0:45', '1:00']);
    expect(write(0x04000a01, { month: 3, day: 2, hour: 0, minute: 0 }, START + HOUR_MS)).toMatchObject({
      kind: 'ack',
    });
    expect(read(m, 0x04000a01, START + HOUR_MS)).toEqual({ month: 3, day: 2, hour: 0, minute: 0 });
  });

  it('keeps a bounded history, records nothing without supply, and follows its own clock', () => {
    const m = meter({ loadRecordsKept: 10, clockOffsetMs: 7 * MINUTE_MS });
    // The clock runs 7 minutes ahead: its 00:15 comes at true 00:08.
    const early = blocksOf(readBlocks(m, 0x06000002, at(0, 8) + 1));
    expect(early.map(hhmm)).toEqual(['0:15']);
    setPowerDown(m, at(1, 0), true);
    setPowerDown(m, at(2, 0), false);
    const blocks = blocksOf(readBlocks(m, 0x06040000, at(4, 0), { blockCount: 20 }));
    expect(blocks).toHaveLength(10);
    expect(blocks.map(hhmm)).not.toContain('1:30');
    expect(hhmm(blocks[9] as LoadRecord)).toBe('4:00');
  });
});
