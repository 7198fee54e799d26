// Binary-coded decimal as DL/T 645 uses it: two digits a byte, multi-byte values sent low byte first
// (DL/T 645-2007 §5.2 "数据域", transmission order), signed values in sign-magnitude form with the sign in
// the top bit of the most significant byte, and all-FF meaning "no such value" (a phase a single-phase meter
// does not have). Functions take (bytes, offset, length) so that hot paths allocate nothing.
import { ProtocolError } from './errors.ts';
import { byteHex } from './hex.ts';

const SIGN_BIT = 0x80;

/** True when every byte of the field is FFH: the meter has no value for this item. */
export function isNotAvailable(bytes: Uint8Array, offset: number, length: number): boolean {
  for (let i = offset; i < offset + length; i++) {
    if (bytes[i] !== 0xff) return false;
  }
  return length > 0;
}

function digitPair(byte: number, at: number): number {
  const high = byte >> 4;
  const low = byte & 0x0f;
  if (high > 9 || low > 9) {
    throw new ProtocolError('bad-bcd', `byte ${byteHex(byte)} at offset ${at} is not BCD`);
  }
  return high * 10 + low;
}

/** The unsigned integer the BCD digits spell (low byte first). */
export function decodeBcd(bytes: Uint8Array, offset: number, length: number): number {
  let value = 0;
  for (let i = offset + length - 1; i >= offset; i--) {
    value = value * 100 + digitPair(bytes[i] as number, i);
  }
  return value;
}

/** Sign-magnitude BCD: the top bit of the most significant byte is the sign, the rest is the magnitude. */
export function decodeSignedBcd(bytes: Uint8Array, offset: number, length: number): number {
  const top = offset + length - 1;
  const topByte = bytes[top] as number;
  let value = digitPair(topByte & ~SIGN_BIT, top);
  for (let i = top - 1; i >= offset; i--) {
    value = value * 100 + digitPair(bytes[i] as number, i);
  }
  return (topByte & SIGN_BIT) !== 0 && value !== 0 ? -value : value;
}

/** The largest magnitude a field can hold: all digits 9, less the sign bit's nibble for signed fields. */
export function maxBcdMagnitude(length: number, signed: boolean): number {
  // A signed field keeps 7 bits in its top byte, so its top digit stays below 8.
  return signed ? 8 * 10 ** (length * 2 - 1) - 1 : 10 ** (length * 2) - 1;
}

/** Writes an integer as BCD (low byte first) into `target`; signed fields get sign-magnitude form. */
export function writeBcd(
  target: Uint8Array,
  offset: number,
  length: number,
  value: number,
  signed: boolean,
): void {
  if (!Number.isSafeInteger(value)) {
    throw new ProtocolError('bad-value', `${value} is not an integer`);
  }
  if (value < 0 && !signed) {
    throw new ProtocolError('bad-value', `${value} is negative but the field is unsigned`);
  }
  let magnitude = Math.abs(value);
  if (magnitude > maxBcdMagnitude(length, signed)) {
    throw new ProtocolError('bad-value', `${value} does not fit in ${length} BCD byte(s)`);
  }
  for (let i = offset; i < offset + length; i++) {
    const pair = magnitude % 100;
    magnitude = (magnitude - pair) / 100;
    target[i] = ((pair / 10) << 4) | (pair % 10);
  }
  if (value < 0) target[offset + length - 1] = (target[offset + length - 1] as number) | SIGN_BIT;
}

/** BCD digits as text, most significant first (how addresses and meter numbers are written). */
export function decodeBcdDigits(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = offset + length - 1; i >= offset; i--) {
    const byte = bytes[i] as number;
    digitPair(byte, i);
    text += byteHex(byte);
  }
  return text;
}

/** Writes a digit string (most significant first, even length) as BCD, low byte first. */
export function writeBcdDigits(target: Uint8Array, offset: number, length: number, digits: string): void {
  if (digits.length !== length * 2 || !/^[0-9]*$/.test(digits)) {
    throw new ProtocolError(
      'bad-value',
      `expected ${length * 2} decimal digits, got ${JSON.stringify(digits)}`,
    );
  }
  for (let i = 0; i < length; i++) {
    const at = digits.length - 2 - i * 2;
    target[offset + i] = Number.parseInt(digits.slice(at, at + 2), 16);
  }
}

/** One byte of BCD to its value 0-99. */
export function fromBcdByte(byte: number): number {
  return digitPair(byte, 0);
}

/** A value 0-99 to one BCD byte. */
export function toBcdByte(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 99) {
    throw new ProtocolError('bad-value', `${value} is not a two-digit number`);
  }
  return ((value / 10) << 4) | (value % 10);
}
