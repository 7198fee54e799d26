// AFN 10 数据转发, F1 透明转发 (§5.16): the master station hands the terminal a frame (here a DL/T 645 one) to
// send on one of its meter ports with the given serial settings, and gets the meter's answer back.
import { ProtocolError } from '../errors.ts';
import type { ByteReader, ByteWriter } from './cursor.ts';
import type { UnitCodec, UnitHeader } from './unit.ts';

/** 透明转发通信控制字 D7–D5: the rate codes' bit/s. */
export const FORWARD_BAUD_RATES: readonly number[] = [300, 600, 1200, 2400, 4800, 7200, 9600, 19200];

export interface SerialSettings {
  /** bit/s, one of FORWARD_BAUD_RATES. */
  readonly baud: number;
  readonly stopBits: 1 | 2;
  readonly parity: 'none' | 'even' | 'odd';
  /** 5–8. */
  readonly dataBits: number;
}

/** 10 F1 downward. */
export interface ForwardRequest extends UnitHeader {
  readonly kind: 'forward-request';
  /** 终端通信端口号. */
  readonly port: number;
  readonly serial: SerialSettings;
  /** 透明转发接收等待报文超时时间: the count (0–127) and its unit (D7: 10 ms or 1 s). */
  readonly frameTimeout: { readonly count: number; readonly unit: '10ms' | 's' };
  /** 透明转发接收等待字节超时时间, 10 ms steps (0–255). */
  readonly byteTimeout10Ms: number;
  /** 透明转发内容: the frame to send, e.g. a DL/T 645 frame with its wake-up bytes. */
  readonly content: Uint8Array;
}

/** 10 F1 upward: the answer the port received; empty when the meter said nothing. */
export interface ForwardReply extends UnitHeader {
  readonly kind: 'forward-reply';
  readonly port: number;
  readonly content: Uint8Array;
}

export type ForwardUnit = ForwardRequest | ForwardReply;

/** The frame timeout in milliseconds. */
export function frameTimeoutMs(request: Pick<ForwardRequest, 'frameTimeout'>): number {
  return request.frameTimeout.count * (request.frameTimeout.unit === 's' ? 1000 : 10);
}

const PARITY_ENABLED = 0x08;
const PARITY_ODD = 0x04;
const TWO_STOP_BITS = 0x10;
const SECONDS_UNIT = 0x80;

function decodeSerial(byte: number): SerialSettings {
  return {
    baud: FORWARD_BAUD_RATES[byte >> 5] as number,
    stopBits: (byte & TWO_STOP_BITS) !== 0 ? 2 : 1,
    parity: (byte & PARITY_ENABLED) === 0 ? 'none' : (byte & PARITY_ODD) !== 0 ? 'odd' : 'even',
    dataBits: (byte & 0x03) + 5,
  };
}

function encodeSerial(serial: SerialSettings): number {
  const rate = FORWARD_BAUD_RATES.indexOf(serial.baud);
  if (rate < 0)
    throw new ProtocolError(
      'bad-value',
      `rate ${serial.baud} bit/s is not one of ${FORWARD_BAUD_RATES.join(', ')}`,
    );
  if (!Number.isInteger(serial.dataBits) || serial.dataBits < 5 || serial.dataBits > 8) {
    throw new ProtocolError('bad-value', `${serial.dataBits} data bits is not 5–8`);
  }
  return (
    (rate << 5) |
    (serial.stopBits === 2 ? TWO_STOP_BITS : 0) |
    (serial.parity === 'none' ? 0 : PARITY_ENABLED | (serial.parity === 'odd' ? PARITY_ODD : 0)) |
    (serial.dataBits - 5)
  );
}

export const forwardRequestCodec: UnitCodec<ForwardRequest> = {
  kind: 'forward-request',
  decode(reader: ByteReader, point: number, fn: number): ForwardRequest {
    const port = reader.u8('the port');
    const serial = decodeSerial(reader.u8('the control word'));
    const timeoutByte = reader.u8('the frame timeout');
    const byteTimeout10Ms = reader.u8('the byte timeout');
    const length = reader.u16('the content length');
    const content = reader.slice(length, 'the forwarded frame');
    return {
      kind: 'forward-request',
      point,
      fn,
      port,
      serial,
      frameTimeout: { count: timeoutByte & 0x7f, unit: (timeoutByte & SECONDS_UNIT) !== 0 ? 's' : '10ms' },
      byteTimeout10Ms,
      content,
    };
  },
  encode(writer: ByteWriter, unit: ForwardRequest): void {
    writer.u8(unit.port, 'port');
    writer.u8(encodeSerial(unit.serial), 'control word');
    const { count, unit: timeUnit } = unit.frameTimeout;
    if (!Number.isInteger(count) || count < 0 || count > 127)
      throw new ProtocolError('bad-value', `frame timeout ${count} is not 0–127`);
    writer.u8(count | (timeUnit === 's' ? SECONDS_UNIT : 0), 'frame timeout');
    writer.u8(unit.byteTimeout10Ms, 'byte timeout');
    writer.u16(unit.content.length, 'content length');
    writer.bytes(unit.content);
  },
};

export const forwardReplyCodec: UnitCodec<ForwardReply> = {
  kind: 'forward-reply',
  decode(reader: ByteReader, point: number, fn: number): ForwardReply {
    const port = reader.u8('the port');
    const length = reader.u16('the content length');
    return { kind: 'forward-reply', point, fn, port, content: reader.slice(length, 'the forwarded answer') };
  },
  encode(writer: ByteWriter, unit: ForwardReply): void {
    writer.u8(unit.port, 'port');
    writer.u16(unit.content.length, 'content length');
    writer.bytes(unit.content);
  },
};
