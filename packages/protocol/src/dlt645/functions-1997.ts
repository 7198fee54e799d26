// DL/T 645-1997: the read, write, broadcast-time, address, baud-rate, password and demand-clear functions.
// The frame is the 2007 one; identifiers are two bytes and passwords PA P0 P1 P2 carry no operator code.
import { concatBytes } from '../bytes.ts';
import { ProtocolError } from '../errors.ts';
import { normalizeAddress } from './address.ts';
import { assertValidDateTime } from './calendar.ts';
import { BROADCAST_ADDRESS } from './constants.ts';
import { Function1997 } from './control.ts';
import { type ErrorReason, errorReasons } from './error-word.ts';
import {
  baudFromWord,
  baudWord,
  dataLengthError,
  diField,
  expectDataLength,
  passwordField,
  readCode,
  readDi2,
  readPasswordField,
  unknownFunctionError,
} from './fields.ts';
import { datetime, digits, type MeterDateTime } from './formats.ts';
import type { Frame } from './frame.ts';
import { decodeValue, encodeValue } from './value-codec.ts';

export interface Password1997 {
  readonly passwordLevel: number;
  /** Six hex digits, most significant first. */
  readonly password: string;
}

export type Request1997 =
  | { readonly kind: 'broadcast-time-sync'; readonly time: MeterDateTime }
  | { readonly kind: 'read-data'; readonly address: string; readonly di: number }
  | { readonly kind: 'read-follow-up'; readonly address: string; readonly di: number }
  | { readonly kind: 're-read'; readonly address: string }
  | ({
      readonly kind: 'write-data';
      readonly address: string;
      readonly di: number;
      readonly value: Uint8Array;
    } & Password1997)
  | { readonly kind: 'write-address'; readonly address: string; readonly newAddress: string }
  | { readonly kind: 'change-baud-rate'; readonly address: string; readonly baud: number }
  | {
      readonly kind: 'change-password';
      readonly address: string;
      readonly oldPasswordLevel: number;
      readonly oldPassword: string;
      readonly newPasswordLevel: number;
      readonly newPassword: string;
    }
  | ({ readonly kind: 'clear-max-demand'; readonly address: string } & Password1997);

export type Response1997 =
  | {
      readonly kind: 'read-data' | 'read-follow-up' | 're-read';
      readonly address: string;
      readonly di: number;
      readonly data: Uint8Array;
      readonly followUp: boolean;
    }
  | {
      readonly kind: 'ack';
      readonly address: string;
      readonly function: 'write-data' | 'write-address' | 'clear-max-demand';
    }
  | { readonly kind: 'change-baud-rate'; readonly address: string; readonly baud: number }
  | {
      readonly kind: 'change-password';
      readonly address: string;
      readonly newPasswordLevel: number;
      readonly newPassword: string;
    }
  | {
      readonly kind: 'abnormal';
      readonly address: string;
      readonly function: Request1997['kind'];
      readonly errorWord: number;
      readonly reasons: readonly ErrorReason[];
    };

type Kind = Request1997['kind'];

const FUNCTION_OF: Readonly<Record<Kind, number>> = {
  'broadcast-time-sync': Function1997.broadcastTimeSync,
  'read-data': Function1997.readData,
  'read-follow-up': Function1997.readFollowUp,
  're-read': Function1997.reRead,
  'write-data': Function1997.writeData,
  'write-address': Function1997.writeAddress,
  'change-baud-rate': Function1997.changeBaudRate,
  'change-password': Function1997.changePassword,
  'clear-max-demand': Function1997.clearMaxDemand,
};
const KIND_OF = new Map<number, Kind>(
  Object.entries(FUNCTION_OF).map(([kind, code]) => [code, kind as Kind]),
);
const TIME6 = datetime('YYMMDDhhmmss');
const ADDRESS = digits(6);
/** The 1997 rate word stops at 9600 baud. */
const MAX_BAUD = 9600;

export function requestFrame1997(request: Request1997): Frame {
  const address =
    request.kind === 'broadcast-time-sync' ? BROADCAST_ADDRESS : normalizeAddress(request.address);
  return {
    address,
    control: {
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: FUNCTION_OF[request.kind],
    },
    data: requestData(request),
  };
}

function requestData(request: Request1997): Uint8Array {
  switch (request.kind) {
    case 'broadcast-time-sync':
      assertValidDateTime(request.time, 'the broadcast time');
      return encodeValue(TIME6, request.time);
    case 'read-data':
    case 'read-follow-up':
      return diField(request.di, 2);
    case 're-read':
      return new Uint8Array(0);
    case 'write-data':
      return concatBytes([
        diField(request.di, 2),
        passwordField(request.passwordLevel, request.password),
        request.value,
      ]);
    case 'write-address':
      return encodeValue(ADDRESS, normalizeAddress(request.newAddress));
    case 'change-baud-rate':
      return Uint8Array.of(baudWord(request.baud, MAX_BAUD));
    case 'change-password':
      return concatBytes([
        passwordField(request.oldPasswordLevel, request.oldPassword),
        passwordField(request.newPasswordLevel, request.newPassword),
      ]);
    case 'clear-max-demand':
      return passwordField(request.passwordLevel, request.password);
  }
}

