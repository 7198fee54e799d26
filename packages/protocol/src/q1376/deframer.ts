// A stream deframer for Q/GDW 1376.1 over TCP (a concentrator's GPRS or Ethernet link): bytes arrive in any
// chunks; it yields each whole frame, reports frame-shaped garbage (wrong checksum, end byte or length) as a
// typed error and resynchronises on the next 68H. Frames are delimited by L alone, never by looking for 16H.
// Zero bytes some terminals send after a frame are noise like any other. It never holds more than one
// frame's worth of bytes.
import { ProtocolError } from '../errors.ts';
import { FRAME_START, HEADER_LENGTH, MAX_FRAME_LENGTH } from './constants.ts';
import { type DecodedFrame, probeFrame, readFrame } from './frame.ts';

export type DeframerEvent =
  | {
      readonly kind: 'frame';
      readonly frame: DecodedFrame;
      /** Offset just past the frame's last byte within the chunk that completed it. */
      readonly endInChunk: number;
    }
  | {
      readonly kind: 'error';
      readonly error: ProtocolError;
      /** The rejected frame-shaped bytes, from its 68H through its declared end (or its header). */
      readonly raw: Uint8Array;
    };

export interface DeframerStats {
  readonly frames: number;
  readonly errors: number;
  /** Bytes skipped that were not part of a frame. */
  readonly noiseBytes: number;
}

const CAPACITY = MAX_FRAME_LENGTH * 2;

export class Deframer {
  private readonly buffer = new Uint8Array(CAPACITY);
  private length = 0;
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
    return dropped;
  }

  private scan(events: DeframerEvent[], chunkOffset: number): void {
    const bytes = this.buffer;
    let position = 0;
    while (position < this.length) {
      if (bytes[position] !== FRAME_START) {
        this.noiseBytes++;
        position++;
        continue;
      }
      const probe = probeFrame(bytes, position, this.length);
      if (probe.kind === 'incomplete') {
        // A frame cut short (a dropped packet, a reconnect) would otherwise wait for bytes that never come
        // and hide the whole frame that follows it; if one does follow, the cut frame is garbage.
        const next = this.completeFrameAfter(position);
        if (next === undefined) break;
        this.error(
          events,
          new ProtocolError('truncated', 'frame cut short by the start of another frame'),
          position,
          next,
        );
        position = next;
        continue;
      }
      if (probe.kind === 'frame') {
        let frame: DecodedFrame;
        try {
          frame = readFrame(bytes, position, probe.end);
        } catch (error) {
          if (!(error instanceof ProtocolError)) throw error;
          this.error(events, error, position, probe.end);
          position = probe.end;
          continue;
        }
        events.push({ kind: 'frame', frame, endInChunk: chunkOffset - (this.length - probe.end) });
        this.frames++;
        position = probe.end;
        continue;
      }
      if (probe.error.code === 'bad-start') {
        // A stray 68H in noise, not a frame: skip it quietly.
        this.noiseBytes++;
      } else {
        const declared =
          position +
          HEADER_LENGTH +
          2 +
          (((bytes[position + 1] as number) | ((bytes[position + 2] as number) << 8)) >> 2);
        this.error(
          events,
          probe.error,
          position,
          Math.min(this.length, Math.max(declared, position + HEADER_LENGTH)),
        );
      }
      // Resynchronise on the next 68H after this one: it may start the real frame.
      position++;
    }
    bytes.copyWithin(0, position, this.length);
    this.length -= position;
  }

  private error(events: DeframerEvent[], error: ProtocolError, from: number, to: number): void {
    events.push({ kind: 'error', error, raw: this.buffer.slice(from, to) });
    this.errors++;
  }

  /** Start of the first whole, valid frame after `position`, if the buffer holds one. */
  private completeFrameAfter(position: number): number | undefined {
    const bytes = this.buffer;
    for (let at = position + 1; at + HEADER_LENGTH <= this.length; at++) {
      // The cheap header checks first: most bytes are not a 68 followed by L L 68.
      if (bytes[at] !== FRAME_START || bytes[at + 5] !== FRAME_START) continue;
      if (probeFrame(bytes, at, this.length).kind === 'frame') return at;
    }
    return undefined;
  }
}
