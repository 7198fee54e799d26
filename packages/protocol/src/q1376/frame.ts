// One frame (§4.3.2): 68 L L 68, then the user data C A AFN SEQ {data units} [PW | EC] [Tp], then CS 16.
// L is sent twice; its bits D0–D1 name the protocol and D2–D15 count the user data. A frame is delimited by
// that length alone: 16H may appear anywhere inside the data or be the checksum itself.
import { ProtocolError } from '../errors.ts';
import { byteHex } from '../hex.ts';
import { readAddress, type TerminalAddress, writeAddress } from './address.ts';
import {
  ACCEPTED_PROTOCOLS,
  ADDRESS_AT,
  AFN_AT,
  CONTROL_AT,
  EVENT_COUNTER_LENGTH,
  FRAME_END,
  FRAME_START,
  HEADER_LENGTH,
  MAX_USER_DATA_LENGTH,
  MIN_USER_DATA_LENGTH,
  PASSWORD_AFNS,
  PASSWORD_LENGTH,
  PROTOCOL_1376_1,
  SEQ_AT,
  TIME_TAG_LENGTH,
  TRAILER_LENGTH,
  UNITS_AT,
} from './constants.ts';
import { type Control, type DecodedControl, decodeControl, encodeControl } from './control.ts';
import {
  checkByte,
  decodeSequence,
  type EventCounters,
  encodeSequence,
  isTimeTagged,
  readTimeTag,
  type Sequence,
  type TimeTag,
  writeTimeTag,
} from './sequence.ts';

/** A frame with its data units still as bytes (message.ts reads them). */
export interface Frame {
  /** L's protocol bits; 2 (Q/GDW 1376.1) unless given. */
  readonly protocol?: number;
  readonly control: Control;
  readonly address: TerminalAddress;
  /** 应用层功能码 (constants.ts AFN). */
  readonly afn: number;
  readonly sequence: Sequence;
  /** The data units (DA DT data …) exactly as sent. */
  readonly units: Uint8Array;
  /** PW, 16 bytes: only in downlink frames of the AFNs in PASSWORD_AFNS; 16 zero bytes when not given. */
  readonly password?: Uint8Array;
  /** EC: only uplink; present exactly when C has ACD = 1. */
  readonly eventCounters?: EventCounters;
  /** Tp: present exactly when SEQ has TpV = 1. */
  readonly timeTag?: TimeTag;
}

export interface DecodedFrame extends Frame {
  readonly protocol: number;
  readonly control: DecodedControl;
  /** The C byte as received. */
  readonly controlByte: number;
  /** Bytes of the whole frame, 68 to 16. */
  readonly frameLength: number;
}

/** Whether a frame of this direction and AFN carries PW (§4.3.4.6.1). */
export function carriesPassword(direction: Control['direction'], afn: number): boolean {
  return direction === 'down' && PASSWORD_AFNS.has(afn);
}

/** Modulo-256 sum of bytes[from, to). */
export function checksum(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += bytes[i] as number;
  return sum & 0xff;
}

