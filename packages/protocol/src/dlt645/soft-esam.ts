// The "soft ESAM" key scheme: what OpenAMI's software security module (master side) and the simulator's
// meters (ESAM side) both compute for the 03H commands. A real meter's ESAM and a real master-station
// encryptor (加密机) hold keys that never leave them and use the State Grid's algorithms; this scheme stands
// in for them with SM4 (GB/T 32907) and test keys, and keeps the same shape: a per-meter key diversified
// from a master key, identity authentication by random numbers, a session key, and MACs over the top-up.
// The block cipher is injected, so this file stays free of I/O and platform modules.
import { ProtocolError } from '../errors.ts';
import { fromHex, toHex } from '../hex.ts';
import type { SecurityCommandName } from './messages-2007.ts';
import { SECURITY_DI } from './security-2007.ts';

/** One 16-byte block enciphered under a 16-byte key (SM4-ECB). */
export type BlockCipher = (key: Uint8Array, block: Uint8Array) => Uint8Array;

const BLOCK = 16;

/** 分散因子 of a meter: its 12-digit address, zero-padded to eight bytes. */
export function diversifierOf(address: string): string {
  if (!/^\d{12}$/.test(address))
    throw new ProtocolError('bad-value', `a diversifier needs a 12-digit address, got ${address}`);
  return `0000${address}`;
}

/** The meter's key: the master key enciphers the factor and its complement (the usual diversification). */
export function meterKey(cipher: BlockCipher, masterKey: Uint8Array, diversifier: string): Uint8Array {
  checkKey(masterKey);
  const factor = fromHex(diversifier);
  if (factor.length !== 8) throw new ProtocolError('bad-value', 'a diversifier is 8 bytes');
  const block = new Uint8Array(BLOCK);
  block.set(factor, 0);
  for (let i = 0; i < 8; i++) block[8 + i] = ~(factor[i] as number) & 0xff;
  return cipher(masterKey, block);
}

/** 密文1: the first eight bytes of random 1 (padded with zeros) enciphered under the meter's key. */
export function authCiphertext(cipher: BlockCipher, key: Uint8Array, random1: string): string {
  const block = new Uint8Array(BLOCK);
  block.set(fromHex(random1), 0);
  return toHex(cipher(key, block).subarray(0, 8));
}

/** The session key both sides derive once authentication succeeded: E(K, random 1 ‖ random 2 ‖ 0000). */
export function sessionKey(
  cipher: BlockCipher,
  key: Uint8Array,
  random1: string,
  random2: string,
): Uint8Array {
  const block = new Uint8Array(BLOCK);
  block.set(fromHex(random1), 0);
  block.set(fromHex(random2), 8);
  return cipher(key, block);
}

/** A four-byte CBC-MAC with ISO/IEC 9797-1 padding method 2 (80 00 …). */
export function mac4(cipher: BlockCipher, key: Uint8Array, data: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil((data.length + 1) / BLOCK) * BLOCK);
  padded.set(data, 0);
  padded[data.length] = 0x80;
  let chain: Uint8Array = new Uint8Array(BLOCK);
  for (let at = 0; at < padded.length; at += BLOCK) {
    const block = new Uint8Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) block[i] = (chain[i] as number) ^ (padded[at + i] as number);
    chain = cipher(key, block);
  }
  return toHex(chain.subarray(0, 4));
}

export interface TopUpOrder {
  readonly command: Extract<SecurityCommandName, 'open-account' | 'recharge'>;
  readonly amountFen: number;
  readonly purchaseCount: number;
  readonly customerNumber: string;
}

/**
 * MAC1 covers the command's identifier, the amount and the count (so an open-account MAC cannot be replayed
 * as a recharge); MAC2 the customer number. Numbers are taken big-endian, as ESAM commands take them.
 */
export function topUpMacs(
  cipher: BlockCipher,
  session: Uint8Array,
  order: TopUpOrder,
): { readonly mac1: string; readonly mac2: string } {
  const head = new Uint8Array(12);
  const view = new DataView(head.buffer);
  view.setUint32(0, SECURITY_DI[order.command]);
  view.setUint32(4, order.amountFen);
  view.setUint32(8, order.purchaseCount);
  return {
    mac1: mac4(cipher, session, head),
    mac2: mac4(cipher, session, fromHex(order.customerNumber)),
  };
}

function checkKey(key: Uint8Array): void {
  if (key.length !== BLOCK) throw new ProtocolError('bad-value', 'an SM4 key is 16 bytes');
}
