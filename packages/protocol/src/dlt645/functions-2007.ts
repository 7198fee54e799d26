// Building and parsing the frames of DL/T 645-2007 §7 for each message of messages-2007.ts.
import { concatBytes } from '../bytes.ts';
import { ProtocolError } from '../errors.ts';
import { byteHex } from '../hex.ts';
import { normalizeAddress } from './address.ts';
import { assertValidDateTime } from './calendar.ts';
import { BROADCAST_ADDRESS, WILDCARD_ADDRESS } from './constants.ts';
import { Function2007 } from './control.ts';
import { errorReasons, securityErrorReasons } from './error-word.ts';
import {
  baudFromWord,
  baudWord,
  checkPasswordLevel,
  dataLengthError,
  diField,
  expectDataLength,
  passwordField,
  readCode,
  readDi4,
  singleByte,
  unknownFunctionError,
  writeCode,
} from './fields.ts';
import { datetime, digits, type MeterDateTime } from './formats.ts';
import type { Frame } from './frame.ts';
import type { Credentials, RemoteCommand, Request2007, Response2007 } from './messages-2007.ts';
import {
  parseSecurityReply,
  parseSecurityRequest,
  securityReplyData,
  securityRequestData,
} from './security-2007.ts';
import { decodeValue, encodeValue } from './value-codec.ts';

type Kind = Request2007['kind'];

const FUNCTION_OF: Readonly<Record<Kind, number>> = {
  'broadcast-time-sync': Function2007.broadcastTimeSync,
  'read-data': Function2007.readData,
  'read-follow-up': Function2007.readFollowUp,
  'read-address': Function2007.readAddress,
  'write-data': Function2007.writeData,
  'write-address': Function2007.writeAddress,
  freeze: Function2007.freeze,
  'change-baud-rate': Function2007.changeBaudRate,
  'change-password': Function2007.changePassword,
  'clear-max-demand': Function2007.clearMaxDemand,
  'meter-clear': Function2007.meterClear,
  'event-clear': Function2007.eventClear,
  'remote-control': Function2007.remoteControl,
  security: Function2007.security,
};
const KIND_OF = new Map<number, Kind>(
  Object.entries(FUNCTION_OF).map(([kind, code]) => [code, kind as Kind]),
);

/** N1 of control code 1CH. */
const REMOTE_COMMAND_CODES: Readonly<Record<RemoteCommand, number>> = {
  trip: 0x1a, // 跳闸
  'close-permit': 0x1b, // 合闸允许
  'close-direct': 0x1c, // 直接合闸
  alarm: 0x2a, // 报警
  'alarm-release': 0x2b, // 报警解除
  'protect-on': 0x3a, // 保电
  'protect-off': 0x3b, // 保电解除
};
const REMOTE_COMMANDS = new Map<number, RemoteCommand>(
  Object.entries(REMOTE_COMMAND_CODES).map(([command, code]) => [code, command as RemoteCommand]),
);

const TIME6 = datetime('YYMMDDhhmmss');
const TIME5 = datetime('YYMMDDhhmm');
const FREEZE_PATTERN = digits(4);
const CREDENTIALS_LENGTH = 8;
const PASSWORD_LENGTH = 4;

/** The frame for a request. */
export function requestFrame2007(request: Request2007): Frame {
  return {
    address: requestAddress(request),
    control: {
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: FUNCTION_OF[request.kind],
    },
    data: requestData(request),
  };
}

function requestAddress(request: Request2007): string {
  // Time sync is broadcast by definition (§7.6); read and write address go to whoever is on the bus.
  if (request.kind === 'broadcast-time-sync') return BROADCAST_ADDRESS;
  return normalizeAddress(request.address);
}

function requestData(request: Request2007): Uint8Array {
  switch (request.kind) {
    case 'broadcast-time-sync':
      assertValidDateTime(request.time, 'the broadcast time');
      return encodeValue(TIME6, request.time);
    case 'read-data': {
      const parts = [diField(request.di, 4)];
      if (request.blockCount !== undefined)
        parts.push(encodeValue(digits(1), String(request.blockCount).padStart(2, '0')));
      if (request.from !== undefined) {
        if (request.blockCount === undefined)
          throw new ProtocolError('bad-value', 'a start time needs a block count');
        assertValidDateTime(request.from, 'the start time');
        parts.push(encodeValue(TIME5, request.from));
      }
      return concatBytes(parts);
    }
    case 'read-follow-up':
      return concatBytes([diField(request.di, 4), singleByte(request.seq, 'SEQ')]);
    case 'read-address':
      return new Uint8Array(0);
    case 'write-data':
      return concatBytes([diField(request.di, 4), credentials(request), request.value]);
    case 'write-address':
      return encodeValue(digits(6), normalizeAddress(request.newAddress));
    case 'freeze':
      return encodeValue(FREEZE_PATTERN, request.pattern);
    case 'change-baud-rate':
      return Uint8Array.of(baudWord(request.baud, 19200));
    case 'change-password': {
      if (!Number.isInteger(request.level) || request.level < 0 || request.level > 9) {
        throw new ProtocolError('bad-value', `password level to change must be 0-9, got ${request.level}`);
      }
      return concatBytes([
        diField(0x04000c01 + request.level, 4),
        passwordField(request.oldPasswordLevel, request.oldPassword),
        passwordField(request.newPasswordLevel, request.newPassword),
      ]);
    }
    case 'clear-max-demand':
    case 'meter-clear':
      return credentials(request);
    case 'event-clear':
      return concatBytes([credentials(request), diField(request.di, 4)]);
    case 'remote-control': {
      assertValidDateTime(request.validUntil, 'the command validity time');
      return concatBytes([
        credentials(request),
        Uint8Array.of(REMOTE_COMMAND_CODES[request.command], 0x00),
        encodeValue(TIME6, request.validUntil),
      ]);
    }
    case 'security':
      return securityRequestData(request.operatorCode, request);
  }
}

