// Where the head-end reaches a terminal's ports: a terminal in TCP-server mode listens at host:basePort, its
// RS-485 port N at basePort + N − 1 (the DH60x manuals' layout); a terminal in TCP-client mode dials in and
// is known by its registration packet. Two ports at one TCP address, or two terminals with one registration,
// cannot be told apart, so the archive refuses them.

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
