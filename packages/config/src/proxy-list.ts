import { type Kind, ok, problem } from './kind.ts';

/**
 * The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed: addresses and CIDR
 * blocks, comma-separated. `false` trusts none. `true` is refused: it would believe any client that sends
 * the header, so the address recorded for sign-in lockout and the audit log could be forged.
 */
export const proxyList: Kind<readonly string[]> = {
  type: 'addresses or CIDR blocks, comma-separated, or `false`',
  parse: (raw) => {
    if (raw === 'false') return ok([]);
    if (raw === 'true') {
      return problem(
        'true would believe X-Forwarded-For from any client; list the proxies instead (for example 127.0.0.1 or 10.0.0.0/8)',
      );
    }
    const entries = raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    const bad = entries.filter((entry) => !isAddressOrBlock(entry));
    if (bad.length > 0) return problem(`not an address or CIDR block: ${bad.join(', ')}`);
    return ok(entries);
  },
};

function isAddressOrBlock(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0;
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

/** The WHATWG URL parser knows IPv6 literals, in Node and browsers alike (this package runs in both). */
function isIPv6(text: string): boolean {
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname !== '';
  } catch {
    return false;
  }
}
