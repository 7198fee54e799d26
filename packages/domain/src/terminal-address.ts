// Where the head-end reaches a terminal's ports: a terminal in TCP-server mode listens at host:basePort, its
// RS-485 port N at basePort + N − 1 (the DH60x manuals' layout); a terminal in TCP-client mode dials in and
// is known by its registration packet. Two ports at one TCP address, or two terminals with one registration
// or registrations one of which begins the other (`DTU1`, `DTU10`), cannot be told apart, so the archive
// refuses them.

/** One place a terminal port is reached: a TCP address, or the registration a dialling terminal sends. */
export interface TerminalEndpoint {
  readonly kind: 'tcp' | 'registration';
  /** `host:port` (host in lower case) or the registration as configured. */
  readonly address: string;
  /** The RS-485 port behind a TCP address; null for a registration, which stands for the whole terminal. */
  readonly portNo: number | null;
}

const highestTcpPort = 65_535;

/**
 * The endpoints of a terminal, or `undefined` when a TCP-server terminal's address is not `host:port` or a
 * port would fall beyond 65535.
 */
export function terminalEndpoints(
  mode: string,
  address: string,
  portNos: readonly number[],
): TerminalEndpoint[] | undefined {
  if (mode !== 'tcp_server') return [{ kind: 'registration', address: address.trim(), portNo: null }];
  const match = /^(.+):(\d{1,5})$/.exec(address.trim());
  if (match === null) return undefined;
  const host = (match[1] as string).toLowerCase();
  const basePort = Number(match[2]);
  const last = Math.max(1, ...portNos);
  if (basePort < 1 || basePort + last - 1 > highestTcpPort) return undefined;
  return portNos.map((portNo) => ({ kind: 'tcp', address: `${host}:${basePort + portNo - 1}`, portNo }));
}

/** A registration's bytes as the terminal sends them: `hex:7E01…` or plain ASCII (as the head-end reads it). */
export function registrationBytes(registration: string): Uint8Array {
  const setting = registration.trim();
  if (!setting.startsWith('hex:')) return new TextEncoder().encode(setting);
  const hex = setting.slice(4).replace(/\s/g, '');
  const bytes = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * Whether two endpoints cannot be told apart: one TCP address, or registrations one of which begins the other
 * (`DTU1` and `DTU10`: the head-end sees `DTU1` first, whichever dials), compared as the bytes sent.
 */
export function endpointsClash(a: TerminalEndpoint, b: TerminalEndpoint): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'tcp') return a.address === b.address;
  const x = registrationBytes(a.address);
  const y = registrationBytes(b.address);
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.every((byte, i) => longer[i] === byte);
}
