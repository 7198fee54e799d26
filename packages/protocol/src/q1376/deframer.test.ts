import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { golden1376 } from '../../test/golden-1376.ts';
import { concatBytes } from '../bytes.ts';
import { fromHex, toHex } from '../hex.ts';
import { MAX_FRAME_LENGTH } from './constants.ts';
import { Deframer, type DeframerEvent } from './deframer.ts';

const vectorBytes = golden1376.map((v) => fromHex(v.hex));
const stream = concatBytes(vectorBytes);

function feed(chunks: readonly Uint8Array[]): DeframerEvent[] {
  const deframer = new Deframer();
  return chunks.flatMap((chunk) => deframer.push(chunk));
}

function frames(events: readonly DeframerEvent[]): string[] {
  return events.flatMap((e) =>
    e.kind === 'frame' ? [`${e.frame.controlByte}:${e.frame.afn}:${toHex(e.frame.units)}`] : [],
  );
}

const expected = frames(feed([stream]));

describe('the 1376.1 stream deframer', () => {
  it('finds every golden frame in one chunk', () => {
    const events = feed([stream]);
    expect(events.every((e) => e.kind === 'frame')).toBe(true);
    expect(events).toHaveLength(vectorBytes.length);
  });

  it('yields the same frames when the stream is split at every offset', () => {
    for (let at = 0; at <= stream.length; at++) {
      expect(frames(feed([stream.subarray(0, at), stream.subarray(at)]))).toEqual(expected);
    }
  });

  it('yields the same frames byte by byte', () => {
    expect(frames(feed([...stream].map((b) => Uint8Array.of(b))))).toEqual(expected);
  });

  it('yields the same frames however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.subarray(points[i] as number, end));
        expect(frames(feed(chunks))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('says where in the chunk each frame ended', () => {
    const one = vectorBytes[0] as Uint8Array;
    const two = vectorBytes[1] as Uint8Array;
    const deframer = new Deframer();
    expect(deframer.push(one.subarray(0, 5))).toEqual([]);
    const events = deframer.push(concatBytes([one.subarray(5), fromHex('00'), two]));
    expect(events.map((e) => (e.kind === 'frame' ? e.endInChunk : -1))).toEqual([
      one.length - 5,
      one.length - 5 + 1 + two.length,
    ]);
  });

  it('skips noise and the zero bytes after a confirm, and counts them', () => {
    const one = vectorBytes[1] as Uint8Array;
    const deframer = new Deframer();
    const events = deframer.push(concatBytes([fromHex('00 13 68 01 16'), one, fromHex('00 00 00 00'), one]));
    expect(events.filter((e) => e.kind === 'frame')).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'error')).toHaveLength(0);
    expect(deframer.stats.noiseBytes).toBe(9);
  });

  it('frames by L, not by 16H: a frame whose data and checksum hold 16H is whole', () => {
    const index = golden1376.findIndex((v) => v.name === 'read-f129-answer-16h-checksum');
    const bytes = vectorBytes[index] as Uint8Array;
    const deframer = new Deframer();
    // Fed up to each 16H in turn, it waits; only the last byte completes the frame.
    for (let at = 0; at < bytes.length - 1; at++)
      expect(deframer.push(bytes.subarray(at, at + 1))).toEqual([]);
    const events = deframer.push(bytes.subarray(bytes.length - 1));
    expect(events.map((e) => e.kind)).toEqual(['frame']);
  });

  it('reports a bad checksum or end byte and resynchronises on the next 68H', () => {
    const good = vectorBytes[0] as Uint8Array;
    const badSum = good.slice();
    badSum[badSum.length - 2] = (badSum[badSum.length - 2] as number) ^ 1;
    const badEnd = good.slice();
    badEnd[badEnd.length - 1] = 0x17;
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

  it('finds a frame that starts inside a cut one', () => {
    // A long answer cut after its header (a dropped packet), then a short frame: the cut one would end
    // beyond the bytes there are, so it is reported as cut short as soon as the whole short one is in.
    const long = vectorBytes[
      golden1376.findIndex((v) => v.name === 'daily-f161-answer-two-meters')
    ] as Uint8Array;
    const short = vectorBytes[0] as Uint8Array;
    const events = feed([concatBytes([long.subarray(0, 12), short])]);
    expect(events.map((e) => (e.kind === 'error' ? e.error.code : 'frame'))).toEqual(['truncated', 'frame']);
    // A cut one whose declared end falls inside the next frame fails its checksum instead, and the next is found.
    const deny = vectorBytes[5] as Uint8Array;
    const overlapping = feed([concatBytes([deny.subarray(0, 12), deny])]);
    expect(overlapping.map((e) => (e.kind === 'error' ? e.error.code : 'frame'))).toEqual([
      'bad-checksum',
      'frame',
    ]);
  });

  it('is not held up by a header of noise that announces a huge frame', () => {
    const good = vectorBytes[0] as Uint8Array;
    const events = feed([concatBytes([fromHex('68 FE FF FE FF 68 00 00'), good])]);
    expect(frames(events)).toEqual(frames(feed([good])));
  });

  it('never holds more than one frame’s worth of bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 4000 }), { maxLength: 12 }), (chunks) => {
        const deframer = new Deframer();
        for (const chunk of chunks) {
          deframer.push(chunk);
          expect(deframer.pending).toBeLessThan(MAX_FRAME_LENGTH);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('drops a partial frame on reset', () => {
    const deframer = new Deframer();
    deframer.push(stream.subarray(0, 9));
    expect(deframer.reset()).toBe(9);
    expect(deframer.pending).toBe(0);
    expect(frames(deframer.push(stream))).toEqual(expected);
  });
});