/** Parses a request frame (what the simulator, or a sniffer, receives). */
export function parseRequest2007(frame: Frame): Request2007 {
  if (frame.control.direction !== 'request')
    throw new ProtocolError('bad-function', 'not a request: D7 is set');
  const kind = KIND_OF.get(frame.control.functionCode);
  if (kind === undefined) throw unknownFunctionError('2007', frame.control.functionCode);
  const { address, data } = frame;
  switch (kind) {
    case 'broadcast-time-sync':
      expectDataLength(data, 6, kind);
      return { kind, time: decodeValue(TIME6, data, 0, 6) as MeterDateTime };
    case 'read-data': {
      if (data.length !== 4 && data.length !== 5 && data.length !== 10)
        throw dataLengthError(kind, data.length, '4, 5 or 10');
      const di = readDi4(data, 0);
      if (data.length === 4) return { kind, address, di };
      const blockCount = Number(decodeValue(digits(1), data, 4, 1));
      if (data.length === 5) return { kind, address, di, blockCount };
      return { kind, address, di, blockCount, from: decodeValue(TIME5, data, 5, 5) as MeterDateTime };
    }
    case 'read-follow-up':
      expectDataLength(data, 5, kind);
      return { kind, address, di: readDi4(data, 0), seq: data[4] as number };
    case 'read-address':
      expectDataLength(data, 0, kind);
      return { kind, address };
    case 'write-data':
      if (data.length < 4 + CREDENTIALS_LENGTH) throw dataLengthError(kind, data.length, 'at least 12');
      return { kind, address, di: readDi4(data, 0), ...readCredentials(data, 4), value: data.slice(12) };
    case 'write-address':
      expectDataLength(data, 6, kind);
      return { kind, address, newAddress: decodeValue(digits(6), data, 0, 6) as string };
    case 'freeze':
      expectDataLength(data, 4, kind);
      return { kind, address, pattern: decodeValue(FREEZE_PATTERN, data, 0, 4) as string };
    case 'change-baud-rate':
      expectDataLength(data, 1, kind);
      return { kind, address, baud: baudFromWord(data[0] as number) };
    case 'change-password': {
      expectDataLength(data, 12, kind);
      const level = readDi4(data, 0) - 0x04000c01;
      if (level < 0 || level > 9)
        throw new ProtocolError('bad-data', 'change password names no password identifier');
      return {
        kind,
        address,
        level,
        oldPasswordLevel: data[4] as number,
        oldPassword: readCode(data, 5, 3),
        newPasswordLevel: data[8] as number,
        newPassword: readCode(data, 9, 3),
      };
    }
    case 'clear-max-demand':
    case 'meter-clear':
      expectDataLength(data, CREDENTIALS_LENGTH, kind);
      return { kind, address, ...readCredentials(data, 0) };
    case 'event-clear':
      expectDataLength(data, 12, kind);
      return { kind, address, ...readCredentials(data, 0), di: readDi4(data, 8) };
    case 'remote-control': {
      expectDataLength(data, 16, kind);
      const command = REMOTE_COMMANDS.get(data[8] as number);
      if (command === undefined)
        throw new ProtocolError(
          'bad-data',
          `remote control command ${byteHex(data[8] as number)}H is not defined`,
        );
      return {
        kind,
        address,
        ...readCredentials(data, 0),
        command,
        validUntil: decodeValue(TIME6, data, 10, 6) as MeterDateTime,
      };
    }
    case 'security':
      return { kind, address, ...parseSecurityRequest(data) };
  }
}

