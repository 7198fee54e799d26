// Terminals that dial in (GPRS DTUs, serial servers in TCP-client mode): the head-end listens, recognises
// each connection by its registration packet or its peer address, and hands it to that terminal's channel.
// Heartbeats are answered (or just expected) and kept out of the meter data; a terminal that falls silent
// for too long is dropped so that its exchanges fail fast as offline.
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, TLSSocket, type Server as TlsServer } from 'node:tls';
import type { LinkFlap } from '@openami/domain';
import type { ByteChannel } from './channel.ts';
import { ChannelEvents, writeSocket } from './channel-events.ts';
import { certificateNameOf, type DialInTlsFiles, dialInTlsOptions, peerCommonName } from './dial-in-tls.ts';
import { type FlapSettings, FlapTracker, flapDefaults } from './link-flaps.ts';

export interface HeartbeatSettings {
  /** The heartbeat packet exactly as the terminal sends it. */
  readonly packet: Uint8Array;
  /** What to answer, if the terminal expects an answer. */
  readonly reply?: Uint8Array;
  readonly intervalMs: number;
  /** Intervals without any byte before the link counts as dead. */
  readonly missedLimit?: number;
}

export interface DialInTerminal {
  /** The store's terminal id. */
  readonly id: number;
  /** The packet the terminal sends first after connecting (configured per terminal, ASCII or hex). */
  readonly registration?: Uint8Array;
  /** Or the address it connects from (a fixed-IP APN). */
  readonly peerAddress?: string;
  readonly heartbeat?: HeartbeatSettings;
}

export interface DialInOptions {
  /** The address to listen on (default 127.0.0.1: set the address terminals reach, e.g. the APN side). */
  readonly host?: string;
  readonly port?: number;
  /** How long a new connection has to identify itself (default 5 s). */
  readonly registrationTimeoutMs?: number;
  /** Connections held at once, identified or not (default 10 000); the next is refused. */
  readonly maxConnections?: number;
  /** Connections held at once from one source address (default 50; carrier NAT puts many behind one). */
  readonly maxPerAddress?: number;
  /**
   * A terminal's link heard within this window (any byte: data or heartbeat) is live: a newcomer sending the
   * same registration is refused rather than taking it over (default 120 s).
   */
  readonly liveWindowMs?: number;
  /** TLS on the port (and, with a client CA, terminals' certificates required); unset, plain TCP. */
  readonly tls?: DialInTlsFiles;
  /** When reconnections and refused takeovers make a terminal's link flapping (default `flapDefaults`). */
  readonly flap?: FlapSettings;
  /** Told about connections that could not be identified. */
  readonly onUnknown?: (peer: string, firstBytes: Uint8Array) => void;
  /** One line per refused, unknown or displacing connection, and per terminal left out of identification. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

/** The settings of `DialInOptions` a deployment chooses (the dial-in settings). */
export type DialInGuardOptions = Pick<
  DialInOptions,
  'host' | 'registrationTimeoutMs' | 'liveWindowMs' | 'maxConnections' | 'maxPerAddress' | 'tls' | 'flap'
>;

/** What the dial-in port has seen since it started; every refusal is counted once under its reason. */
export interface DialInCounters {
  /** Connections accepted by the listener (before identification). */
  accepted: number;
  /** Connections handed to a terminal's channel. */
  identified: number;
  /** Connections whose first bytes matched no terminal. */
  unknown: number;
  /** Connections that did not identify themselves before the deadline. */
  timedOut: number;
  /** Refused: the listener already held `maxConnections`. */
  refusedOverall: number;
  /** Refused: the source address already held `maxPerAddress`. */
  refusedPerAddress: number;
  /** Refused: the terminal's live link was heard within the window (a replayed registration, a flap). */
  refusedLive: number;
  /** Connections that replaced a terminal's link after it had been silent beyond the window. */
  replaced: number;
  /** TLS handshakes that failed (no certificate, one the client CA did not sign, not TLS at all, too slow). */
  tlsFailed: number;
  /** Refused: the client certificate's name was not the registration the terminal sent. */
  refusedCertificate: number;
}

export const dialInDefaults = {
  host: '127.0.0.1',
  registrationTimeoutMs: 5000,
  maxConnections: 10_000,
  maxPerAddress: 50,
  liveWindowMs: 120_000,
} as const;

/** Registration and heartbeat packets from configuration: `hex:7E01…` or plain ASCII. */
export function packetFromSetting(setting: string): Uint8Array {
  if (setting.startsWith('hex:')) return Buffer.from(setting.slice(4).replace(/\s/g, ''), 'hex');
  return Buffer.from(setting, 'ascii');
}

export class DialInServer {
  private readonly server: Server | TlsServer;
  private readonly flaps: FlapTracker;
  /** Terminals that have had a link since start: their next one is a reconnection. */
  private readonly everLinked = new Set<number>();
  private readonly channels = new Map<number, DialInChannel>();
  private terminals: readonly DialInTerminal[] = [];
  /** The terminals a connection can be matched to: those whose registration or address nobody else shares. */
  private identifiable: readonly DialInTerminal[] = [];
  private readonly options: DialInOptions;
  private readonly perAddress = new Map<string, number>();
  private open = 0;
  private readonly counts: DialInCounters = {
    accepted: 0,
    identified: 0,
    unknown: 0,
    timedOut: 0,
    refusedOverall: 0,
    refusedPerAddress: 0,
    refusedLive: 0,
    replaced: 0,
    tlsFailed: 0,
    refusedCertificate: 0,
  };

