// 负荷记录 over real TCP: a master (the protocol library over a socket) reads a terminal port's meters' load
// records, follow-up frames included, and finds the blocks at the configured intervals of the meter's clock with
// the values the meters really had, on a stepped clock and at a time factor.
import {
  type DataValue,
  decodeItem,
  decodeLoadRecords,
  encodeItem,
  type LoadRecord,
  type MeterDateTime,
  parseResponse2007,
  type Request2007,
  type Response2007,
  requestFrame2007,
} from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestMaster } from '../../test/client.ts';
import { kwh } from '../meter/units.ts';
import { freeBasePort } from '../terminal/free-ports.ts';
import { fromMeterDateTime, HOUR_MS, MINUTE_MS } from '../time/local-time.ts';
import { ManualClock } from '../time/sim-clock.ts';
import { type Field, startField } from './field.ts';

const SINGLE = '000000000011';
const THREE = '000000000033';
const START = '2026-03-02T08:00:00+08:00';
const CREDENTIALS = { passwordLevel: 2, password: '123456', operatorCode: '00000001' };

let field: Field | undefined;
const masters: TestMaster[] = [];

afterEach(async () => {
  for (const master of masters.splice(0)) master.close();
  await field?.stop();
  field = undefined;
});

async function open(options: { timeFactor?: number; clock?: ManualClock }): Promise<TestMaster> {
  const basePort = await freeBasePort(1);
  const meter = { responseDelayMs: { min: 20, max: 20 } };
  field = await startField(
    {
      timeFactor: options.timeFactor ?? 1,
      start: START,
      terminals: [
        {
          id: 'T1',
          model: 'DH601',
          basePort,
          ports: [
            {
              baud: 9600,
              meters: [
                { address: SINGLE, ...meter },
                { address: THREE, phases: 3, ...meter },
              ],
            },
          ],
        },
      ],
    },
    options.clock === undefined ? {} : { clock: options.clock },
  );
  expect(field.tcpPort('T1')).toBe(basePort);
  const master = await TestMaster.open(basePort);
  masters.push(master);
  return master;
}

async function ask(master: TestMaster, request: Request2007): Promise<Response2007 | undefined> {
  const exchange = await master.exchange(requestFrame2007(request), 2_000);
  return exchange.frame === undefined ? undefined : parseResponse2007(exchange.frame);
}

async function read(master: TestMaster, address: string, di: number): Promise<DataValue | undefined> {
  const response = await ask(master, { kind: 'read-data', address, di });
  return response?.kind === 'read-data' ? decodeItem('2007', di, response.data).value : undefined;
}

/** The blocks of a load-record read, following up (SEQ 1, 2, …) while the meter says there is more. */
async function readBlocks(
  master: TestMaster,
  address: string,
  di: number,
  options: { blockCount: number; from?: MeterDateTime },
): Promise<{ blocks: LoadRecord[]; frames: number }> {
  let response = await ask(master, { kind: 'read-data', address, di, ...options });
  if (response?.kind !== 'read-data') throw new Error(`no load records: ${JSON.stringify(response)}`);
  const blocks = decodeLoadRecords(response.data);
  let frames = 1;
  while (response.followUp) {
    const next: Response2007 | undefined = await ask(master, {
      kind: 'read-follow-up',
      address,
      di,
      seq: frames,
    });
    if (next?.kind !== 'read-follow-up')
      throw new Error(`follow-up ${frames} failed: ${JSON.stringify(next)}`);
    blocks.push(...decodeLoadRecords(next.data));
    frames++;
    response = next;
  }
  return { blocks, frames };
}

const minuteOf = (block: LoadRecord) => fromMeterDateTime(block.time, 480) / MINUTE_MS;

