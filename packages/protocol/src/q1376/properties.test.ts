// Properties over generated messages of every function: encode → decode gives the message back, and the
// bytes decode to themselves through the deframer in any chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { message, unitCases } from '../../test/arbitraries-1376.ts';
import { Deframer } from './deframer.ts';
import { decodeMessage, encodeMessage, type Message } from './message.ts';

function meaning(decoded: ReturnType<typeof decodeMessage>): Message {
  const { frame, units } = decoded;
  const { direction, primary, frameCountBit, frameCountValid, functionCode } = frame.control;
  return {
    control: { direction, primary, frameCountBit, frameCountValid, functionCode },
    address: frame.address,
    afn: frame.afn,
    sequence: frame.sequence,
    units,
    ...(frame.password === undefined ? {} : { password: frame.password }),
    ...(frame.eventCounters === undefined ? {} : { eventCounters: frame.eventCounters }),
    ...(frame.timeTag === undefined ? {} : { timeTag: frame.timeTag }),
  };
}

describe('1376.1 properties', () => {
  it('has a generator for every function both ways', () => {
    expect(unitCases.length).toBeGreaterThanOrEqual(30);
  });

  it('decodes what it encodes, for every function', () => {
    fc.assert(
      fc.property(message, (original) => {
        const decoded = decodeMessage(encodeMessage(original));
        expect(decoded.padding).toBe(0);
        expect(meaning(decoded)).toEqual(original);
      }),
      { numRuns: 2000 },
    );
  });

  it('encodes what it decodes to the same bytes', () => {
    fc.assert(
      fc.property(message, (original) => {
        const bytes = encodeMessage(original);
        expect(encodeMessage(meaning(decodeMessage(bytes)))).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('deframes a stream of encoded messages, cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 64 }),
        (messages, chunk) => {
          const frames = messages.map((m) => encodeMessage(m));
          const stream = Uint8Array.from(frames.flatMap((f) => [...f]));
          const deframer = new Deframer();
          const found: number[] = [];
          for (let at = 0; at < stream.length; at += chunk) {
            for (const event of deframer.push(stream.subarray(at, at + chunk))) {
              expect(event.kind).toBe('frame');
              if (event.kind === 'frame') found.push(event.frame.frameLength);
            }
          }
          expect(found).toEqual(frames.map((f) => f.length));
        },
      ),
      { numRuns: 300 },
    );
  });
});
