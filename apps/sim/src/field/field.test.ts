// A whole field over TCP with the time factor: energy moves at simulated speed, prepaid and capacity-limit
// rules show on the wire, descriptions and generators are deterministic.
import {
  type DataValue,
  decodeItem,
  type MeterDateTime,
  parseResponse2007,
  requestFrame2007,
} from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestMaster } from '../../test/client.ts';
import { setLoad } from '../meter/scenarios.ts';
import { fromMeterDateTime } from '../time/local-time.ts';
import { ManualClock } from '../time/sim-clock.ts';
import { parseFieldDescription } from './description.ts';
import { type Field, startField } from './field.ts';
import { generateField } from './generate.ts';

let field: Field | undefined;
const masters: TestMaster[] = [];

afterEach(async () => {
  for (const master of masters.splice(0)) master.close();
  await field?.stop();
  field = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function read(master: TestMaster, address: string, di: number): Promise<DataValue | undefined> {
  const exchange = await master.exchange(requestFrame2007({ kind: 'read-data', address, di }), 1_000);
  const response = exchange.frame === undefined ? undefined : parseResponse2007(exchange.frame);
  return response?.kind === 'read-data' ? decodeItem('2007', di, response.data).value : undefined;
}

const ADDRESS = '000000000001';

async function fieldWith(timeFactor: number, meter: Record<string, unknown>): Promise<TestMaster> {
  field = await startField({
    timeFactor,
    start: '2026-03-02T08:00:00+08:00',
    terminals: [
      {
        id: 'T1',
        model: 'DH601',
        ports: [
          { baud: 9600, meters: [{ address: ADDRESS, responseDelayMs: { min: 20, max: 20 }, ...meter }] },
        ],
      },
    ],
  });
  const master = await TestMaster.open(field.tcpPort('T1'));
  masters.push(master);
  return master;
}

describe('a field over TCP', () => {
  it('runs at the time factor: an hour a second moves 1 kWh at 1 kW', async () => {
    const master = await fieldWith(3_600, {});
    const f = field as Field;
    setLoad(f.meter(ADDRESS), f.clock.now(), 1_000);
    const t0 = performance.now();
    const before = (await read(master, ADDRESS, 0x00010000)) as number;
    const t1 = performance.now();
    await sleep(1_000);
    const t2 = performance.now();
    const after = (await read(master, ADDRESS, 0x00010000)) as number;
    const t3 = performance.now();
    // The meter was read somewhere inside [t0, t1] and [t2, t3]: 1 kW × 3600 × real hours, ±0.01 kWh digits.
    const kwhPerRealMs = 3_600 / 3_600_000;
    expect(after - before).toBeGreaterThanOrEqual((t2 - t1) * kwhPerRealMs - 0.02);
    expect(after - before).toBeLessThanOrEqual((t3 - t0) * kwhPerRealMs + 0.02);
    expect(after - before).toBeGreaterThan(0.9);
  });

  it('shows a purchase and the countdown on the prepaid items', async () => {
    const master = await fieldWith(3_600, { prepaid: { initialRemainingWh: 0, creditLimitWh: 0 } });
    const f = field as Field;
    const meter = f.meter(ADDRESS);
    setLoad(meter, f.clock.now(), 2_000);
    expect(
      meter.purchase(f.clock.now(), { meterNumber: ADDRESS, purchaseCount: 1, energyWh: 10_000 }),
    ).toMatchObject({
      accepted: true,
    });
    const t0 = performance.now();
    const first = (await read(master, ADDRESS, 0x00900100)) as number;
    const t1 = performance.now();
    expect(first).toBeGreaterThan(9.5);
    await sleep(500);
    const t2 = performance.now();
    const later = (await read(master, ADDRESS, 0x00900100)) as number;
    const t3 = performance.now();
    // 2 kW at an hour a second counts down 2 kWh per real second.
    const kwhPerRealMs = 2 / 1_000;
    expect(first - later).toBeGreaterThanOrEqual((t2 - t1) * kwhPerRealMs - 0.02);
    expect(first - later).toBeLessThanOrEqual((t3 - t0) * kwhPerRealMs + 0.02);
    expect(await read(master, ADDRESS, 0x03320201)).toBe(1);
    expect(await read(master, ADDRESS, 0x03320301)).toBe(10);
  });

  it('a capacity limit written over the wire trips within 5 s and closes after 3 minutes', async () => {
    const master = await fieldWith(60, {});
    const f = field as Field;
    const write = await master.exchange(
      requestFrame2007({
        kind: 'write-data',
        address: ADDRESS,
        di: 0x04000e01,
        // 4.0000 kW as XX.XXXX, low byte first.
        value: Uint8Array.of(0x00, 0x00, 0x04),
        passwordLevel: 2,
        password: '123456',
        operatorCode: '00000001',
      }),
      1_000,
    );
    expect(write.frame === undefined ? undefined : parseResponse2007(write.frame).kind).toBe('ack');
    const overloadAt = f.clock.now();
    setLoad(f.meter(ADDRESS), overloadAt, 5_000);
    await sleep(300);
    const word3 = (await read(master, ADDRESS, 0x04000503)) as { raw: number };
    expect(word3.raw & 0x10).toBe(0x10);
    const tripAt = fromMeterDateTime((await read(master, ADDRESS, 0x1d000101)) as MeterDateTime, 480);
    expect(tripAt - overloadAt).toBeLessThanOrEqual(5_000);
    expect(tripAt - overloadAt).toBeGreaterThanOrEqual(-1_000);
    setLoad(f.meter(ADDRESS), f.clock.now(), 1_000);
    await sleep(3_300);
    const closeAt = fromMeterDateTime((await read(master, ADDRESS, 0x1e000101)) as MeterDateTime, 480);
    expect(closeAt - tripAt).toBeGreaterThanOrEqual(179_000);
    expect(closeAt - tripAt).toBeLessThanOrEqual(181_000);
    expect(((await read(master, ADDRESS, 0x04000503)) as { raw: number }).raw & 0x10).toBe(0);
  });

  it('swaps two households between their meters', async () => {
    field = await startField(generateField({ terminals: 1, ports: 1, metersPerPort: 2, seed: 4 }));
    const [a, b] = field.addresses();
    const householdA = field.meter(a as string).household;
    field.swapHouseholds(a as string, b as string);
    expect(field.meter(b as string).household).toBe(householdA);
  });
});

describe('determinism', () => {
  it('the same description and seed give the same field: same meters, same registers a day later', async () => {
    const description = generateField({ terminals: 1, ports: 2, metersPerPort: 5, seed: 21 });
    const start = Date.parse('2026-03-02T00:00:00+08:00');
    const run = async () => {
      const clock = new ManualClock(start);
      const f = await startField(description, { clock });
      clock.advance(24 * 3_600_000);
      const registers = f.addresses().map((address) => f.meter(address).registers.snapshot());
      await f.stop();
      return registers;
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(a.some((snapshot) => (snapshot[0]?.[0] ?? 0) > 0)).toBe(true);
  });
});

describe('field descriptions', () => {
  it('the same generator options and seed give the same field', () => {
    const options = { terminals: 2, ports: 8, metersPerPort: 4, seed: 9 };
    expect(generateField(options)).toEqual(generateField(options));
    expect(generateField(options)).not.toEqual(generateField({ ...options, seed: 10 }));
    expect(generateField(options).terminals[0]?.model).toBe('DH608');
  });

  it('reads YAML and lists every problem of a bad description', () => {
    const field = parseFieldDescription(`
timeFactor: 1440
terminals:
  - id: T1
    model: DH602
    ports:
      - baud: 2400
        faults: { dropRate: 0.1 }
        meters:
          - { address: "000000000001", prepaid: true }
          - { address: "000000000002", phases: 3, edition: "2007" }
`);
    expect(field.terminals[0]?.ports[0]?.meters).toHaveLength(2);
    expect(() =>
      parseFieldDescription(
        JSON.stringify({
          terminals: [
            {
              id: 'T1',
              model: 'DH601',
              ports: [{ meters: [{ address: '1' }] }, { meters: [{ address: '1' }] }],
            },
          ],
        }),
      ),
    ).toThrow(/1 port\(s\), 2 described[\s\S]*used twice/);
    const crowded = Array.from({ length: 257 }, (_, i) => ({ address: String(i + 1) }));
    expect(() =>
      parseFieldDescription(
        JSON.stringify({ terminals: [{ id: 'T', model: 'DH601', ports: [{ meters: crowded }] }] }),
      ),
    ).toThrow(/more than 256 meters/);
  });
});

describe('the example field', () => {
  it('parses and starts', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../examples/field.yaml', import.meta.url), 'utf8');
    const description = parseFieldDescription(text);
    // Free ports for the test; the client terminal dials a port nobody listens on and keeps redialling.
    field = await startField({
      ...description,
      terminals: description.terminals.map((t) =>
        t.mode === 'client' ? { ...t, connect: { host: '127.0.0.1', port: 1 } } : { ...t, basePort: 0 },
      ),
      concentrators: (description.concentrators ?? []).map((c) => ({
        ...c,
        connect: { host: '127.0.0.1', port: 1 },
      })),
    });
    expect(field.meterCount).toBe(11);
    expect(field.concentrator('3201-1').concentrator.table.size).toBe(2);
    expect(field.meter('202603000004').moneyPrepaid?.hoardingLimitFen).toBe(500_000);
    expect(field.listing()[0]?.ports.every((port) => typeof port === 'number')).toBe(true);
  });
});

describe('scheduled scenarios', () => {
  it('run at their simulated time', async () => {
    field = await startField({
      timeFactor: 600,
      start: '2026-03-02T19:59:00+08:00',
      terminals: [{ id: 'T1', model: 'DH601', ports: [{ meters: [{ address: '1' }] }] }],
      scenarios: [{ at: '2026-03-02T20:00:00+08:00', meter: '1', scenario: { kind: 'cover-open' } }],
    });
    const meter = field.meter('1');
    expect(meter.records.coverOpens.count).toBe(0);
    await sleep(250);
    expect(meter.records.coverOpens.count).toBe(1);
    const opened = meter.records.coverOpens.last(1)?.startMs ?? 0;
    expect(Math.abs(opened - Date.parse('2026-03-02T20:00:00+08:00'))).toBeLessThan(30_000);
  });
});
