// parse(build(x)) = x for every function of both editions, through real bytes: the frame is encoded with
// scrambling and checksum, then decoded again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyAddress,
  bytes,
  byteValue,
  concreteAddress,
  di2,
  di4,
  operatorCode,
  password,
  validDateTime,
} from '../../test/arbitraries.ts';
import { ProtocolError } from '../errors.ts';
import { errorReasons, securityErrorReasons } from './error-word.ts';
import { decodeFrame, encodeFrame, type Frame } from './frame.ts';
import {
  parseRequest1997,
  parseResponse1997,
  type Request1997,
  type Response1997,
  requestFrame1997,
  responseFrame1997,
} from './functions-1997.ts';
import {
  parseRequest2007,
  parseResponse2007,
  requestFrame2007,
  responseFrame2007,
} from './functions-2007.ts';
import type { Request2007, Response2007 } from './messages-2007.ts';

const credentials = { passwordLevel: byteValue, password, operatorCode };
const baud2007 = fc.constantFrom(600, 1200, 2400, 4800, 9600, 19200);
const baud1997 = fc.constantFrom(600, 1200, 2400, 4800, 9600);
const remoteCommand = fc.constantFrom(
  'trip' as const,
  'close-permit' as const,
  'close-direct' as const,
  'alarm' as const,
  'alarm-release' as const,
  'protect-on' as const,
  'protect-off' as const,
);
const freezePattern = fc
  .array(fc.constantFrom(...'0123456789'), { minLength: 8, maxLength: 8 })
  .map((d) => d.join(''));
const kinds2007 = [
  'broadcast-time-sync',
  'read-data',
  'read-follow-up',
  'read-address',
  'write-data',
  'write-address',
  'freeze',
  'change-baud-rate',
  'change-password',
  'clear-max-demand',
  'meter-clear',
  'event-clear',
  'remote-control',
] as const;

const hexDigits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789ABCDEF'), { minLength: n, maxLength: n }).map((d) => d.join(''));
const customerNumber = fc
  .array(fc.constantFrom(...'0123456789'), { minLength: 12, maxLength: 12 })
  .map((d) => d.join(''));
const u32 = fc.integer({ min: 0, max: 0xffffffff });

const requests2007: fc.Arbitrary<Request2007> = fc.oneof(
  fc.record({
    kind: fc.constant('security' as const),
    address: anyAddress,
    operatorCode,
    command: fc.constant('identity-auth' as const),
    ciphertext: hexDigits(16),
    random: hexDigits(16),
    diversifier: hexDigits(16),
  }),
  fc.record({
    kind: fc.constant('security' as const),
    address: anyAddress,
    operatorCode,
    command: fc.constantFrom('open-account' as const, 'recharge' as const),
    amountFen: u32,
    purchaseCount: u32,
    mac1: hexDigits(8),
    customerNumber,
    mac2: hexDigits(8),
  }),
  fc.record({ kind: fc.constant('broadcast-time-sync' as const), time: validDateTime }),
  fc.record({ kind: fc.constant('read-data' as const), address: anyAddress, di: di4 }),
  fc.record({
    kind: fc.constant('read-data' as const),
    address: anyAddress,
    di: di4,
    blockCount: fc.integer({ min: 0, max: 99 }),
  }),
  fc.record({
    kind: fc.constant('read-data' as const),
    address: anyAddress,
    di: di4,
    blockCount: fc.integer({ min: 0, max: 99 }),
    from: validDateTime.map(({ second: _, ...rest }) => rest),
  }),
  fc.record({ kind: fc.constant('read-follow-up' as const), address: anyAddress, di: di4, seq: byteValue }),
  fc.record({ kind: fc.constant('read-address' as const), address: anyAddress }),
  fc.record({
    kind: fc.constant('write-data' as const),
    address: anyAddress,
    di: di4,
    value: bytes(38),
    ...credentials,
  }),
  fc.record({
    kind: fc.constant('write-address' as const),
    address: anyAddress,
    newAddress: concreteAddress,
  }),
  fc.record({ kind: fc.constant('freeze' as const), address: anyAddress, pattern: freezePattern }),
  fc.record({ kind: fc.constant('change-baud-rate' as const), address: anyAddress, baud: baud2007 }),
  fc.record({
    kind: fc.constant('change-password' as const),
    address: anyAddress,
    level: fc.integer({ min: 0, max: 9 }),
    oldPasswordLevel: byteValue,
    oldPassword: password,
    newPasswordLevel: byteValue,
    newPassword: password,
  }),
  fc.record({ kind: fc.constant('clear-max-demand' as const), address: anyAddress, ...credentials }),
  fc.record({ kind: fc.constant('meter-clear' as const), address: anyAddress, ...credentials }),
  fc.record({ kind: fc.constant('event-clear' as const), address: anyAddress, di: di4, ...credentials }),
  fc.record({
    kind: fc.constant('remote-control' as const),
    address: anyAddress,
    command: remoteCommand,
    validUntil: validDateTime,
    ...credentials,
  }),
);