  constructor(terminals: readonly DialInTerminal[], options: DialInOptions = {}) {
    this.options = options;
    this.flaps = new FlapTracker(options.flap ?? flapDefaults);
    this.setTerminals(terminals);
    if (options.tls === undefined) {
      this.server = createServer((socket) => {
        if (this.admit(socket)) this.identify(socket, normalizePeer(socket.remoteAddress));
      });
    } else {
      // The caps are applied to the raw connection, before the handshake's work; identification follows it.
      const server = createTlsServer(dialInTlsOptions(options.tls, this.limit('registrationTimeoutMs')));
      server.on('connection', (socket: Socket) => this.admit(socket));
      server.on('secureConnection', (socket: TLSSocket) => {
        socket.on('error', () => socket.destroy());
        this.identify(socket, normalizePeer(socket.remoteAddress));
      });
      server.on('tlsClientError', (error, socket) => {
        this.counts.tlsFailed++;
        this.log(
          `dial-in: TLS handshake with ${normalizePeer(socket.remoteAddress)} failed: ${error.message}`,
        );
        socket.destroy();
      });
      this.server = server;
    }
  }

  /**
   * Reads the TLS files again (a renewed certificate, a changed client CA) for the connections to come;
   * links already up keep theirs. False without TLS. A file that cannot be read, or a certificate and key
   * that are not a pair, throws, and the old ones stay.
   */
  reloadTls(): boolean {
    if (this.options.tls === undefined || !('setSecureContext' in this.server)) return false;
    this.server.setSecureContext(dialInTlsOptions(this.options.tls, this.limit('registrationTimeoutMs')));
    return true;
  }

  /** Each terminal's reconnections and refused takeovers over the flap window, and whether it flaps. */
  linkFlaps(): LinkFlap[] {
    return this.flaps.states(this.now());
  }

  /** The counters since start (a copy). */
  get counters(): Readonly<DialInCounters> {
    return { ...this.counts };
  }

  /** How many refused takeovers each terminal has seen (flapping, or a replayed registration). */
  refusedTakeovers(id: number): number {
    return this.channels.get(id)?.refusedTakeovers ?? 0;
  }

  /** The channel of a configured terminal: the same object across its reconnections. */
  channel(id: number): ByteChannel {
    const channel = this.channels.get(id);
    if (channel === undefined) throw new Error(`no dial-in terminal ${id} is configured`);
    return channel;
  }

