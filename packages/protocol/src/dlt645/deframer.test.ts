import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { golden1997 } from '../../test/golden-1997.ts';
import { golden2007 } from '../../test/golden-2007.ts';
import { concatBytes } from '../bytes.ts';
import { fromHex, toHex } from '../hex.ts';
import { MAX_FRAME_LENGTH } from './constants.ts';
import { Deframer, type DeframerEvent } from './deframer.ts';

const vectorBytes = [...golden2007, ...golden1997].map((v) => fromHex(v.hex));
const stream = concatBytes(vectorBytes);

function feed(chunks: readonly Uint8Array[]): DeframerEvent[] {
  const deframer = new Deframer();
  return chunks.flatMap((chunk) => deframer.push(chunk));
}

function frameHexes(events: readonly DeframerEvent[]): string[] {
  return events.flatMap((e) =>
    e.kind === 'frame' ? [`${e.frame.address}:${e.frame.controlByte}:${toHex(e.frame.data)}`] : [],
  );
}

const expected = frameHexes(feed([stream]));

describe('the stream deframer', () => {
  it('finds every golden frame in one chunk, preambles included', () => {
    const events = feed([stream]);
    expect(events.every((e) => e.kind === 'frame')).toBe(true);
    expect(events).toHaveLength(vectorBytes.length);
    const preambles = events.map((e) => (e.kind === 'frame' ? e.frame.preamble : -1));
    expect(preambles).toEqual([...golden2007, ...golden1997].map((v) => v.frame.preamble));
  });

  it('yields the same frames when the stream is split at every offset', () => {
    for (let at = 0; at <= stream.length; at++) {
      expect(frameHexes(feed([stream.subarray(0, at), stream.subarray(at)]))).toEqual(expected);
    }
  });

  it('yields the same frames byte by byte', () => {
    expect(frameHexes(feed([...stream].map((b) => Uint8Array.of(b))))).toEqual(expected);
  });

  it('yields the same frames however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.subarray(points[i] as number, end));
        expect(frameHexes(feed(chunks))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('says where in the chunk each frame ended', () => {
    const one = vectorBytes[0] as Uint8Array;
    const two = vectorBytes[1] as Uint8Array;
    const deframer = new Deframer();
    const head = one.subarray(0, 5);
    expect(deframer.push(head)).toEqual([]);
    const events = deframer.push(concatBytes([one.subarray(5), fromHex('00'), two]));
    expect(events.map((e) => (e.kind === 'frame' ? e.endInChunk : -1))).toEqual([
      one.length - 5,
      one.length - 5 + 1 + two.length,
    ]);
  });

  it('skips noise between frames and counts it', () => {
    const one = vectorBytes[0] as Uint8Array;
    const deframer = new Deframer();
    const events = deframer.push(concatBytes([fromHex('00 13 77 68 01'), one, fromHex('55 AA'), one]));
    expect(events.filter((e) => e.kind === 'frame')).toHaveLength(2);
    expect(deframer.stats.noiseBytes).toBeGreaterThanOrEqual(6);
  });

  it('reports a bad checksum or end byte and resynchronises on the next 68H', () => {
    const good = fromHex('68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EE 16');
    const badSum = fromHex('68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EF 16');
    const badEnd = fromHex('68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EE 17');
    const events = feed([concatBytes([badSum, good, badEnd, good])]);
    expect(events.map((e) => (e.kind === 'error' ? e.error.code : 'frame'))).toEqual([
      'bad-checksum',
      'frame',
      'bad-end',
      'frame',
    ]);
    const first = events[0];
    expect(first?.kind === 'error' && toHex(first.raw)).toBe(toHex(badSum));
  });

  it('finds a frame that starts inside a damaged one', () => {
    const good = fromHex('68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EE 16');
    // A frame cut off after its header by a collision, then the real one.
    const events = feed([concatBytes([good.subarray(0, 9), good])]);
    expect(events.filter((e) => e.kind === 'frame')).toHaveLength(1);
  });

  it('never holds more than one frame’s worth of bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 700 }), { maxLength: 20 }), (chunks) => {
        const deframer = new Deframer();
        for (const chunk of chunks) {
          deframer.push(chunk);
          expect(deframer.pending).toBeLessThan(MAX_FRAME_LENGTH);
        }
      }),
    );
  });

  it('drops a partial frame on reset', () => {
    const deframer = new Deframer();
    deframer.push(stream.subarray(0, 9));
    expect(deframer.reset()).toBeGreaterThan(0);
    expect(deframer.pending).toBe(0);
    expect(frameHexes(deframer.push(stream))).toEqual(expected);
  });
});