export function encodeFrame(frame: Frame): Uint8Array {
  const protocol = frame.protocol ?? PROTOCOL_1376_1;
  if (!ACCEPTED_PROTOCOLS.includes(protocol)) {
    throw new ProtocolError('bad-value', `protocol identifier ${protocol} is not 1 or 2`);
  }
  checkByte(frame.afn, 'AFN');
  const down = frame.control.direction === 'down';
  const withPassword = carriesPassword(frame.control.direction, frame.afn);
  if (frame.password !== undefined && !withPassword) {
    throw new ProtocolError(
      'bad-value',
      `a ${frame.control.direction}link AFN ${byteHex(frame.afn)}H frame carries no PW`,
    );
  }
  if (frame.password !== undefined && frame.password.length !== PASSWORD_LENGTH) {
    throw new ProtocolError('bad-value', `PW is ${PASSWORD_LENGTH} bytes, got ${frame.password.length}`);
  }
  if (frame.eventCounters !== undefined && down) {
    throw new ProtocolError('bad-value', 'a downlink frame carries no event counters (EC)');
  }
  const auxLength =
    (withPassword ? PASSWORD_LENGTH : 0) +
    (frame.eventCounters === undefined ? 0 : EVENT_COUNTER_LENGTH) +
    (frame.timeTag === undefined ? 0 : TIME_TAG_LENGTH);
  const userLength = UNITS_AT + frame.units.length + auxLength;
  if (userLength > MAX_USER_DATA_LENGTH) {
    throw new ProtocolError(
      'bad-length',
      `${userLength} bytes of user data exceed the ${MAX_USER_DATA_LENGTH} L can count`,
    );
  }
  const bytes = new Uint8Array(HEADER_LENGTH + userLength + TRAILER_LENGTH);
  const lengthField = (userLength << 2) | protocol;
  bytes[0] = FRAME_START;
  bytes[1] = lengthField & 0xff;
  bytes[2] = lengthField >> 8;
  bytes[3] = lengthField & 0xff;
  bytes[4] = lengthField >> 8;
  bytes[5] = FRAME_START;
  const user = HEADER_LENGTH;
  bytes[user + CONTROL_AT] = encodeControl(frame.control, frame.eventCounters !== undefined);
  writeAddress(bytes, user + ADDRESS_AT, frame.address);
  bytes[user + AFN_AT] = frame.afn;
  bytes[user + SEQ_AT] = encodeSequence(frame.sequence, frame.timeTag !== undefined);
  bytes.set(frame.units, user + UNITS_AT);
  let at = user + UNITS_AT + frame.units.length;
  if (withPassword) {
    if (frame.password !== undefined) bytes.set(frame.password, at);
    at += PASSWORD_LENGTH;
  }
  if (frame.eventCounters !== undefined) {
    checkByte(frame.eventCounters.important, 'EC1');
    checkByte(frame.eventCounters.normal, 'EC2');
    bytes[at] = frame.eventCounters.important;
    bytes[at + 1] = frame.eventCounters.normal;
    at += EVENT_COUNTER_LENGTH;
  }
  if (frame.timeTag !== undefined) {
    writeTimeTag(bytes, at, frame.timeTag);
    at += TIME_TAG_LENGTH;
  }
  bytes[at] = checksum(bytes, user, at);
  bytes[at + 1] = FRAME_END;
  return bytes;
}

/** Outcome of looking for a frame that starts (68H) at an offset. */
export type FrameProbe =
  | { readonly kind: 'frame'; readonly end: number }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'invalid'; readonly error: ProtocolError };

/**
 * Whether bytes[start, start + 6) look like a frame header: 68, the same L twice with a protocol we accept,
 * 68. Undefined while fewer than 6 bytes are there and none of them contradicts it.
 */
function headerProblem(bytes: Uint8Array, start: number, limit: number): string | undefined {
  const available = limit - start;
  if (available > 3 && bytes[start + 3] !== bytes[start + 1]) return 'the two L fields differ';
  if (available > 4 && bytes[start + 4] !== bytes[start + 2]) return 'the two L fields differ';
  if (available > 5 && bytes[start + 5] !== FRAME_START) {
    return `no second 68H after L (found ${byteHex(bytes[start + 5] as number)})`;
  }
  if (available > 1 && !ACCEPTED_PROTOCOLS.includes((bytes[start + 1] as number) & 0x03)) {
    return `protocol identifier ${(bytes[start + 1] as number) & 0x03} is not 1376.1`;
  }
  return undefined;
}

