import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyAddress, bytes } from '../../test/arbitraries.ts';
import { ProtocolError } from '../errors.ts';
import { fromHex, toHex } from '../hex.ts';
import { decodeFrame, encodeFrame, type Frame } from './frame.ts';

const READ_VOLTAGE_A = 'FE FE FE FE 68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 16';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof ProtocolError) return error.code;
    throw error;
  }
  return undefined;
}

const frames = fc.record({
  address: anyAddress,
  control: fc.record({
    direction: fc.constantFrom('request' as const, 'response' as const),
    abnormal: fc.boolean(),
    followUp: fc.boolean(),
    functionCode: fc.integer({ min: 0, max: 31 }),
  }),
  data: bytes(50),
});

describe('frames (§5.2)', () => {
  it('skip any number of wake-up bytes, which are outside the checksum', () => {
    const frame = decodeFrame(fromHex(READ_VOLTAGE_A));
    expect(frame.preamble).toBe(4);
    for (const count of [0, 1, 7, 30]) {
      const withWakeUp = fromHex(`${'FE '.repeat(count)}68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 16`);
      expect(decodeFrame(withWakeUp).preamble).toBe(count);
    }
  });

  it('apply +33H to every data byte, wrapping modulo 256', () => {
    const frame: Frame = {
      address: '000000000001',
      control: { direction: 'response', abnormal: false, followUp: false, functionCode: 0x11 },
      data: Uint8Array.of(0x00, 0xcd, 0xff),
    };
    const encoded = encodeFrame(frame, { wakeUp: 0 });
    expect(toHex(encoded.subarray(10, 13))).toBe('3300' + '32');
    expect(toHex(decodeFrame(encoded).data)).toBe('00CDFF');
  });

  it('name what is wrong with a damaged frame', () => {
    expect(codeOf(() => decodeFrame(fromHex('68 43 10 00 11 34 00 68 11 04 33 34 34 35 4E 16')))).toBe(
      'bad-checksum',
    );
    expect(codeOf(() => decodeFrame(fromHex('68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 17')))).toBe(
      'bad-end',
    );
    expect(codeOf(() => decodeFrame(fromHex('68 43 10 00 11 34 00 68 11 04 33 34 34')))).toBe('truncated');
    expect(codeOf(() => decodeFrame(fromHex('68 43 10 00 11 34 00 69 11 04 33 34 34 35 4D 16')))).toBe(
      'bad-start',
    );
    expect(codeOf(() => decodeFrame(fromHex('00 68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 16')))).toBe(
      'bad-start',
    );
    expect(codeOf(() => decodeFrame(fromHex(`${READ_VOLTAGE_A} 00`)))).toBe('bad-length');
    expect(codeOf(() => decodeFrame(fromHex('FE FE')))).toBe('truncated');
    expect(codeOf(() => decodeFrame(new Uint8Array(0)))).toBe('truncated');
  });

  it('refuse to send more data than the edition allows (§5.2.4: read ≤ 200, write ≤ 50)', () => {
    const request: Frame = {
      address: '000000000001',
      control: { direction: 'request', abnormal: false, followUp: false, functionCode: 0x14 },
      data: new Uint8Array(51),
    };
    expect(codeOf(() => encodeFrame(request))).toBe('bad-length');
    expect(() => encodeFrame({ ...request, data: new Uint8Array(50) })).not.toThrow();
    const response: Frame = {
      ...request,
      control: { ...request.control, direction: 'response' },
      data: new Uint8Array(201),
    };
    expect(codeOf(() => encodeFrame(response))).toBe('bad-length');
    expect(() => encodeFrame({ ...response, data: new Uint8Array(200) })).not.toThrow();
  });

  it('decode what they encode', () => {
    fc.assert(
      fc.property(frames, fc.integer({ min: 0, max: 4 }), (frame, wakeUp) => {
        const decoded = decodeFrame(encodeFrame(frame, { wakeUp }));
        expect(decoded.address).toBe(frame.address);
        expect(decoded.control).toEqual(frame.control);
        expect(decoded.data).toEqual(frame.data);
        expect(decoded.preamble).toBe(wakeUp);
      }),
    );
  });
});