  /**
   * The terminals changed while listening (the archive's): a new one gets its channel, a removed one's is
   * closed, a changed one (registration, peer, heartbeat) gets a new channel that waits for it to dial in.
   * Terminals whose registration equals or begins another's (or whose peer address another shares) cannot be
   * told apart: they keep a channel but no connection is matched to them, and each is logged.
   */
  setTerminals(terminals: readonly DialInTerminal[]): void {
    const before = new Map(this.terminals.map((t) => [t.id, t]));
    const wanted = new Set(terminals.map((t) => t.id));
    for (const [id, channel] of this.channels) {
      if (wanted.has(id)) continue;
      void channel.close();
      this.channels.delete(id);
      this.flaps.forget(id);
      this.everLinked.delete(id);
    }
    for (const terminal of terminals) {
      const previous = before.get(terminal.id);
      if (previous !== undefined && sameTerminal(previous, terminal) && this.channels.has(terminal.id))
        continue;
      void this.channels.get(terminal.id)?.close();
      this.channels.set(terminal.id, new DialInChannel(terminal, this.now));
    }
    this.terminals = terminals;
    const clashes = identificationClashes(terminals);
    for (const [id, problem] of clashes) this.log(`dial-in: terminal ${id} is not identifiable: ${problem}`);
    this.identifiable = terminals.filter((t) => !clashes.has(t.id));
  }

  /** Starts listening; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? dialInDefaults.host, () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  }

  async close(): Promise<void> {
    for (const channel of this.channels.values()) await channel.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private readonly now = (): number => (this.options.now ?? Date.now)();

  private log(line: string): void {
    this.options.log?.(line);
  }

  private limit(name: 'maxConnections' | 'maxPerAddress' | 'registrationTimeoutMs' | 'liveWindowMs'): number {
    return this.options[name] ?? dialInDefaults[name];
  }

  /** Counts a new connection against the caps; false: refused (and destroyed). */
  private admit(socket: Socket): boolean {
    socket.on('error', () => socket.destroy());
    const peer = normalizePeer(socket.remoteAddress);
    this.counts.accepted++;
    if (this.open >= this.limit('maxConnections')) {
      this.counts.refusedOverall++;
      this.log(`dial-in: refused ${peer}: ${this.open} connections held (the cap)`);
      socket.destroy();
      return false;
    }
    const fromPeer = this.perAddress.get(peer) ?? 0;
    if (fromPeer >= this.limit('maxPerAddress')) {
      this.counts.refusedPerAddress++;
      this.log(`dial-in: refused ${peer}: ${fromPeer} connections held from that address (the cap)`);
      socket.destroy();
      return false;
    }
    this.open++;
    this.perAddress.set(peer, fromPeer + 1);
    socket.once('close', () => {
      this.open--;
      const left = (this.perAddress.get(peer) ?? 1) - 1;
      if (left > 0) this.perAddress.set(peer, left);
      else this.perAddress.delete(peer);
    });
    return true;
  }

  private identify(socket: Socket, peer: string): void {
    socket.setNoDelay(true);
    const byPeer = this.identifiable.find(
      (t) => t.peerAddress !== undefined && normalizePeer(t.peerAddress) === peer,
    );
    if (byPeer !== undefined) {
      this.hand(byPeer, socket, peer, new Uint8Array(0));
      return;
    }
    let received = Buffer.alloc(0);
    const longest = Math.max(0, ...this.identifiable.map((t) => t.registration?.length ?? 0));
    const timer = setTimeout(() => {
      this.counts.timedOut++;
      this.log(
        `dial-in: closed ${peer}: not identified within ${this.limit('registrationTimeoutMs')} ms (${received.length} byte(s) received)`,
      );
      this.options.onUnknown?.(peer, received);
      socket.destroy();
    }, this.limit('registrationTimeoutMs'));
    socket.once('close', () => clearTimeout(timer));
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // Registrations are prefix-free (clashing ones are left out), so the first one the bytes begin with is
      // the only one they can be.
      const match = this.identifiable.find(
        (t) =>
          t.registration !== undefined &&
          t.registration.length > 0 &&
          received.length >= t.registration.length &&
          received.subarray(0, t.registration.length).equals(t.registration),
      );
      if (match?.registration !== undefined) {
        clearTimeout(timer);
        socket.off('data', onData);
        this.hand(match, socket, peer, received.subarray(match.registration.length));
      } else if (received.length >= longest || !this.couldStillMatch(received)) {
        clearTimeout(timer);
        socket.off('data', onData);
        this.counts.unknown++;
        this.log(`dial-in: refused ${peer}: unknown registration ${describeBytes(received)}`);
        this.options.onUnknown?.(peer, received);
        socket.destroy();
      }
    };
    socket.on('data', onData);
  }

