// A TCP connection to a serial-server port in transparent mode (DH601/602/604/608 and the like), kept up:
// when it drops it is dialled again with backoff and jitter, until closed.
import { connect, type Socket } from 'node:net';
import { type BackoffPolicy, backoffDelayMs, DEFAULT_BACKOFF } from './backoff.ts';
import type { ByteChannel } from './channel.ts';
import { ChannelEvents, writeSocket } from './channel-events.ts';

export interface TcpClientOptions {
  readonly host: string;
  readonly port: number;
  readonly backoff?: BackoffPolicy;
  /** How long a connection attempt may take. */
  readonly connectTimeoutMs?: number;
  readonly random?: () => number;
}

export class TcpClientChannel extends ChannelEvents implements ByteChannel {
  readonly label: string;
  private socket: Socket | undefined;
  private connected = false;
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly options: Required<TcpClientOptions>;

  constructor(options: TcpClientOptions) {
    super();
    this.options = { backoff: DEFAULT_BACKOFF, connectTimeoutMs: 5000, random: Math.random, ...options };
    this.label = `tcp://${options.host}:${options.port}`;
  }

  get isOpen(): boolean {
    return this.connected;
  }

  /** Starts dialling; resolves once the first attempt has connected or failed (it keeps retrying). */
  start(): Promise<void> {
    return new Promise((resolve) => this.dial(resolve));
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.connected
      ? writeSocket(this.socket, bytes, this.label)
      : Promise.reject(new Error(`${this.label} is not connected`));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    if (socket === undefined || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private dial(settled?: () => void): void {
    if (this.closed) {
      settled?.();
      return;
    }
    const socket = connect({ host: this.options.host, port: this.options.port, noDelay: true });
    this.socket = socket;
    socket.setTimeout(this.options.connectTimeoutMs);
    let failure = 'connection closed';
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.setKeepAlive(true, 30_000);
      this.connected = true;
      this.attempt = 0;
      this.up.emit();
      settled?.();
    });
    socket.on('data', (chunk: Buffer) => this.data.emit(chunk));
    socket.on('timeout', () => {
      failure = `no connection within ${this.options.connectTimeoutMs} ms`;
      socket.destroy();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      failure = error.code === undefined ? error.message : `${error.code}: ${error.message}`;
    });
    socket.once('close', () => {
      const wasConnected = this.connected;
      this.connected = false;
      if (wasConnected) this.down.emit(`${this.label}: ${failure}`);
      settled?.();
      if (this.closed) return;
      const delay = backoffDelayMs(this.options.backoff, this.attempt++, this.options.random);
      this.retryTimer = setTimeout(() => this.dial(), delay);
    });
  }
}
