import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode, totpStepMs } from './totp.ts';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII of "12345678901234567890"; the table's 8-digit codes,
// whose last six digits are the 6-digit codes.
const rfcSeed = new TextEncoder().encode('12345678901234567890');
const rfcVectors: readonly [seconds: number, code8: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it('matches RFC 6238 Appendix B (SHA-1)', () => {
    for (const [seconds, code8] of rfcVectors) {
      expect(hotp(rfcSeed, Math.floor(seconds / 30), 8)).toBe(code8);
      expect(totpCode(base32Encode(rfcSeed), seconds * 1000)).toBe(code8.slice(2));
    }
  });

  it('matches RFC 4226 Appendix D (HOTP, counters 0 and 9)', () => {
    expect(hotp(rfcSeed, 0)).toBe('755224');
    expect(hotp(rfcSeed, 9)).toBe('520489');
  });

  it('base32 round-trips and reads RFC 4648 §10', () => {
    expect(base32Encode(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
    expect(new TextDecoder().decode(base32Decode('MZXW6YTBOI======'))).toBe('foobar');
    expect(base32Encode(rfcSeed)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('takes a code one step either side and no further', () => {
    const secret = base32Encode(rfcSeed);
    const now = 1111111111 * 1000;
    const step = Math.floor(now / totpStepMs);
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, now - totpStepMs), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now + totpStepMs), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, now - 2 * totpStepMs), now)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', now)).toBeUndefined();
  });

  it('writes an otpauth URI', () => {
    expect(otpauthUri('OpenAMI', 'admin', 'ABC')).toBe(
      'otpauth://totp/OpenAMI%3Aadmin?secret=ABC&issuer=OpenAMI&algorithm=SHA1&digits=6&period=30',
    );
  });
});