  /** Whether the bytes so far are the beginning of some terminal's registration. */
  private couldStillMatch(received: Buffer): boolean {
    return this.identifiable.some(
      (t) =>
        t.registration !== undefined &&
        t.registration.length > received.length &&
        Buffer.from(t.registration.subarray(0, received.length)).equals(received),
    );
  }

  private hand(terminal: DialInTerminal, socket: Socket, peer: string, leftover: Uint8Array): void {
    const channel = this.channels.get(terminal.id);
    if (channel === undefined) {
      socket.destroy();
      return;
    }
    if (!this.certificateFits(terminal, socket, peer)) return;
    const outcome = channel.offer(socket, leftover, this.limit('liveWindowMs'));
    if (outcome === 'refused') {
      this.counts.refusedLive++;
      this.log(
        `dial-in: refused ${peer} as terminal ${terminal.id}: its link from ${channel.peer} is live (${channel.refusedTakeovers} refused takeover(s))`,
      );
      this.noteFlap(terminal.id, 'refused-live');
      socket.destroy();
      return;
    }
    this.counts.identified++;
    if (this.everLinked.has(terminal.id)) this.noteFlap(terminal.id, 'reconnected');
    this.everLinked.add(terminal.id);
    if (outcome === 'replaced') {
      this.counts.replaced++;
      this.log(`dial-in: terminal ${terminal.id} dialled in again from ${peer}; its silent link was dropped`);
    }
  }

  /**
   * With a client CA, the certificate (already checked against the CA by the handshake) must name the
   * terminal the registration claimed; a terminal known by its address alone is bound by the CA's signature.
   */
  private certificateFits(terminal: DialInTerminal, socket: Socket, peer: string): boolean {
    if (this.options.tls?.clientCaPath === undefined || terminal.registration === undefined) return true;
    const expected = certificateNameOf(terminal.registration);
    const name = socket instanceof TLSSocket ? peerCommonName(socket) : undefined;
    if (name === expected) return true;
    this.counts.refusedCertificate++;
    this.log(
      `dial-in: refused ${peer} as terminal ${terminal.id}: its certificate names ${JSON.stringify(name ?? '')}, not ${JSON.stringify(expected)}`,
    );
    socket.destroy();
    return false;
  }

  private noteFlap(terminalId: number, event: 'reconnected' | 'refused-live'): void {
    if (this.flaps.note(terminalId, event, this.now()) !== 'started') return;
    const { reconnects, windowMs } = this.options.flap ?? flapDefaults;
    this.log(
      `dial-in: terminal ${terminalId} is flapping: more than ${reconnects} reconnections or refused takeovers within ${Math.round(windowMs / 60_000)} min`,
    );
  }
}

/**
 * The terminals a connection could not be matched to unambiguously, with why: an empty registration, one
 * equal to or beginning another's (`DTU1` and `DTU10`), or a peer address another terminal shares.
 */
export function identificationClashes(terminals: readonly DialInTerminal[]): Map<number, string> {
  const clashes = new Map<number, string>();
  for (const a of terminals) {
    if (a.registration !== undefined && a.registration.length === 0) clashes.set(a.id, 'empty registration');
    if (a.registration === undefined && a.peerAddress === undefined)
      clashes.set(a.id, 'neither a registration nor a peer address');
    for (const b of terminals) {
      if (a.id === b.id) continue;
      const ra = a.registration;
      const rb = b.registration;
      if (ra !== undefined && rb !== undefined && ra.length > 0 && ra.length <= rb.length) {
        if (Buffer.from(rb.subarray(0, ra.length)).equals(Buffer.from(ra))) {
          const problem = `its registration ${ra.length === rb.length ? 'equals' : 'begins'} terminal ${b.id}'s`;
          clashes.set(a.id, problem);
          clashes.set(
            b.id,
            `terminal ${a.id}'s registration ${ra.length === rb.length ? 'equals' : 'begins'} its own`,
          );
        }
      }
      if (
        a.peerAddress !== undefined &&
        b.peerAddress !== undefined &&
        normalizePeer(a.peerAddress) === normalizePeer(b.peerAddress)
      )
        clashes.set(a.id, `terminal ${b.id} connects from the same address`);
    }
  }
  return clashes;
}