const responses2007: fc.Arbitrary<Response2007> = fc.oneof(
  fc.record({
    kind: fc.constant('security' as const),
    address: concreteAddress,
    command: fc.constant('identity-auth' as const),
    random: hexDigits(8),
    esamSerial: hexDigits(16),
  }),
  fc.record({
    kind: fc.constant('security' as const),
    address: concreteAddress,
    command: fc.constantFrom('open-account' as const, 'recharge' as const),
  }),
  fc
    .record({ address: concreteAddress, errorWord: fc.integer({ min: 0, max: 0xffff }) })
    .map((r) => ({ kind: 'security-refused' as const, ...r, reasons: securityErrorReasons(r.errorWord) })),
  fc.record({
    kind: fc.constant('read-data' as const),
    address: concreteAddress,
    di: di4,
    data: bytes(196),
    followUp: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('read-follow-up' as const),
    address: concreteAddress,
    di: di4,
    data: bytes(195),
    seq: byteValue,
    followUp: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('read-address' as const), address: concreteAddress }),
  fc.record({
    kind: fc.constant('ack' as const),
    address: concreteAddress,
    function: fc.constantFrom(
      'write-data',
      'write-address',
      'freeze',
      'clear-max-demand',
      'meter-clear',
      'event-clear',
      'remote-control',
    ),
  }),
  fc.record({ kind: fc.constant('change-baud-rate' as const), address: concreteAddress, baud: baud2007 }),
  fc.record({
    kind: fc.constant('change-password' as const),
    address: concreteAddress,
    newPasswordLevel: byteValue,
    newPassword: password,
  }),
  fc
    .record({ address: concreteAddress, function: fc.constantFrom(...kinds2007), errorWord: byteValue })
    .map((r) => ({ kind: 'abnormal' as const, ...r, reasons: errorReasons('2007', r.errorWord) })),
);

const password1997 = { passwordLevel: byteValue, password };
const requests1997: fc.Arbitrary<Request1997> = fc.oneof(
  fc.record({ kind: fc.constant('broadcast-time-sync' as const), time: validDateTime }),
  fc.record({
    kind: fc.constantFrom('read-data' as const, 'read-follow-up' as const),
    address: anyAddress,
    di: di2,
  }),
  fc.record({ kind: fc.constant('re-read' as const), address: anyAddress }),
  fc.record({
    kind: fc.constant('write-data' as const),
    address: anyAddress,
    di: di2,
    value: bytes(44),
    ...password1997,
  }),
  fc.record({
    kind: fc.constant('write-address' as const),
    address: anyAddress,
    newAddress: concreteAddress,
  }),
  fc.record({ kind: fc.constant('change-baud-rate' as const), address: anyAddress, baud: baud1997 }),
  fc.record({
    kind: fc.constant('change-password' as const),
    address: anyAddress,
    oldPasswordLevel: byteValue,
    oldPassword: password,
    newPasswordLevel: byteValue,
    newPassword: password,
  }),
  fc.record({ kind: fc.constant('clear-max-demand' as const), address: anyAddress, ...password1997 }),
);

const responses1997: fc.Arbitrary<Response1997> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('read-data' as const, 'read-follow-up' as const, 're-read' as const),
    address: concreteAddress,
    di: di2,
    data: bytes(198),
    followUp: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('ack' as const),
    address: concreteAddress,
    function: fc.constantFrom('write-data' as const, 'write-address' as const, 'clear-max-demand' as const),
  }),
  fc.record({ kind: fc.constant('change-baud-rate' as const), address: concreteAddress, baud: baud1997 }),
  fc.record({
    kind: fc.constant('change-password' as const),
    address: concreteAddress,
    newPasswordLevel: byteValue,
    newPassword: password,
  }),
  fc
    .record({
      address: concreteAddress,
      function: fc.constantFrom(
        'read-data' as const,
        'write-data' as const,
        'change-password' as const,
        'clear-max-demand' as const,
      ),
      errorWord: byteValue,
    })
    .map((r) => ({ kind: 'abnormal' as const, ...r, reasons: errorReasons('1997', r.errorWord) })),
);

