// A stream deframer for bytes arriving in arbitrary chunks from a socket or a serial port. It skips wake-up
// bytes and line noise, yields each whole frame, reports frame-shaped garbage (wrong checksum or end byte)
// as a typed error and resynchronises on the next 68H. It never holds more than one frame's worth of bytes.
import { ProtocolError } from '../errors.ts';
import { FRAME_START, MAX_FRAME_LENGTH, WAKE_UP } from './constants.ts';
import { type DecodedFrame, probeFrame, readFrame } from './frame.ts';

export type DeframerEvent =
  | {
      readonly kind: 'frame';
      readonly frame: DecodedFrame;
      /** Offset just past the frame's last byte within the chunk that completed it (for timing). */
      readonly endInChunk: number;
    }
  | {
      readonly kind: 'error';
      readonly error: ProtocolError;
      /** The rejected frame-shaped bytes, from its 68H through its declared end. */
      readonly raw: Uint8Array;
    };

export interface DeframerStats {
  readonly frames: number;
  readonly errors: number;
  /** Bytes skipped that were neither wake-up bytes nor part of a frame. */
  readonly noiseBytes: number;
}

const CAPACITY = MAX_FRAME_LENGTH * 2;

export class Deframer {
  private readonly buffer = new Uint8Array(CAPACITY);
  private length = 0;
  /** Wake-up bytes seen since the last frame or noise, reported as the next frame's preamble. */
  private wakeUpRun = 0;
  private frames = 0;
  private errors = 0;
  private noiseBytes = 0;

  /** Feeds a chunk; returns the frames and errors it completed, in order. */
  push(chunk: Uint8Array): DeframerEvent[] {
    const events: DeframerEvent[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const count = Math.min(CAPACITY - this.length, chunk.length - offset);
      this.buffer.set(chunk.subarray(offset, offset + count), this.length);
      this.length += count;
      offset += count;
      this.scan(events, offset);
    }
    return events;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.length;
  }

  get stats(): DeframerStats {
    return { frames: this.frames, errors: this.errors, noiseBytes: this.noiseBytes };
  }

  /** Drops a partial frame (after a timeout, or when the link is reset); returns how many bytes it held. */
  reset(): number {
    const dropped = this.length;
    this.length = 0;
    this.wakeUpRun = 0;
    return dropped;
  }

  /** `chunkOffset`: how far into the pushed chunk the buffer's last byte is. */
  private scan(events: DeframerEvent[], chunkOffset: number): void {
    const bytes = this.buffer;
    let position = 0;
    while (position < this.length) {
      const byte = bytes[position];
      if (byte === WAKE_UP) {
        this.wakeUpRun++;
        position++;
        continue;
      }
      if (byte !== FRAME_START) {
        this.noise(1);
        position++;
        continue;
      }
      const probe = probeFrame(bytes, position, this.length);
      if (probe.kind === 'incomplete') {
        // A frame cut short (a collision, a dropped byte) would otherwise wait for bytes that never come
        // and hide the whole frame that follows it; if one does follow, the cut frame is garbage.
        const next = this.completeFrameAfter(position);
        if (next === undefined) break;
        events.push({
          kind: 'error',
          error: new ProtocolError('truncated', 'frame cut short by the start of another frame'),
          raw: bytes.slice(position, next),
        });
        this.errors++;
        this.wakeUpRun = 0;
        position = next;
        continue;
      }
      if (probe.kind === 'frame') {
        events.push({
          kind: 'frame',
          frame: readFrame(bytes, position, probe.end, this.wakeUpRun),
          endInChunk: chunkOffset - (this.length - probe.end),
        });
        this.frames++;
        this.wakeUpRun = 0;
        position = probe.end;
        continue;
      }
      if (probe.error.code === 'bad-start') {
        // A stray 68H in noise, not a frame: skip it quietly.
        this.noise(1);
      } else {
        const end = Math.min(this.length, position + 12 + (bytes[position + 9] as number));
        events.push({ kind: 'error', error: probe.error, raw: bytes.slice(position, end) });
        this.errors++;
        this.wakeUpRun = 0;
      }
      // Resynchronise on the next 68H after this one: it may be the start of the real frame.
      position++;
    }
    bytes.copyWithin(0, position, this.length);
    this.length -= position;
  }

  /** Start of the first whole, valid frame after `position`, if the buffer holds one. */
  private completeFrameAfter(position: number): number | undefined {
    for (let at = position + 1; at < this.length; at++) {
      if (this.buffer[at] === FRAME_START && probeFrame(this.buffer, at, this.length).kind === 'frame')
        return at;
    }
    return undefined;
  }

  private noise(count: number): void {
    this.noiseBytes += count;
    this.wakeUpRun = 0;
  }
}
