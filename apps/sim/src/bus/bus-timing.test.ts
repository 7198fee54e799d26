// One exchange over real TCP takes the request's wire time, the response delay and the reply's wire time
// (11 bits a character, 8E1), within 5 %; addressing and collisions behave as on a half-duplex bus.
import {
  decodeItem,
  type Edition,
  encodeFrame,
  parseResponse2007,
  requestFrame1997,
  requestFrame2007,
  wireTimeMs,
} from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestMaster } from '../../test/client.ts';
import { type Field, startField } from '../field/field.ts';

const DELAY = { min: 60, max: 60 };
let field: Field | undefined;
const masters: TestMaster[] = [];

afterEach(async () => {
  for (const master of masters.splice(0)) master.close();
  await field?.stop();
  field = undefined;
});

async function oneBus(baud: number, addresses: string[], edition: Edition = '2007'): Promise<TestMaster> {
  field = await startField({
    seed: 3,
    terminals: [
      {
        id: 'T1',
        model: 'DH601',
        ports: [{ baud, meters: addresses.map((address) => ({ address, edition, responseDelayMs: DELAY })) }],
      },
    ],
  });
  const master = await TestMaster.open(field.tcpPort('T1'));
  masters.push(master);
  return master;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describe('RS-485 timing over TCP', () => {
  // 1997 meters default to 1200 baud, 2007 meters to 2400; 9600 is a fast 2007 port.
  for (const [baud, edition] of [
    [1200, '1997'],
    [2400, '2007'],
    [9600, '2007'],
  ] as const) {
    it(`one exchange at ${baud} baud (${edition}) takes wire time plus response delay, within 5 %`, async () => {
      const master = await oneBus(baud, ['000000000001'], edition);
      const request =
        edition === '1997'
          ? requestFrame1997({ kind: 'read-data', address: '000000000001', di: 0x9010 })
          : requestFrame2007({ kind: 'read-data', address: '000000000001', di: 0x00010000 });
      const requestBytes = encodeFrame(request).length;
      const ratios: number[] = [];
      for (let i = 0; i < 5; i++) {
        const exchange = await master.exchange(request, 2_000);
        const frame = exchange.frame;
        expect(frame).toBeDefined();
        if (frame === undefined) return;
        const replyBytes = frame.preamble + 12 + frame.data.length;
        expect(exchange.bytes).toBe(replyBytes);
        const expected = wireTimeMs(requestBytes, baud) + DELAY.min + wireTimeMs(replyBytes, baud);
        ratios.push(exchange.elapsedMs / expected);
      }
      // A busy test host can only make a reply late, never early: the least disturbed of the samples shows
      // the simulator's own pacing, and it must be within 5 % of wire time plus response delay.
      expect(Math.min(...ratios)).toBeGreaterThan(0.95);
      expect(Math.min(...ratios)).toBeLessThan(1.05);
      expect(median(ratios)).toBeGreaterThan(0.95);
    });
  }

  it('only the addressed meter answers, a broadcast gets no answer, the wildcard finds the only meter', async () => {
    const master = await oneBus(9600, ['000000000001', '000000000002']);
    const reply = await master.exchange(
      requestFrame2007({ kind: 'read-data', address: '000000000002', di: 0x04000401 }),
      1_000,
    );
    expect(reply.frame?.address).toBe('000000000002');
    const response = reply.frame === undefined ? undefined : parseResponse2007(reply.frame);
    if (response?.kind === 'read-data')
      expect(decodeItem('2007', 0x04000401, response.data).value).toBe('000000000002');
    const nobody = await master.exchange(
      requestFrame2007({ kind: 'read-data', address: '000000000009', di: 0x04000401 }),
      300,
    );
    expect(nobody.bytes).toBe(0);
    // Both meters match the wildcard address and answer at once: garbage.
    const both = await master.exchange(
      requestFrame2007({ kind: 'read-address', address: 'AAAAAAAAAAAA' }),
      1_000,
    );
    expect(both.bytes).toBeGreaterThan(0);
    expect(both.frame).toBeUndefined();
    const broadcast = await master.exchange(
      requestFrame2007({
        kind: 'broadcast-time-sync',
        time: { year: 2026, month: 3, day: 2, hour: 8, minute: 0, second: 0 },
      }),
      300,
    );
    expect(broadcast.bytes).toBe(0);
    // After the broadcast the meters may be busy for up to 500 ms; then they answer again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await master.exchange(
      requestFrame2007({ kind: 'read-data', address: '000000000001', di: 0x04000401 }),
      1_000,
    );
    expect(after.frame?.address).toBe('000000000001');
  });

  it('the wildcard address reads the address of the only meter on a bus', async () => {
    const master = await oneBus(9600, ['123456789012']);
    const reply = await master.exchange(
      requestFrame2007({ kind: 'read-address', address: 'AAAAAAAAAAAA' }),
      1_000,
    );
    expect(reply.frame === undefined ? undefined : parseResponse2007(reply.frame)).toEqual({
      kind: 'read-address',
      address: '123456789012',
    });
  });

  it('two requests written while one exchange is on the wire collide: the master gets garbage', async () => {
    const master = await oneBus(2400, ['000000000001', '000000000002']);
    const first = requestFrame2007({ kind: 'read-data', address: '000000000001', di: 0x00010000 });
    const second = requestFrame2007({ kind: 'read-data', address: '000000000002', di: 0x00010000 });
    master.reset();
    const start = performance.now();
    master.write(first);
    await new Promise((resolve) => setTimeout(resolve, wireTimeMs(16, 2400) + 20));
    master.write(second);
    const outcome = await master.collect(start, 800);
    expect(outcome.bytes).toBeGreaterThan(0);
    expect(outcome.frame).toBeUndefined();
    // Two requests in one write: the second goes on the wire while the first is answered.
    master.reset();
    const both = new Uint8Array([...encodeFrame(first), ...encodeFrame(second)]);
    const together = performance.now();
    master.write(both);
    const garbled = await master.collect(together, 800);
    expect(garbled.bytes).toBeGreaterThan(0);
    expect(garbled.frame).toBeUndefined();
    // The bus is quiet again afterwards: the next request is answered.
    const next = await master.exchange(first, 1_000);
    expect(next.frame?.address).toBe('000000000001');
  });
});
