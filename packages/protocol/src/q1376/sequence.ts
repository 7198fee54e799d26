// 帧序列域 SEQ (§4.3.4.5.3) and the auxiliary fields after the data units (附加信息域 AUX, §4.3.4.6).
// SEQ: D7 TpV, D6 FIR, D5 FIN, D4 CON, D3–D0 PSEQ (a request) or RSEQ (its answer). TpV is not a field here:
// it is set exactly when the frame carries a time tag.
import { decodeBcd, writeBcd } from '../bcd.ts';
import { ProtocolError } from '../errors.ts';

const TPV = 0x80;
const FIR = 0x40;
const FIN = 0x20;
const CON = 0x10;

export interface Sequence {
  /** FIR: the first frame of a message. */
  readonly first: boolean;
  /** FIN: the last frame of a message (FIR and FIN: a single frame). */
  readonly final: boolean;
  /** CON: the receiver must confirm this frame (AFN 00). */
  readonly confirm: boolean;
  /** PSEQ/RSEQ, 0–15: an answer repeats the request's number; a multi-frame answer counts up from it. */
  readonly number: number;
}

export function decodeSequence(byte: number): Sequence {
  return {
    first: (byte & FIR) !== 0,
    final: (byte & FIN) !== 0,
    confirm: (byte & CON) !== 0,
    number: byte & 0x0f,
  };
}

/** TpV: a time tag Tp closes the frame. */
export function isTimeTagged(byte: number): boolean {
  return (byte & TPV) !== 0;
}

export function encodeSequence(sequence: Sequence, timeTagged: boolean): number {
  if (!Number.isInteger(sequence.number) || sequence.number < 0 || sequence.number > 15) {
    throw new ProtocolError('bad-value', `sequence number ${sequence.number} is not 0–15`);
  }
  return (
    sequence.number |
    (timeTagged ? TPV : 0) |
    (sequence.first ? FIR : 0) |
    (sequence.final ? FIN : 0) |
    (sequence.confirm ? CON : 0)
  );
}

/** 时间标签 Tp (§4.3.4.6.3): lets the receiver drop a command that waited too long in the network. */
export interface TimeTag {
  /** 启动帧帧序号计数器 PFC, 0–255. */
  readonly frameCounter: number;
  /** 启动帧发送时标, format 16 (ss mm hh DD): day of month, hour, minute, second. */
  readonly sentAt: {
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
  };
  /** 允许发送传输延时时间, minutes; 0: no limit. */
  readonly allowedDelayMinutes: number;
}

export function readTimeTag(bytes: Uint8Array, at: number): TimeTag {
  return {
    frameCounter: bytes[at] as number,
    sentAt: {
      second: decodeBcd(bytes, at + 1, 1),
      minute: decodeBcd(bytes, at + 2, 1),
      hour: decodeBcd(bytes, at + 3, 1),
      day: decodeBcd(bytes, at + 4, 1),
    },
    allowedDelayMinutes: bytes[at + 5] as number,
  };
}

export function writeTimeTag(target: Uint8Array, at: number, tag: TimeTag): void {
  checkByte(tag.frameCounter, 'PFC');
  checkByte(tag.allowedDelayMinutes, 'allowed delay');
  const { second, minute, hour, day } = tag.sentAt;
  if (second > 59 || minute > 59 || hour > 23 || day < 1 || day > 31) {
    throw new ProtocolError('bad-date-time', `time tag ${JSON.stringify(tag.sentAt)} is not a time`);
  }
  target[at] = tag.frameCounter;
  writeBcd(target, at + 1, 1, second, false);
  writeBcd(target, at + 2, 1, minute, false);
  writeBcd(target, at + 3, 1, hour, false);
  writeBcd(target, at + 4, 1, day, false);
  target[at + 5] = tag.allowedDelayMinutes;
}

/** 事件计数器 EC (§4.3.4.6.2): how many important (EC1) and normal (EC2) events the terminal has recorded, mod 256. */
export interface EventCounters {
  readonly important: number;
  readonly normal: number;
}

export function checkByte(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new ProtocolError('bad-value', `${what} ${value} is not 0–255`);
  }
}