export function parseRequest1997(frame: Frame): Request1997 {
  if (frame.control.direction !== 'request')
    throw new ProtocolError('bad-function', 'not a request: D7 is set');
  const kind = KIND_OF.get(frame.control.functionCode);
  if (kind === undefined) throw unknownFunctionError('1997', frame.control.functionCode);
  const { address, data } = frame;
  switch (kind) {
    case 'broadcast-time-sync':
      expectDataLength(data, 6, kind);
      return { kind, time: decodeValue(TIME6, data, 0, 6) as MeterDateTime };
    case 'read-data':
    case 'read-follow-up':
      expectDataLength(data, 2, kind);
      return { kind, address, di: readDi2(data, 0) };
    case 're-read':
      expectDataLength(data, 0, kind);
      return { kind, address };
    case 'write-data':
      if (data.length < 6) throw dataLengthError(kind, data.length, 'at least 6');
      return { kind, address, di: readDi2(data, 0), ...readPasswordField(data, 2), value: data.slice(6) };
    case 'write-address':
      expectDataLength(data, 6, kind);
      return { kind, address, newAddress: decodeValue(ADDRESS, data, 0, 6) as string };
    case 'change-baud-rate':
      expectDataLength(data, 1, kind);
      return { kind, address, baud: baudFromWord(data[0] as number) };
    case 'change-password': {
      expectDataLength(data, 8, kind);
      const old = readPasswordField(data, 0);
      const next = readPasswordField(data, 4);
      return {
        kind,
        address,
        oldPasswordLevel: old.passwordLevel,
        oldPassword: old.password,
        newPasswordLevel: next.passwordLevel,
        newPassword: next.password,
      };
    }
    case 'clear-max-demand':
      expectDataLength(data, 4, kind);
      return { kind, address, ...readPasswordField(data, 0) };
  }
}

export function responseFrame1997(response: Response1997): Frame {
  const address = normalizeAddress(response.address);
  const control = (kind: Kind, abnormal = false, followUp = false) =>
    ({ direction: 'response', abnormal, followUp, functionCode: FUNCTION_OF[kind] }) as const;
  switch (response.kind) {
    case 'read-data':
    case 'read-follow-up':
    case 're-read':
      return {
        address,
        control: control(response.kind, false, response.followUp),
        data: concatBytes([diField(response.di, 2), response.data]),
      };
    case 'ack':
      return { address, control: control(response.function), data: new Uint8Array(0) };
    case 'change-baud-rate':
      return {
        address,
        control: control('change-baud-rate'),
        data: Uint8Array.of(baudWord(response.baud, MAX_BAUD)),
      };
    case 'change-password':
      return {
        address,
        control: control('change-password'),
        data: passwordField(response.newPasswordLevel, response.newPassword),
      };
    case 'abnormal':
      return {
        address,
        control: control(response.function, true),
        data: Uint8Array.of(response.errorWord & 0xff),
      };
  }
}

export function parseResponse1997(frame: Frame): Response1997 {
  if (frame.control.direction !== 'response')
    throw new ProtocolError('bad-function', 'not a response: D7 is clear');
  const kind = KIND_OF.get(frame.control.functionCode);
  if (kind === undefined) throw unknownFunctionError('1997', frame.control.functionCode);
  const { address, data } = frame;
  if (frame.control.abnormal) {
    if (data.length < 1) throw dataLengthError(kind, 0, 'at least 1');
    const errorWord = data[0] as number;
    return { kind: 'abnormal', address, function: kind, errorWord, reasons: errorReasons('1997', errorWord) };
  }
  switch (kind) {
    case 'read-data':
    case 'read-follow-up':
    case 're-read':
      if (data.length < 2) throw dataLengthError(kind, data.length, 'at least 2');
      return { kind, address, di: readDi2(data, 0), data: data.slice(2), followUp: frame.control.followUp };
    case 'change-baud-rate':
      expectDataLength(data, 1, kind);
      return { kind, address, baud: baudFromWord(data[0] as number) };
    case 'change-password': {
      expectDataLength(data, 4, kind);
      return { kind, address, newPasswordLevel: data[0] as number, newPassword: readCode(data, 1, 3) };
    }
    case 'broadcast-time-sync':
      throw new ProtocolError('bad-function', 'broadcast time sync has no response');
    case 'write-data':
    case 'write-address':
    case 'clear-max-demand':
      expectDataLength(data, 0, kind);
      return { kind: 'ack', address, function: kind };
  }
}
