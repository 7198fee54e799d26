// 帧格式 (§5.2): [FE…] 68 A0…A5 68 C L DATA CS 16.
// CS is the modulo-256 sum of every byte from the first 68H to the last data byte (§5.2.6), taken over the
// bytes as sent, i.e. after +33H. Wake-up bytes are outside the frame and its checksum (§5.3.1).
import { ProtocolError } from '../errors.ts';
import { byteHex } from '../hex.ts';
import { ADDRESS_LENGTH, readAddress, writeAddress } from './address.ts';
import {
  CONTROL_OFFSET,
  DATA_LENGTH_LIMITS,
  DATA_OFFSET,
  DATA_OFFSET_IN_FRAME,
  DEFAULT_WAKE_UP_COUNT,
  type Edition,
  FRAME_END,
  FRAME_OVERHEAD,
  FRAME_START,
  LENGTH_OFFSET,
  WAKE_UP,
} from './constants.ts';
import { type ControlCode, decodeControl, encodeControl } from './control.ts';

const SECOND_START_OFFSET = 1 + ADDRESS_LENGTH;

/** One frame, its data field already unscrambled (−33H). */
export interface Frame {
  readonly address: string;
  readonly control: ControlCode;
  /** The data field as the application sees it: after −33H, in transmission order. */
  readonly data: Uint8Array;
}

export interface DecodedFrame extends Frame {
  /** The control byte as received. */
  readonly controlByte: number;
  /** Number of FEH wake-up bytes that preceded the frame. */
  readonly preamble: number;
}

export interface EncodeOptions {
  /** FEH bytes to send before the frame; 4 by default (§5.3.1). */
  readonly wakeUp?: number;
  /** Edition whose data-length limit applies; 2007 by default (the limits are the same). */
  readonly edition?: Edition;
}

/** Encodes a frame: scrambles the data, computes the checksum, prefixes wake-up bytes. */
export function encodeFrame(frame: Frame, options: EncodeOptions = {}): Uint8Array {
  const wakeUp = options.wakeUp ?? DEFAULT_WAKE_UP_COUNT;
  const limits = DATA_LENGTH_LIMITS[options.edition ?? '2007'];
  const limit = frame.control.direction === 'request' ? limits.write : limits.read;
  if (frame.data.length > limit) {
    throw new ProtocolError(
      'bad-length',
      `a ${frame.control.direction} carries at most ${limit} data bytes (§5.2.4), this one has ${frame.data.length}`,
    );
  }
  if (!Number.isInteger(wakeUp) || wakeUp < 0) {
    throw new ProtocolError('bad-value', `wake-up byte count must be a non-negative integer, got ${wakeUp}`);
  }
  const bytes = new Uint8Array(wakeUp + FRAME_OVERHEAD + frame.data.length);
  bytes.fill(WAKE_UP, 0, wakeUp);
  const start = wakeUp;
  bytes[start] = FRAME_START;
  writeAddress(bytes, start + 1, frame.address);
  bytes[start + SECOND_START_OFFSET] = FRAME_START;
  bytes[start + CONTROL_OFFSET] = encodeControl(frame.control);
  bytes[start + LENGTH_OFFSET] = frame.data.length;
  for (let i = 0; i < frame.data.length; i++) {
    bytes[start + DATA_OFFSET_IN_FRAME + i] = ((frame.data[i] as number) + DATA_OFFSET) & 0xff;
  }
  const checksumAt = start + DATA_OFFSET_IN_FRAME + frame.data.length;
  bytes[checksumAt] = checksum(bytes, start, checksumAt);
  bytes[checksumAt + 1] = FRAME_END;
  return bytes;
}

/** Modulo-256 sum of bytes[from, to). */
export function checksum(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += bytes[i] as number;
  return sum & 0xff;
}

/**
 * Outcome of looking for a frame that starts (68H) at a given offset: a whole valid frame, a need for more
 * bytes, or a reason why no frame starts here.
 */
export type FrameProbe =
  | { readonly kind: 'frame'; readonly end: number }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'invalid'; readonly error: ProtocolError };

/** Checks the frame starting at `start` (which holds 68H) within bytes[start, limit). */
export function probeFrame(bytes: Uint8Array, start: number, limit: number): FrameProbe {
  const available = limit - start;
  if (available > SECOND_START_OFFSET && bytes[start + SECOND_START_OFFSET] !== FRAME_START) {
    return invalid(
      'bad-start',
      `no second 68H after the address (found ${byteHex(bytes[start + 7] as number)})`,
    );
  }
  if (available <= LENGTH_OFFSET) return { kind: 'incomplete' };
  const dataLength = bytes[start + LENGTH_OFFSET] as number;
  const end = start + FRAME_OVERHEAD + dataLength;
  if (limit < end) return { kind: 'incomplete' };
  const checksumAt = end - 2;
  const expected = checksum(bytes, start, checksumAt);
  if (bytes[checksumAt] !== expected) {
    return invalid(
      'bad-checksum',
      `checksum is ${byteHex(bytes[checksumAt] as number)}, the bytes sum to ${byteHex(expected)}`,
    );
  }
  if (bytes[end - 1] !== FRAME_END) {
    return invalid('bad-end', `frame ends with ${byteHex(bytes[end - 1] as number)} instead of 16H`);
  }
  return { kind: 'frame', end };
}

function invalid(code: 'bad-start' | 'bad-checksum' | 'bad-end', message: string): FrameProbe {
  return { kind: 'invalid', error: new ProtocolError(code, message) };
}

/** Builds the frame object from a validated frame at bytes[start, end). */
export function readFrame(bytes: Uint8Array, start: number, end: number, preamble: number): DecodedFrame {
  const data = new Uint8Array(end - start - FRAME_OVERHEAD);
  for (let i = 0; i < data.length; i++) {
    data[i] = ((bytes[start + DATA_OFFSET_IN_FRAME + i] as number) - DATA_OFFSET) & 0xff;
  }
  const controlByte = bytes[start + CONTROL_OFFSET] as number;
  return {
    address: readAddress(bytes, start + 1),
    control: decodeControl(controlByte),
    controlByte,
    data,
    preamble,
  };
}

/**
 * Decodes exactly one frame, after any number of FEH wake-up bytes. Anything else before or after it, a
 * short frame, a wrong checksum or end byte is a ProtocolError. For a byte stream use Deframer.
 */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  let start = 0;
  while (start < bytes.length && bytes[start] === WAKE_UP) start++;
  if (start === bytes.length) throw new ProtocolError('truncated', 'no frame: only wake-up bytes or nothing');
  if (bytes[start] !== FRAME_START) {
    throw new ProtocolError(
      'bad-start',
      `frame starts with ${byteHex(bytes[start] as number)} instead of 68H`,
    );
  }
  const probe = probeFrame(bytes, start, bytes.length);
  if (probe.kind === 'invalid') throw probe.error;
  if (probe.kind === 'incomplete') {
    throw new ProtocolError('truncated', `frame is cut short: ${bytes.length - start} bytes received`);
  }
  if (probe.end !== bytes.length) {
    throw new ProtocolError('bad-length', `${bytes.length - probe.end} stray byte(s) after the frame's end`);
  }
  return readFrame(bytes, start, probe.end, start);
}
