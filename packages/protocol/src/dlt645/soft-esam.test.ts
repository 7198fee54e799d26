import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../hex.ts';
import {
  authCiphertext,
  type BlockCipher,
  diversifierOf,
  mac4,
  meterKey,
  sessionKey,
  topUpMacs,
} from './soft-esam.ts';

const sm4: BlockCipher = (key, block) => {
  const cipher = createCipheriv('sm4-ecb', key, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(block), cipher.final()]));
};
const master = fromHex('00112233445566778899AABBCCDDEEFF');

describe('the soft ESAM scheme', () => {
  it('runs on SM4 as GB/T 32907 Appendix A specifies it', () => {
    const key = fromHex('0123456789ABCDEFFEDCBA9876543210');
    expect(toHex(sm4(key, key))).toBe('681EDF34D206965E86B3E94F536E4246');
  });

  it('gives every meter its own key', () => {
    const a = meterKey(sm4, master, diversifierOf('202305150001'));
    const b = meterKey(sm4, master, diversifierOf('202305150002'));
    expect(a).toHaveLength(16);
    expect(toHex(a)).not.toBe(toHex(b));
    expect(() => diversifierOf('12345')).toThrow(/12-digit/);
  });

  it('authenticates with ciphertexts only the key holder can make', () => {
    const key = meterKey(sm4, master, diversifierOf('202305150001'));
    const other = meterKey(sm4, master, diversifierOf('202305150002'));
    const random1 = '1122334455667788';
    expect(authCiphertext(sm4, key, random1)).toMatch(/^[0-9A-F]{16}$/);
    expect(authCiphertext(sm4, key, random1)).not.toBe(authCiphertext(sm4, other, random1));
  });

  it('binds the MACs to the command, amount, count, customer and session', () => {
    const key = meterKey(sm4, master, diversifierOf('202305150001'));
    const session = sessionKey(sm4, key, '1122334455667788', 'AABBCCDD');
    const base = {
      command: 'recharge' as const,
      amountFen: 10_000,
      purchaseCount: 2,
      customerNumber: '000000001234',
    };
    const macs = topUpMacs(sm4, session, base);
    expect(macs.mac1).toMatch(/^[0-9A-F]{8}$/);
    expect(topUpMacs(sm4, session, { ...base, command: 'open-account' }).mac1).not.toBe(macs.mac1);
    expect(topUpMacs(sm4, session, { ...base, amountFen: 10_001 }).mac1).not.toBe(macs.mac1);
    expect(topUpMacs(sm4, session, { ...base, purchaseCount: 3 }).mac1).not.toBe(macs.mac1);
    expect(topUpMacs(sm4, session, { ...base, customerNumber: '000000001235' }).mac2).not.toBe(macs.mac2);
    const otherSession = sessionKey(sm4, key, '1122334455667788', 'AABBCCDE');
    expect(topUpMacs(sm4, otherSession, base)).not.toEqual(macs);
  });

  it('pads every message length to whole blocks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (data) => {
        expect(mac4(sm4, master, data)).toMatch(/^[0-9A-F]{8}$/);
      }),
      { numRuns: 50 },
    );
    // 80H padding tells a message from the same message with a trailing zero.
    expect(mac4(sm4, master, Uint8Array.of(1))).not.toBe(mac4(sm4, master, Uint8Array.of(1, 0)));
  });
});
