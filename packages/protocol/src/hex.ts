import { ProtocolError } from './errors.ts';

const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).toUpperCase().padStart(2, '0'),
);

/** Uppercase hex of one byte, `0x0a` → `0A`. */
export function byteHex(byte: number): string {
  return BYTE_TO_HEX[byte & 0xff] as string;
}

/** Bytes as uppercase hex, in the given order, optionally separated. */
export function toHex(bytes: Uint8Array, separator = ''): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) text += separator;
    text += BYTE_TO_HEX[bytes[i] as number];
  }
  return text;
}

/** Parses hex with any spaces, colons, dashes or `0x` prefixes between bytes, e.g. `FE FE 68 …`. */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/0x/gi, '').replace(/[\s:,-]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits) || digits.length % 2 !== 0) {
    throw new ProtocolError('bad-value', `not a sequence of hex bytes: ${JSON.stringify(text.slice(0, 40))}`);
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}
