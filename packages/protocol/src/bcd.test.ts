import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBcd,
  decodeBcdDigits,
  decodeSignedBcd,
  isNotAvailable,
  maxBcdMagnitude,
  writeBcd,
} from './bcd.ts';
import { ProtocolError } from './errors.ts';

describe('BCD', () => {
  it('reads digits low byte first', () => {
    // 1234.56 kWh as XXXXXX.XX: 00 12 34 56 sent as 56 34 12 00.
    expect(decodeBcd(Uint8Array.of(0x56, 0x34, 0x12, 0x00), 0, 4)).toBe(123456);
    expect(decodeBcdDigits(Uint8Array.of(0x43, 0x10, 0x00, 0x11, 0x34, 0x00), 0, 6)).toBe('003411001043');
  });

  it('reads signed values as sign-magnitude, not two’s complement', () => {
    // Current XXX.XXX = −1.234 A: magnitude 001234, sign bit in the top byte (sent last).
    expect(decodeSignedBcd(Uint8Array.of(0x34, 0x12, 0x80), 0, 3)).toBe(-1234);
    expect(decodeSignedBcd(Uint8Array.of(0x34, 0x12, 0x00), 0, 3)).toBe(1234);
    // Top byte 0x81: sign plus a magnitude digit of 1.
    expect(decodeSignedBcd(Uint8Array.of(0x34, 0x12, 0x81), 0, 3)).toBe(-11234);
    // A negative zero is zero.
    expect(Object.is(decodeSignedBcd(Uint8Array.of(0x00, 0x80), 0, 2), 0)).toBe(true);
  });

  it('recognises all-FF as "not available"', () => {
    expect(isNotAvailable(Uint8Array.of(0xff, 0xff), 0, 2)).toBe(true);
    expect(isNotAvailable(Uint8Array.of(0xff, 0x7f), 0, 2)).toBe(false);
    expect(isNotAvailable(Uint8Array.of(), 0, 0)).toBe(false);
  });

  it('refuses nibbles above 9 with a typed error', () => {
    expect(() => decodeBcd(Uint8Array.of(0x1a), 0, 1)).toThrow(ProtocolError);
    try {
      decodeBcd(Uint8Array.of(0x12, 0xf3), 0, 2);
    } catch (error) {
      expect((error as ProtocolError).code).toBe('bad-bcd');
    }
  });

  it('refuses values that do not fit', () => {
    expect(() => writeBcd(new Uint8Array(2), 0, 2, 10_000, false)).toThrow(/does not fit/);
    expect(() => writeBcd(new Uint8Array(2), 0, 2, 8000, true)).toThrow(/does not fit/);
    expect(() => writeBcd(new Uint8Array(2), 0, 2, -1, false)).toThrow(/negative/);
    expect(() => writeBcd(new Uint8Array(2), 0, 2, 1.5, false)).toThrow(/integer/);
  });

  it('round-trips every integer that fits, signed and unsigned', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (length, signed, fraction) => {
          const max = maxBcdMagnitude(length, signed);
          const value = Math.round((signed ? 2 * fraction - 1 : fraction) * max);
          const bytes = new Uint8Array(length);
          writeBcd(bytes, 0, length, value, signed);
          const back = signed ? decodeSignedBcd(bytes, 0, length) : decodeBcd(bytes, 0, length);
          expect(back).toBe(value === 0 ? 0 : value);
        },
      ),
    );
  });
});
