// The meter's ESAM (嵌入式安全控制模块), in software: it checks the master's identity authentication, opens
// a session for a limited time (身份认证时效), and checks the MACs of 开户 and 充值 under the session key.
// The key scheme is the protocol library's soft ESAM (SM4 with a diversified test key).
import { createCipheriv } from 'node:crypto';
import {
  authCiphertext,
  type BlockCipher,
  diversifierOf,
  fromHex,
  meterKey,
  type SecurityErrorReason,
  sessionKey,
  type TopUpOrder,
  topUpMacs,
} from '@openami/protocol';
import { hashUnit } from '../random.ts';

export const sm4: BlockCipher = (key, block) => {
  const cipher = createCipheriv('sm4-ecb', key, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(block), cipher.final()]));
};

/** 身份认证有效时长 the simulated meters use, in meter-clock ms. */
export const SESSION_MS = 5 * 60_000;

interface Session {
  readonly key: Uint8Array;
  readonly expiresMs: number;
}

export class SimEsam {
  readonly serial: string;
  private readonly masterKey: Uint8Array;
  private readonly seed: number;
  private session: Session | undefined;
  private challenges = 0;

  constructor(masterKeyHex: string, seed: number) {
    this.masterKey = fromHex(masterKeyHex);
    this.seed = seed;
    this.serial = hex(seed, 8, 0);
  }

  /** 身份认证: the ciphertext must be random 1 under this meter's key; answers random 2. */
  authenticate(
    address: string,
    request: { ciphertext: string; random: string; diversifier: string },
    nowMs: number,
  ): { random: string; esamSerial: string } | SecurityErrorReason {
    this.session = undefined;
    if (request.diversifier !== diversifierOf(address)) return 'authentication';
    const key = meterKey(sm4, this.masterKey, request.diversifier);
    if (authCiphertext(sm4, key, request.random) !== request.ciphertext.toUpperCase())
      return 'authentication';
    this.challenges++;
    const random = hex(this.seed, 4, this.challenges);
    this.session = { key: sessionKey(sm4, key, request.random, random), expiresMs: nowMs + SESSION_MS };
    return { random, esamSerial: this.serial };
  }

  /** Checks a top-up's MACs; undefined when they are right. */
  verify(
    order: TopUpOrder,
    macs: { mac1: string; mac2: string },
    nowMs: number,
  ): SecurityErrorReason | undefined {
    const session = this.session;
    if (session === undefined || nowMs > session.expiresMs) return 'authentication';
    const expected = topUpMacs(sm4, session.key, order);
    if (expected.mac1 !== macs.mac1.toUpperCase() || expected.mac2 !== macs.mac2.toUpperCase())
      return 'esam-verification';
    return undefined;
  }
}

/** Deterministic hex digits for the meter's serial number and its random numbers. */
function hex(seed: number, bytes: number, salt: number): string {
  let text = '';
  for (let i = 0; i < bytes; i++)
    text += Math.floor(hashUnit(seed, 0xe5a0 + salt, i) * 256)
      .toString(16)
      .toUpperCase()
      .padStart(2, '0');
  return text;
}
