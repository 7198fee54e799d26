import { createHmac, randomBytes } from 'node:crypto';

// TOTP, RFC 6238 over HOTP, RFC 4226: HMAC-SHA-1, 30-second steps from the Unix epoch, six digits. What
// authenticator apps expect of an otpauth:// URI that names no algorithm, digits or period.

/** RFC 6238 §4.1: X, the time step. */
export const totpStepMs = 30_000;
/** RFC 4226 §5.3: Digit. */
export const totpDigits = 6;
/** Steps accepted either side of now, for clocks that drift and codes typed slowly (RFC 6238 §5.2). */
export const totpWindowSteps = 1;

/** RFC 4648 §6: the base32 alphabet. */
const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/[=\s]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = base32Alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** 160 random bits (RFC 4226 §4 recommends the HMAC's own length), base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** RFC 4226 §5.3: HOTP(K, C) with dynamic truncation, `digits` decimal digits. */
export function hotp(key: Uint8Array, counter: number, digits = totpDigits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4.2: T = floor(unix time / X). */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / totpStepMs);
}

export function totpCode(secret: string, nowMs: number): string {
  return hotp(base32Decode(secret), totpStep(nowMs));
}

/**
 * The time step whose code `code` is, within the window around now; undefined when none. The caller takes
 * the step as used, so the same code (or an earlier one) is not taken twice.
 */
export function matchTotp(secret: string, code: string, nowMs: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const key = base32Decode(secret);
  const now = totpStep(nowMs);
  let found: number | undefined;
  // Every step in the window is computed, found or not, so the time taken says nothing.
  for (let step = now - totpWindowSteps; step <= now + totpWindowSteps; step++) {
    if (hotp(key, step) === code && found === undefined) found = step;
  }
  return found;
}

/** The otpauth:// URI authenticator apps take (typed in, or made into a QR code by the user's own tools). */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${totpDigits}&period=${totpStepMs / 1000}`;
}
