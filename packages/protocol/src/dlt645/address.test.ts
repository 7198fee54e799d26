import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import {
  addressMatches,
  isBroadcastAddress,
  normalizeAddress,
  readAddress,
  writeAddress,
} from './address.ts';

describe('meter addresses (§5.2.2)', () => {
  it('are six BCD bytes, low byte first', () => {
    const bytes = new Uint8Array(6);
    writeAddress(bytes, 0, '003411001043');
    expect([...bytes]).toEqual([0x43, 0x10, 0x00, 0x11, 0x34, 0x00]);
    expect(readAddress(bytes, 0)).toBe('003411001043');
  });

  it('pad short addresses with 0 in the high digits and accept lower case wildcards', () => {
    expect(normalizeAddress('1043')).toBe('000000001043');
    expect(normalizeAddress(' aaaaaa001043 ')).toBe('AAAAAA001043');
  });

  it('refuse anything but digits and A', () => {
    expect(() => normalizeAddress('12345678901B')).toThrow(ProtocolError);
    expect(() => normalizeAddress('1234567890123')).toThrow(/1 to 12 digits/);
    expect(() => normalizeAddress('')).toThrow(ProtocolError);
  });

  it('match wildcard nibbles and broadcast', () => {
    expect(addressMatches('AAAAAAAAAAAA', '003411001043')).toBe(true);
    expect(addressMatches('AAAAAA001043', '003411001043')).toBe(true);
    expect(addressMatches('AAAAAA001044', '003411001043')).toBe(false);
    expect(addressMatches('999999999999', '003411001043')).toBe(true);
    expect(addressMatches('003411001043', '003411001043')).toBe(true);
    expect(addressMatches('003411001042', '003411001043')).toBe(false);
    expect(isBroadcastAddress('999999999999')).toBe(true);
  });

  it('read a wildcard byte as AA', () => {
    const bytes = new Uint8Array(6);
    writeAddress(bytes, 0, 'AAAAAAAAAAAA');
    expect([...bytes]).toEqual([0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa]);
    expect(readAddress(bytes, 0)).toBe('AAAAAAAAAAAA');
  });
});
