import { isIP } from 'node:net';
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
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
