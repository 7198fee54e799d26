// Robustness: 100 000 random and mutated inputs through the deframer, the frame decoder, the function
// parsers and the catalog. Anything may be rejected, but only with a ProtocolError: no other exception,
// no hang, and the deframer never holds more than one frame's worth of bytes.
import { describe, expect, it } from 'vitest';
import { golden1997 } from '../../test/golden-1997.ts';
import { golden2007 } from '../../test/golden-2007.ts';
import { ProtocolError } from '../errors.ts';
import { fromHex } from '../hex.ts';
import { decodeItem } from './catalog.ts';
import { MAX_FRAME_LENGTH } from './constants.ts';
import { Deframer } from './deframer.ts';
import { encodeFrame } from './frame.ts';
import { decodeMessage, interpretFrame } from './message.ts';

const INPUTS = 100_000;
const seeds = [...golden2007, ...golden1997].map((v) => fromHex(v.hex));

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
    else if (choice < 0.75) bytes.splice(at, 0, 0xfe, 0xfe);
    else if (choice < 0.85) bytes.length = at;
    else bytes.splice(at, 0, ...bytes.slice(0, Math.floor(next() * 20)));
  }
  return Uint8Array.from(bytes);
}

/** A frame with a valid checksum around random content, so the parsers behind the framing get exercised. */
function framedGarbage(next: () => number): Uint8Array {
  const length = Math.floor(next() * 50);
  const data = Uint8Array.from({ length }, () => Math.floor(next() * 256));
  const functionCode =
    next() < 0.5
      ? Math.floor(next() * 32)
      : ([0x11, 0x12, 0x14, 0x1c, 0x01, 0x04][Math.floor(next() * 6)] ?? 0x11);
  return encodeFrame(
    {
      address: '000000000001',
      control: {
        direction: next() < 0.5 ? 'request' : 'response',
        abnormal: next() < 0.2,
        followUp: next() < 0.2,
        functionCode,
      },
      data,
    },
    { wakeUp: Math.floor(next() * 3) },
  );
}

function onlyProtocolErrors(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
  }
}

describe('fuzzing', () => {
  it(`survives ${INPUTS} random and mutated inputs with typed errors only`, () => {
    const next = random(0x645);
    const deframer = new Deframer();
    let frames = 0;
    for (let i = 0; i < INPUTS; i++) {
      const pick = next();
      const input =
        pick < 0.2
          ? Uint8Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256))
          : pick < 0.45
            ? framedGarbage(next)
            : mutate(next, seeds[Math.floor(next() * seeds.length)] as Uint8Array);
      onlyProtocolErrors(() => decodeMessage(input));
      // The same bytes as a stream, in two chunks, through a deframer that has seen everything before.
      const cut = Math.floor(next() * (input.length + 1));
      for (const event of [...deframer.push(input.subarray(0, cut)), ...deframer.push(input.subarray(cut))]) {
        if (event.kind !== 'frame') continue;
        frames++;
        onlyProtocolErrors(() => {
          const decoded = interpretFrame(event.frame, next() < 0.5 ? '2007' : '1997');
          if (decoded.item !== undefined) expect(decoded.item.id.length).toBeGreaterThan(0);
        });
      }
      expect(deframer.pending).toBeLessThan(MAX_FRAME_LENGTH);
      // Any identifier with any data: a value or a typed error, never a crash.
      onlyProtocolErrors(() => decodeItem('2007', Math.floor(next() * 0x100000000), input.subarray(0, 40)));
      onlyProtocolErrors(() => decodeItem('1997', Math.floor(next() * 0x10000), input.subarray(0, 24)));
    }
    expect(frames).toBeGreaterThan(INPUTS / 4);
  });
});