describe('load records over TCP', () => {
  it('are kept every 15 minutes and carry what the meters measured then', async () => {
    const clock = new ManualClock(Date.parse(START));
    const master = await open({ clock });
    clock.advance(2 * HOUR_MS);
    const f = field as Field;

    const { blocks, frames } = await readBlocks(master, THREE, 0x06000000, { blockCount: 8 });
    expect(frames).toBe(8); // a three-phase block with every class is 103 bytes: one to a frame
    expect(blocks.map((b) => `${b.time.hour}:${b.time.minute}`)).toEqual([
      '8:15',
      '8:30',
      '8:45',
      '9:0',
      '9:15',
      '9:30',
      '9:45',
      '10:0',
    ]);
    // The newest block was taken now: it equals what the meter shows and what the library says it holds.
    const latest = blocks[7] as LoadRecord;
    const meter = f.meter(THREE);
    expect(latest.voltageCurrent?.voltageV).toEqual(await read(master, THREE, 0x0201ff00));
    expect(latest.power?.activeKw).toEqual(await read(master, THREE, 0x0203ff00));
    expect(latest.energy?.forwardActiveKwh).toBe(kwh(meter.registers.total(0)));
    expect(latest.energy?.forwardActiveKwh).toBe(await read(master, THREE, 0x00010000));
    const energies = blocks.map((b) => b.energy?.forwardActiveKwh as number);
    expect(energies.every((kwhNow, i) => i === 0 || kwhNow >= (energies[i - 1] as number))).toBe(true);

    // A single-phase meter: phases B and C read as absent; class 1 blocks are small, five to a frame.
    const classOne = await readBlocks(master, SINGLE, 0x06010001, {
      blockCount: 6,
      from: { year: 2026, month: 3, day: 2, hour: 8, minute: 30 },
    });
    expect(classOne.frames).toBe(2);
    expect(classOne.blocks.map(minuteOf)).toEqual(
      [0, 1, 2, 3, 4, 5].map((k) => Date.parse('2026-03-02T08:30:00+08:00') / MINUTE_MS + 15 * k),
    );
    expect(classOne.blocks[0]?.voltageCurrent?.voltageV[1]).toBeNull();
    expect(classOne.blocks.every((b) => b.power === null && b.energy === null)).toBe(true);
  });

  it('follow an interval written with the password', async () => {
    const clock = new ManualClock(Date.parse(START));
    const master = await open({ clock });
    const write = {
      kind: 'write-data',
      address: SINGLE,
      di: 0x04000a02,
      value: encodeItem('2007', 0x04000a02, 5),
      ...CREDENTIALS,
    } as const;
    expect(await ask(master, { ...write, password: '000000' })).toMatchObject({
      kind: 'abnormal',
      reasons: ['unauthorized'],
    });
    expect(await ask(master, write)).toMatchObject({ kind: 'ack' });
    expect(await read(master, SINGLE, 0x04000a02)).toBe(5);
    clock.advance(30 * MINUTE_MS);
    const { blocks } = await readBlocks(master, SINGLE, 0x06010000, { blockCount: 20 });
    expect(blocks.map((b) => b.time.minute)).toEqual([5, 10, 15, 20, 25, 30]);
    expect((await readBlocks(master, SINGLE, 0x06040000, { blockCount: 20 })).blocks).toHaveLength(2);
  });

  it('run at the time factor: an hour a second gives a block every quarter second', async () => {
    const master = await open({ timeFactor: 3_600 });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const { blocks } = await readBlocks(master, SINGLE, 0x06040000, { blockCount: 20 });
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const minutes = blocks.map(minuteOf);
    expect(minutes.every((m) => m % 15 === 0)).toBe(true);
    expect(minutes.slice(1).map((m, i) => m - (minutes[i] as number))).toEqual(
      minutes.slice(1).map(() => 15),
    );
    const latest = blocks[blocks.length - 1]?.energy?.forwardActiveKwh as number;
    expect(latest).toBeLessThanOrEqual((await read(master, SINGLE, 0x00010000)) as number);
    expect(latest).toBeGreaterThan(0);
  });
});
