// Terminals that dial in (GPRS DTUs, serial servers in TCP-client mode): the head-end listens, recognises
// each connection by its registration packet or its peer address, and hands it to that terminal's channel.
// Heartbeats are answered (or just expected) and kept out of the meter data; a terminal that falls silent
// for too long is dropped so that its exchanges fail fast as offline.
import { createServer, type Server, type Socket } from 'node:net';
import type { ByteChannel } from './channel.ts';
import { ChannelEvents, writeSocket } from './channel-events.ts';

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
  readonly host?: string;
  readonly port?: number;
  /** How long a new connection has to identify itself. */
  readonly registrationTimeoutMs?: number;
  /** Told about connections that could not be identified. */
  readonly onUnknown?: (peer: string, firstBytes: Uint8Array) => void;
}

/** Registration and heartbeat packets from configuration: `hex:7E01…` or plain ASCII. */
export function packetFromSetting(setting: string): Uint8Array {
  if (setting.startsWith('hex:')) return Buffer.from(setting.slice(4).replace(/\s/g, ''), 'hex');
  return Buffer.from(setting, 'ascii');
}

export class DialInServer {
  private readonly server: Server;
  private readonly channels = new Map<number, DialInChannel>();
  private terminals: readonly DialInTerminal[];
  private readonly options: DialInOptions;

  constructor(terminals: readonly DialInTerminal[], options: DialInOptions = {}) {
    this.terminals = terminals;
    this.options = options;
    for (const terminal of terminals) this.channels.set(terminal.id, new DialInChannel(terminal));
    this.server = createServer((socket) => this.identify(socket));
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
   */
  setTerminals(terminals: readonly DialInTerminal[]): void {
    const before = new Map(this.terminals.map((t) => [t.id, t]));
    const wanted = new Set(terminals.map((t) => t.id));
    for (const [id, channel] of this.channels) {
      if (wanted.has(id)) continue;
      void channel.close();
      this.channels.delete(id);
    }
    for (const terminal of terminals) {
      const previous = before.get(terminal.id);
      if (previous !== undefined && sameTerminal(previous, terminal) && this.channels.has(terminal.id))
        continue;
      void this.channels.get(terminal.id)?.close();
      this.channels.set(terminal.id, new DialInChannel(terminal));
    }
    this.terminals = terminals;
  }

  /** Starts listening; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '0.0.0.0', () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  }

  async close(): Promise<void> {
    for (const channel of this.channels.values()) await channel.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private identify(socket: Socket): void {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    const peer = normalizePeer(socket.remoteAddress);
    const byPeer = this.terminals.find(
      (t) => t.peerAddress !== undefined && normalizePeer(t.peerAddress) === peer,
    );
    if (byPeer !== undefined) {
      this.channels.get(byPeer.id)?.attach(socket, new Uint8Array(0));
      return;
    }
    let received = Buffer.alloc(0);
    const longest = Math.max(0, ...this.terminals.map((t) => t.registration?.length ?? 0));
    const timer = setTimeout(() => reject(), this.options.registrationTimeoutMs ?? 30_000);
    const reject = () => {
      clearTimeout(timer);
      this.options.onUnknown?.(peer, received);
      socket.destroy();
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const match = this.terminals.find(
        (t) =>
          t.registration !== undefined &&
          received.length >= t.registration.length &&
          received.subarray(0, t.registration.length).equals(t.registration),
      );
      if (match?.registration !== undefined) {
        clearTimeout(timer);
        socket.off('data', onData);
        this.channels.get(match.id)?.attach(socket, received.subarray(match.registration.length));
      } else if (received.length >= longest) {
        reject();
      }
    };
    socket.on('data', onData);
  }
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

  constructor(terminal: DialInTerminal) {
    super();
    this.terminal = terminal;
    this.label = `dial-in:${terminal.id}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /** Takes over a newly identified connection; a previous one (a half-dead GPRS link) is dropped. */
  attach(socket: Socket, leftover: Uint8Array): void {
    const previous = this.socket;
    this.socket = socket;
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
