// The master station's security module (加密机): it makes the identity-authentication ciphertext for a meter
// and the MACs of a top-up under the session both sides derive. A site with a hardware encryptor implements
// `SecurityModule` over its driver; `SoftSecurityModule` computes the protocol library's soft-ESAM scheme
// with a key given in configuration (OPENAMI_ESAM_KEY), which is what the simulated meters hold.
import { createCipheriv, randomBytes } from 'node:crypto';
import {
  authCiphertext,
  type BlockCipher,
  diversifierOf,
  fromHex,
  meterKey,
  sessionKey,
  type TopUpOrder,
  toHex,
  topUpMacs,
} from '@openami/protocol';

export interface AuthenticationRequest {
  readonly ciphertext: string;
  readonly random: string;
  readonly diversifier: string;
}

export interface SecurityModule {
  /** Random 1, its ciphertext under the meter's key, and the diversification factor. */
  authenticate(address: string): Promise<AuthenticationRequest>;
  /** The top-up's MACs under the session opened by `request` and the meter's random 2. */
  topUpMacs(
    address: string,
    request: AuthenticationRequest,
    meterRandom: string,
    order: TopUpOrder,
  ): Promise<{ readonly mac1: string; readonly mac2: string }>;
}

const sm4: BlockCipher = (key, block) => {
  const cipher = createCipheriv('sm4-ecb', key, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(block), cipher.final()]));
};

export class SoftSecurityModule implements SecurityModule {
  private readonly masterKey: Uint8Array;

  constructor(masterKeyHex: string) {
    if (!/^[0-9A-Fa-f]{32}$/.test(masterKeyHex)) throw new Error('the ESAM master key must be 32 hex digits');
    this.masterKey = fromHex(masterKeyHex);
  }

  async authenticate(address: string): Promise<AuthenticationRequest> {
    const diversifier = diversifierOf(address);
    const random = toHex(randomBytes(8));
    const key = meterKey(sm4, this.masterKey, diversifier);
    return { ciphertext: authCiphertext(sm4, key, random), random, diversifier };
  }

  async topUpMacs(
    address: string,
    request: AuthenticationRequest,
    meterRandom: string,
    order: TopUpOrder,
  ): Promise<{ mac1: string; mac2: string }> {
    const key = meterKey(sm4, this.masterKey, diversifierOf(address));
    return topUpMacs(sm4, sessionKey(sm4, key, request.random, meterRandom), order);
  }
}