function describeBytes(bytes: Uint8Array): string {
  const shown = Buffer.from(bytes.subarray(0, 32));
  const printable = /^[\x20-\x7e]*$/.test(shown.toString('latin1'));
  const text = printable ? JSON.stringify(shown.toString('latin1')) : `hex:${shown.toString('hex')}`;
  return bytes.length > 32 ? `${text}… (${bytes.length} bytes)` : text;
}

function sameTerminal(a: DialInTerminal, b: DialInTerminal): boolean {
  const key = (t: DialInTerminal) =>
    JSON.stringify(t, (_, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
    );
  return key(a) === key(b);
}

function normalizePeer(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/, '');
}

class DialInChannel extends ChannelEvents implements ByteChannel {
  readonly label: string;
  private socket: Socket | undefined;
  private silenceTimer: NodeJS.Timeout | undefined;
  private readonly terminal: DialInTerminal;
  private readonly now: () => number;
  /** When the live link last sent a byte (data or heartbeat), or was attached. */
  private lastHeard = 0;
  /** Newcomers refused while the link was live: a replayed registration, or a terminal flapping. */
  refusedTakeovers = 0;

  constructor(terminal: DialInTerminal, now: () => number) {
    super();
    this.terminal = terminal;
    this.now = now;
    this.label = `dial-in:${terminal.id}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /** The source address of the live link. */
  get peer(): string {
    return normalizePeer(this.socket?.remoteAddress);
  }

  /**
   * Takes over a newly identified connection unless the current one was heard within `liveWindowMs`: a live
   * link is never displaced by a newcomer (who could be replaying the registration). A link silent beyond
   * the window (a half-dead GPRS link) is dropped for the newcomer.
   */
  offer(socket: Socket, leftover: Uint8Array, liveWindowMs: number): 'attached' | 'replaced' | 'refused' {
    const previous = this.isOpen ? this.socket : undefined;
    if (previous !== undefined && this.now() - this.lastHeard < liveWindowMs) {
      this.refusedTakeovers++;
      return 'refused';
    }
    this.attach(socket, leftover);
    return previous === undefined ? 'attached' : 'replaced';
  }

  private attach(socket: Socket, leftover: Uint8Array): void {
    const previous = this.socket;
    this.socket = socket;
    this.lastHeard = this.now();
    previous?.destroy();
    socket.on('data', (chunk: Buffer) => this.received(socket, chunk));
    socket.once('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      clearTimeout(this.silenceTimer);
      this.down.emit(`${this.label}: connection closed`);
    });
    this.watchSilence(socket);
    this.up.emit();
    if (leftover.length > 0) this.received(socket, Buffer.from(leftover));
  }

  write(bytes: Uint8Array): Promise<void> {
    return writeSocket(this.socket, bytes, this.label);
  }

  async close(): Promise<void> {
    clearTimeout(this.silenceTimer);
    this.socket?.destroy();
    this.socket = undefined;
  }

  private received(socket: Socket, chunk: Buffer): void {
    if (this.socket === socket) this.lastHeard = this.now();
    this.watchSilence(socket);
    const heartbeat = this.terminal.heartbeat;
    // DTUs send heartbeats as packets of their own while the line is idle.
    if (heartbeat !== undefined && chunk.equals(heartbeat.packet)) {
      if (heartbeat.reply !== undefined) socket.write(heartbeat.reply);
      return;
    }
    this.data.emit(chunk);
  }

  private watchSilence(socket: Socket): void {
    const heartbeat = this.terminal.heartbeat;
    if (heartbeat === undefined) return;
    clearTimeout(this.silenceTimer);
    const limit = heartbeat.intervalMs * (heartbeat.missedLimit ?? 3);
    this.silenceTimer = setTimeout(() => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      socket.destroy();
      this.down.emit(`${this.label}: no heartbeat for ${limit} ms`);
    }, limit);
  }
}