/** Checks the frame that starts at `start` (which holds 68H) within bytes[start, limit). */
export function probeFrame(bytes: Uint8Array, start: number, limit: number): FrameProbe {
  const problem = headerProblem(bytes, start, limit);
  if (problem !== undefined) return { kind: 'invalid', error: new ProtocolError('bad-start', problem) };
  if (limit - start < HEADER_LENGTH) return { kind: 'incomplete' };
  const userLength = ((bytes[start + 1] as number) | ((bytes[start + 2] as number) << 8)) >> 2;
  if (userLength < MIN_USER_DATA_LENGTH) {
    return {
      kind: 'invalid',
      error: new ProtocolError(
        'bad-length',
        `L says ${userLength} bytes of user data, fewer than C A AFN SEQ`,
      ),
    };
  }
  const end = start + HEADER_LENGTH + userLength + TRAILER_LENGTH;
  if (limit < end) return { kind: 'incomplete' };
  const checksumAt = end - 2;
  const expected = checksum(bytes, start + HEADER_LENGTH, checksumAt);
  if (bytes[checksumAt] !== expected) {
    return {
      kind: 'invalid',
      error: new ProtocolError(
        'bad-checksum',
        `checksum is ${byteHex(bytes[checksumAt] as number)}, the user data sum to ${byteHex(expected)}`,
      ),
    };
  }
  if (bytes[end - 1] !== FRAME_END) {
    return {
      kind: 'invalid',
      error: new ProtocolError(
        'bad-end',
        `frame ends with ${byteHex(bytes[end - 1] as number)} instead of 16H`,
      ),
    };
  }
  return { kind: 'frame', end };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Builds the frame from a validated frame at bytes[start, end). */
export function readFrame(bytes: Uint8Array, start: number, end: number): DecodedFrame {
  const user = start + HEADER_LENGTH;
  const userEnd = end - TRAILER_LENGTH;
  const controlByte = bytes[user + CONTROL_AT] as number;
  const control = decodeControl(controlByte);
  const afn = bytes[user + AFN_AT] as number;
  const sequenceByte = bytes[user + SEQ_AT] as number;
  const timeTagged = isTimeTagged(sequenceByte);
  const withPassword = carriesPassword(control.direction, afn);
  const auxLength =
    (withPassword ? PASSWORD_LENGTH : 0) +
    (control.accessDemand ? EVENT_COUNTER_LENGTH : 0) +
    (timeTagged ? TIME_TAG_LENGTH : 0);
  const unitsEnd = userEnd - auxLength;
  if (unitsEnd < user + UNITS_AT) {
    throw new ProtocolError(
      'bad-length',
      `the frame is too short for its ${auxLength} bytes of PW, EC and Tp (L = ${userEnd - user})`,
    );
  }
  const frame: Writable<DecodedFrame> = {
    protocol: (bytes[start + 1] as number) & 0x03,
    control,
    controlByte,
    address: readAddress(bytes, user + ADDRESS_AT),
    afn,
    sequence: decodeSequence(sequenceByte),
    units: bytes.slice(user + UNITS_AT, unitsEnd),
    frameLength: end - start,
  };
  let at = unitsEnd;
  if (withPassword) {
    frame.password = bytes.slice(at, at + PASSWORD_LENGTH);
    at += PASSWORD_LENGTH;
  }
  if (control.accessDemand) {
    frame.eventCounters = { important: bytes[at] as number, normal: bytes[at + 1] as number };
    at += EVENT_COUNTER_LENGTH;
  }
  if (timeTagged) frame.timeTag = readTimeTag(bytes, at);
  return frame;
}

/**
 * Decodes exactly one frame. Anything before it, a short frame, a wrong checksum or end byte is a
 * ProtocolError; zero bytes after it (some terminals pad a confirm) are ignored. For a stream use Deframer.
 */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  if (bytes.length === 0) throw new ProtocolError('truncated', 'no frame: nothing received');
  if (bytes[0] !== FRAME_START) {
    throw new ProtocolError('bad-start', `frame starts with ${byteHex(bytes[0] as number)} instead of 68H`);
  }
  const probe = probeFrame(bytes, 0, bytes.length);
  if (probe.kind === 'invalid') throw probe.error;
  if (probe.kind === 'incomplete') {
    throw new ProtocolError('truncated', `frame is cut short: ${bytes.length} bytes received`);
  }
  for (let i = probe.end; i < bytes.length; i++) {
    if (bytes[i] !== 0) {
      throw new ProtocolError(
        'bad-length',
        `${bytes.length - probe.end} stray byte(s) after the frame's end`,
      );
    }
  }
  return readFrame(bytes, 0, probe.end);
}
