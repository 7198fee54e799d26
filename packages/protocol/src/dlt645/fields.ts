// Fields that several functions share: identifiers, passwords, operator codes, the baud-rate word.
import { reversedBytes } from '../bytes.ts';
import { ProtocolError } from '../errors.ts';
import { fromHex, toHex } from '../hex.ts';

/** Writes a 2007 identifier DI0 first (§6: identifiers are sent low byte first). */
export function writeDi4(target: Uint8Array, offset: number, di: number): void {
  if (!Number.isInteger(di) || di < 0 || di > 0xffffffff) {
    throw new ProtocolError('bad-value', `${di} is not a four-byte data identifier`);
  }
  target[offset] = di & 0xff;
  target[offset + 1] = (di >>> 8) & 0xff;
  target[offset + 2] = (di >>> 16) & 0xff;
  target[offset + 3] = di >>> 24;
}

export function readDi4(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset + 3] as number) * 0x1000000 +
      (((bytes[offset + 2] as number) << 16) |
        ((bytes[offset + 1] as number) << 8) |
        (bytes[offset] as number))) >>>
    0
  );
}

/** Writes a 1997 identifier DI0 first. */
export function writeDi2(target: Uint8Array, offset: number, di: number): void {
  if (!Number.isInteger(di) || di < 0 || di > 0xffff) {
    throw new ProtocolError('bad-value', `${di} is not a two-byte data identifier`);
  }
  target[offset] = di & 0xff;
  target[offset + 1] = di >>> 8;
}

export function readDi2(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8);
}

/** Parses an identifier as written in the tables (`02010100`, `9010`), for the given number of bytes. */
export function parseDi(text: string, byteCount: 2 | 4): number {
  const digits = text.trim().replace(/^0x/i, '');
  if (!new RegExp(`^[0-9A-Fa-f]{${byteCount * 2}}$`).test(digits)) {
    throw new ProtocolError(
      'bad-value',
      `a data identifier here is ${byteCount * 2} hex digits, got ${JSON.stringify(text)}`,
    );
  }
  return Number.parseInt(digits, 16);
}

/**
 * Multi-byte codes written most significant first (password 123456, operator code 12345678) and sent
 * low byte first.
 */
export function writeCode(
  target: Uint8Array,
  offset: number,
  code: string,
  byteCount: number,
  what: string,
): void {
  if (!new RegExp(`^[0-9A-Fa-f]{${byteCount * 2}}$`).test(code)) {
    throw new ProtocolError(
      'bad-value',
      `${what} must be ${byteCount * 2} hex digits, got ${JSON.stringify(code)}`,
    );
  }
  target.set(reversedBytes(fromHex(code)), offset);
}

export function readCode(bytes: Uint8Array, offset: number, byteCount: number): string {
  return toHex(reversedBytes(bytes, offset, byteCount));
}

export function checkPasswordLevel(level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > 0xff) {
    throw new ProtocolError('bad-value', `password level must be a byte, got ${level}`);
  }
}

/** 通信速率特征字 Z (2007 §7.8; 1997 likewise up to 9600): one bit per rate. */
const BAUD_BITS: ReadonlyMap<number, number> = new Map([
  [600, 1],
  [1200, 2],
  [2400, 3],
  [4800, 4],
  [9600, 5],
  [19200, 6],
]);

export const SUPPORTED_BAUD_RATES: readonly number[] = [...BAUD_BITS.keys()];

export function baudWord(baud: number, maxBaud: number): number {
  const bit = BAUD_BITS.get(baud);
  if (bit === undefined || baud > maxBaud) {
    throw new ProtocolError(
      'bad-value',
      `baud rate ${baud} is not one of ${SUPPORTED_BAUD_RATES.filter((b) => b <= maxBaud).join(', ')}`,
    );
  }
  return 1 << bit;
}

export function baudFromWord(word: number): number {
  for (const [baud, bit] of BAUD_BITS) {
    if (word === 1 << bit) return baud;
  }
  throw new ProtocolError(
    'bad-data',
    `baud-rate word ${word.toString(16).toUpperCase()}H names no single rate`,
  );
}

/** PA P0 P1 P2: a password level and a six-digit password (2007 §7.9; the 1997 password field). */
export function passwordField(level: number, code: string): Uint8Array {
  const bytes = new Uint8Array(4);
  checkPasswordLevel(level);
  bytes[0] = level;
  writeCode(bytes, 1, code, 3, 'password');
  return bytes;
}

export function readPasswordField(
  data: Uint8Array,
  offset: number,
): { passwordLevel: number; password: string } {
  return { passwordLevel: data[offset] as number, password: readCode(data, offset + 1, 3) };
}

/** A data identifier as the bytes of a frame's data field. */
export function diField(di: number, byteCount: 2 | 4): Uint8Array {
  const bytes = new Uint8Array(byteCount);
  if (byteCount === 4) writeDi4(bytes, 0, di);
  else writeDi2(bytes, 0, di);
  return bytes;
}

export function singleByte(value: number, what: string): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new ProtocolError('bad-value', `${what} must be one byte, got ${value}`);
  }
  return Uint8Array.of(value);
}

export function expectDataLength(data: Uint8Array, length: number, kind: string): void {
  if (data.length !== length) throw dataLengthError(kind, data.length, String(length));
}

export function dataLengthError(kind: string, actual: number, expected: string): ProtocolError {
  return new ProtocolError('bad-data', `${kind}: data is ${actual} byte(s), expected ${expected}`);
}

export function unknownFunctionError(edition: string, code: number): ProtocolError {
  return new ProtocolError(
    'bad-function',
    `function code ${code.toString(16).toUpperCase().padStart(2, '0')}H is not defined by DL/T 645-${edition}`,
  );
}