/** The frame a meter sends for a response. */
export function responseFrame2007(response: Response2007): Frame {
  const address = normalizeAddress(response.address);
  const functionOf = (kind: Kind) => FUNCTION_OF[kind];
  const control = (functionCode: number, abnormal = false, followUp = false) =>
    ({ direction: 'response', abnormal, followUp, functionCode }) as const;
  switch (response.kind) {
    case 'read-data':
      return {
        address,
        control: control(Function2007.readData, false, response.followUp),
        data: concatBytes([diField(response.di, 4), response.data]),
      };
    case 'read-follow-up':
      return {
        address,
        control: control(Function2007.readFollowUp, false, response.followUp),
        data: concatBytes([diField(response.di, 4), response.data, singleByte(response.seq, 'SEQ')]),
      };
    case 'read-address':
      return { address, control: control(Function2007.readAddress), data: encodeValue(digits(6), address) };
    case 'ack':
      return { address, control: control(functionOf(response.function)), data: new Uint8Array(0) };
    case 'change-baud-rate':
      return {
        address,
        control: control(Function2007.changeBaudRate),
        data: Uint8Array.of(baudWord(response.baud, 19200)),
      };
    case 'change-password':
      return {
        address,
        control: control(Function2007.changePassword),
        data: passwordField(response.newPasswordLevel, response.newPassword),
      };
    case 'abnormal':
      if (response.function === 'security')
        throw new ProtocolError('bad-value', 'a 03H refusal carries SERR: use security-refused');
      return {
        address,
        control: control(functionOf(response.function), true),
        data: singleByte(response.errorWord, 'error word'),
      };
    case 'security':
      return { address, control: control(Function2007.security), data: securityReplyData(response) };
    case 'security-refused':
      return {
        address,
        control: control(Function2007.security, true),
        data: Uint8Array.of(response.errorWord & 0xff, (response.errorWord >>> 8) & 0xff),
      };
  }
}

/** Parses a meter's response frame. */
export function parseResponse2007(frame: Frame): Response2007 {
  if (frame.control.direction !== 'response')
    throw new ProtocolError('bad-function', 'not a response: D7 is clear');
  const kind = KIND_OF.get(frame.control.functionCode);
  if (kind === undefined) throw unknownFunctionError('2007', frame.control.functionCode);
  const { address, data } = frame;
  if (frame.control.abnormal && kind === 'security') {
    // 安全认证 refusals carry the two-byte SERR, low byte first.
    expectDataLength(data, 2, 'security refusal');
    const errorWord = (data[0] as number) | ((data[1] as number) << 8);
    return { kind: 'security-refused', address, errorWord, reasons: securityErrorReasons(errorWord) };
  }
  if (frame.control.abnormal) {
    // Some meters send a two-byte error word (the security-extended meters); the first byte is ERR.
    if (data.length < 1) throw dataLengthError(kind, 0, 'at least 1');
    const errorWord = data[0] as number;
    return { kind: 'abnormal', address, function: kind, errorWord, reasons: errorReasons('2007', errorWord) };
  }
  switch (kind) {
    case 'read-data':
      if (data.length < 4) throw dataLengthError(kind, data.length, 'at least 4');
      return { kind, address, di: readDi4(data, 0), data: data.slice(4), followUp: frame.control.followUp };
    case 'read-follow-up':
      if (data.length < 5) throw dataLengthError(kind, data.length, 'at least 5');
      return {
        kind,
        address,
        di: readDi4(data, 0),
        data: data.slice(4, data.length - 1),
        seq: data[data.length - 1] as number,
        followUp: frame.control.followUp,
      };
    case 'read-address':
      expectDataLength(data, 6, kind);
      return { kind, address: decodeValue(digits(6), data, 0, 6) as string };
    case 'change-baud-rate':
      expectDataLength(data, 1, kind);
      return { kind, address, baud: baudFromWord(data[0] as number) };
    case 'change-password':
      expectDataLength(data, PASSWORD_LENGTH, kind);
      return { kind, address, newPasswordLevel: data[0] as number, newPassword: readCode(data, 1, 3) };
    case 'broadcast-time-sync':
      throw new ProtocolError('bad-function', 'broadcast time sync has no response (§7.6)');
    case 'security':
      return { kind, address, ...parseSecurityReply(data) };
    default:
      expectDataLength(data, 0, kind);
      return { kind: 'ack', address, function: kind };
  }
}

function credentials(request: Credentials): Uint8Array {
  const bytes = new Uint8Array(CREDENTIALS_LENGTH);
  checkPasswordLevel(request.passwordLevel);
  bytes[0] = request.passwordLevel;
  writeCode(bytes, 1, request.password, 3, 'password');
  writeCode(bytes, 4, request.operatorCode, 4, 'operator code');
  return bytes;
}

function readCredentials(data: Uint8Array, offset: number): Credentials {
  return {
    passwordLevel: data[offset] as number,
    password: readCode(data, offset + 1, 3),
    operatorCode: readCode(data, offset + 4, 4),
  };
}

/** Addresses that read and write address requests go to when the meter's own is unknown. */
export const READ_ADDRESS_TARGET = WILDCARD_ADDRESS;