function throughTheWire(frame: Frame, edition: '2007' | '1997'): Frame {
  return decodeFrame(encodeFrame(frame, { edition }));
}

describe('every function round-trips through bytes', () => {
  it('2007 requests', () => {
    fc.assert(
      fc.property(requests2007, (request) => {
        expect(parseRequest2007(throughTheWire(requestFrame2007(request), '2007'))).toEqual(request);
      }),
      { numRuns: 2000 },
    );
  });
  it('2007 responses', () => {
    fc.assert(
      fc.property(responses2007, (response) => {
        expect(parseResponse2007(throughTheWire(responseFrame2007(response), '2007'))).toEqual(response);
      }),
      { numRuns: 2000 },
    );
  });
  it('1997 requests', () => {
    fc.assert(
      fc.property(requests1997, (request) => {
        expect(parseRequest1997(throughTheWire(requestFrame1997(request), '1997'))).toEqual(request);
      }),
      { numRuns: 1000 },
    );
  });
  it('1997 responses', () => {
    fc.assert(
      fc.property(responses1997, (response) => {
        expect(parseResponse1997(throughTheWire(responseFrame1997(response), '1997'))).toEqual(response);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('requests refuse what a meter must never receive', () => {
  it('an impossible time', () => {
    const time = { year: 2026, month: 2, day: 30, hour: 0, minute: 0, second: 0 };
    expect(() => requestFrame2007({ kind: 'broadcast-time-sync', time })).toThrow(ProtocolError);
    expect(() =>
      requestFrame1997({ kind: 'broadcast-time-sync', time: { ...time, hour: 24, day: 1 } }),
    ).toThrow(ProtocolError);
  });
  it('a bad password, operator code or rate', () => {
    const base = {
      kind: 'meter-clear' as const,
      address: '000000000001',
      passwordLevel: 2,
      password: '12345',
      operatorCode: '12345678',
    };
    expect(() => requestFrame2007(base)).toThrow(/password must be 6 hex digits/);
    expect(() => requestFrame2007({ ...base, password: '123456', operatorCode: 'XYZ' })).toThrow(
      /operator code/,
    );
    expect(() => requestFrame2007({ kind: 'change-baud-rate', address: '1', baud: 115200 })).toThrow(
      /baud rate/,
    );
    expect(() => requestFrame1997({ kind: 'change-baud-rate', address: '1', baud: 19200 })).toThrow(
      /baud rate/,
    );
  });
  it('a write too long for one frame', () => {
    const write = {
      kind: 'write-data' as const,
      address: '1',
      di: 0x04000401,
      passwordLevel: 2,
      password: '000000',
      operatorCode: '00000000',
      value: new Uint8Array(39),
    };
    expect(() => encodeFrame(requestFrame2007(write))).toThrow(/at most 50/);
  });
});

describe('parsers name what is wrong', () => {
  const frame = (
    functionCode: number,
    data: number[],
    direction: 'request' | 'response' = 'response',
    abnormal = false,
  ): Frame => ({
    address: '000000000001',
    control: { direction, abnormal, followUp: false, functionCode },
    data: Uint8Array.from(data),
  });
  const codeOf = (action: () => unknown) => {
    try {
      action();
      return undefined;
    } catch (error) {
      return (error as ProtocolError).code;
    }
  };
  it('an undefined function code', () => {
    expect(codeOf(() => parseResponse2007(frame(0x1f, [])))).toBe('bad-function');
    expect(codeOf(() => parseRequest1997(frame(0x05, [], 'request')))).toBe('bad-function');
  });
  it('a data field of the wrong size', () => {
    expect(codeOf(() => parseResponse2007(frame(0x11, [1, 2])))).toBe('bad-data');
    expect(codeOf(() => parseResponse2007(frame(0x13, [1, 2, 3])))).toBe('bad-data');
    expect(codeOf(() => parseRequest2007(frame(0x1c, [1, 2, 3], 'request')))).toBe('bad-data');
  });
  it('the wrong direction', () => {
    expect(codeOf(() => parseRequest2007(frame(0x11, [0, 0, 0, 0])))).toBe('bad-function');
    expect(codeOf(() => parseResponse2007(frame(0x11, [0, 0, 0, 0], 'request')))).toBe('bad-function');
  });
  it('a two-byte error word keeps its first byte as ERR', () => {
    const parsed = parseResponse2007(frame(0x1c, [0x04, 0x00], 'response', true));
    expect(parsed).toMatchObject({
      kind: 'abnormal',
      function: 'remote-control',
      errorWord: 4,
      reasons: ['unauthorized'],
    });
  });
});
