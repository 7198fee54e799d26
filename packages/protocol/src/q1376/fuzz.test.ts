// Robustness: 100 000 random and mutated inputs through the 1376.1 deframer, the frame decoder and the data
// unit readers. Anything may be rejected, but only with a ProtocolError: no other exception, no hang, and the
// deframer never holds more than one frame's worth of bytes nor loses the next good frame.
import { describe, expect, it } from 'vitest';
import { golden1376 } from '../../test/golden-1376.ts';
import { ProtocolError } from '../errors.ts';
import { fromHex } from '../hex.ts';
import { MAX_FRAME_LENGTH } from './constants.ts';
import { Deframer } from './deframer.ts';
import { encodeFrame } from './frame.ts';
import { decodeMessage, interpretFrame } from './message.ts';

const INPUTS = 100_000;
const seeds = golden1376.map((v) => fromHex(v.hex));
const AFNS = [0x00, 0x02, 0x04, 0x05, 0x0a, 0x0c, 0x0d, 0x0e, 0x10, 0x03, 0x0f];

/** xorshift32: a fixed seed keeps every run the same, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

function mutate(next: () => number, input: Uint8Array): Uint8Array {
  const bytes = [...input];
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (bytes.length + 1));
    const choice = next();
    if (choice < 0.35) bytes[at] = Math.floor(next() * 256);
    else if (choice < 0.5) bytes.splice(at, 1);
    else if (choice < 0.65) bytes.splice(at, 0, Math.floor(next() * 256));
    else if (choice < 0.75) bytes.splice(at, 0, 0x68, 0x16);
    else if (choice < 0.85) bytes.length = at;
    else bytes.splice(at, 0, ...bytes.slice(0, Math.floor(next() * 20)));
  }
  return Uint8Array.from(bytes);
}

/** A frame with a valid L and checksum around random data units, so the unit readers get exercised. */
function framedGarbage(next: () => number): Uint8Array {
  const length = Math.floor(next() * 80);
  const units = Uint8Array.from({ length }, () => Math.floor(next() * 256));
  if (length >= 4 && next() < 0.7) {
    // A plausible DA DT in front: p0 or a point, and a function we read.
    units[0] = next() < 0.5 ? 0 : 1 << Math.floor(next() * 8);
    units[1] = units[0] === 0 ? 0 : 1 + Math.floor(next() * 3);
    const fn = [1, 2, 3, 5, 10, 21, 25, 29, 31, 33, 49, 129, 161, 177][Math.floor(next() * 14)] ?? 1;
    units[2] = 1 << ((fn - 1) & 7);
    units[3] = (fn - 1) >> 3;
  }
  const down = next() < 0.5;
  return encodeFrame({
    control: {
      direction: down ? 'down' : 'up',
      primary: next() < 0.5,
      frameCountBit: false,
      frameCountValid: false,
      functionCode: 8,
    },
    address: { area: '3201', terminal: 1, master: 1, group: false },
    afn: AFNS[Math.floor(next() * AFNS.length)] ?? 0,
    sequence: { first: true, final: true, confirm: false, number: 0 },
    units,
    ...(next() < 0.2
      ? {
          timeTag: {
            frameCounter: 1,
            sentAt: { day: 1, hour: 0, minute: 0, second: 0 },
            allowedDelayMinutes: 0,
          },
        }
      : {}),
    ...(!down && next() < 0.2 ? { eventCounters: { important: 1, normal: 2 } } : {}),
  });
}

function onlyProtocolErrors(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
  }
}

describe('1376.1 fuzzing', () => {
  it(`survives ${INPUTS} random and mutated inputs with typed errors only`, () => {
    const next = random(0x1376);
    const deframer = new Deframer();
    const good = seeds[0] as Uint8Array;
    let frames = 0;
    let decodedUnits = 0;
    for (let i = 0; i < INPUTS; i++) {
      const pick = next();
      const input =
        pick < 0.15
          ? Uint8Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256))
          : pick < 0.5
            ? framedGarbage(next)
            : mutate(next, seeds[Math.floor(next() * seeds.length)] as Uint8Array);
      onlyProtocolErrors(() => decodeMessage(input));
      const cut = Math.floor(next() * (input.length + 1));
      for (const event of [...deframer.push(input.subarray(0, cut)), ...deframer.push(input.subarray(cut))]) {
        if (event.kind !== 'frame') continue;
        frames++;
        onlyProtocolErrors(() => {
          decodedUnits += interpretFrame(event.frame).units.length;
        });
      }
      expect(deframer.pending).toBeLessThan(MAX_FRAME_LENGTH);
      if (i % 1000 === 999) {
        // Never stuck: after whatever came before, a pause (reset) and a good frame is that frame.
        deframer.reset();
        const events = deframer.push(good);
        expect(events.map((e) => e.kind)).toEqual(['frame']);
      }
    }
    expect(frames).toBeGreaterThan(INPUTS / 4);
    expect(decodedUnits).toBeGreaterThan(INPUTS / 10);
  });

  it('finds the next good frame after garbage without a reset', () => {
    const next = random(0x16);
    const good = seeds[3] as Uint8Array;
    for (let i = 0; i < 2000; i++) {
      const deframer = new Deframer();
      // Short garbage (no header announcing more than it holds): the good frame right after it is found.
      const garbage = Uint8Array.from({ length: Math.floor(next() * 40) }, () =>
        Math.floor(next() * 256),
      ).filter((b) => b !== 0x68);
      const events = [...deframer.push(garbage), ...deframer.push(good)];
      expect(events.filter((e) => e.kind === 'frame')).toHaveLength(1);
    }
  });
});
