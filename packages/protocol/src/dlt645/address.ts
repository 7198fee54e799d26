// 地址域 A0…A5 (§5.2.2): six bytes, two BCD digits each, low byte first; written most significant digit
// first as a 12-character string. A shorter address is padded with 0 in its high digits. AAH bytes (or A
// nibbles) are wildcards (缩位寻址): the meter whose address matches the remaining digits answers with its
// full address. 999999999999 is the broadcast address.
import { ProtocolError } from '../errors.ts';
import { byteHex } from '../hex.ts';
import { BROADCAST_ADDRESS } from './constants.ts';

export const ADDRESS_LENGTH = 6;
const WILDCARD_NIBBLE = 0xa;
const ADDRESS_PATTERN = /^[0-9A]{1,12}$/;

/** A 12-character address (digits, `A` for wildcard nibbles) from user input: trims, upper-cases, pads. */
export function normalizeAddress(input: string): string {
  const text = input.trim().toUpperCase();
  if (!ADDRESS_PATTERN.test(text)) {
    throw new ProtocolError(
      'bad-address',
      `meter address must be 1 to 12 digits (A for a wildcard digit), got ${JSON.stringify(input)}`,
    );
  }
  return text.padStart(12, '0');
}

/** Writes the address into six bytes at `offset`, low byte first. */
export function writeAddress(target: Uint8Array, offset: number, address: string): void {
  const text = normalizeAddress(address);
  for (let i = 0; i < ADDRESS_LENGTH; i++) {
    const at = 10 - i * 2;
    target[offset + i] = (nibble(text.charCodeAt(at)) << 4) | nibble(text.charCodeAt(at + 1));
  }
}

function nibble(charCode: number): number {
  // '0'..'9' are 48..57; 'A' is the wildcard nibble AH.
  return charCode === 65 ? WILDCARD_NIBBLE : charCode - 48;
}

/**
 * Reads six address bytes, most significant digit first. Digits and wildcard nibbles read as such; any other
 * nibble (a misprogrammed meter) reads as its hex digit, so the frame is still reported rather than dropped.
 */
export function readAddress(bytes: Uint8Array, offset: number): string {
  let text = '';
  for (let i = offset + ADDRESS_LENGTH - 1; i >= offset; i--) {
    text += byteHex(bytes[i] as number);
  }
  return text;
}

export function isBroadcastAddress(address: string): boolean {
  return address === BROADCAST_ADDRESS;
}

/** True when the address has any wildcard nibble. */
export function isWildcardAddress(address: string): boolean {
  return address.includes('A');
}

/** True when every digit of `address` is a decimal digit: a meter's own, complete address. */
export function isConcreteAddress(address: string): boolean {
  return /^[0-9]{12}$/.test(address);
}

/**
 * Whether a meter with address `meterAddress` is addressed by a frame sent to `frameAddress`: equal, or
 * equal in every digit that is not a wildcard. Broadcast addresses match every meter.
 */
export function addressMatches(frameAddress: string, meterAddress: string): boolean {
  if (frameAddress === meterAddress || isBroadcastAddress(frameAddress)) return true;
  if (frameAddress.length !== 12 || meterAddress.length !== 12) return false;
  for (let i = 0; i < 12; i++) {
    const wanted = frameAddress[i];
    if (wanted !== 'A' && wanted !== meterAddress[i]) return false;
  }
  return true;
}
