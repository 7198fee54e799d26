// A local serial port (a USB RS-485 adapter) through `serialport`, framed as the port's settings say:
// 8 data bits, one stop bit and even parity for DL/T 645 (§5.1), at the port's baud.
import { SerialPort } from 'serialport';
import { type BackoffPolicy, backoffDelayMs, DEFAULT_BACKOFF } from './backoff.ts';
import type { ByteChannel } from './channel.ts';
import { ChannelEvents } from './channel-events.ts';

export type Parity = 'even' | 'odd' | 'none';

export interface SerialOptions {
  readonly path: string;
  readonly baud: number;
  readonly parity?: Parity;
  readonly dataBits?: 7 | 8;
  readonly stopBits?: 1 | 2;
  /** Reopening after the adapter went away (unplugged, driver reset). */
  readonly backoff?: BackoffPolicy;
}

export class SerialChannel extends ChannelEvents implements ByteChannel {
  readonly label: string;
  private readonly port: SerialPort;
  private readonly backoff: BackoffPolicy;
  private kept = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(options: SerialOptions) {
    super();
    this.label = `serial:${options.path}@${options.baud}`;
    this.port = new SerialPort({
      path: options.path,
      baudRate: options.baud,
      parity: options.parity ?? 'even',
      dataBits: options.dataBits ?? 8,
      stopBits: options.stopBits ?? 1,
      autoOpen: false,
    });
    this.port.on('data', (chunk: Buffer) => this.data.emit(chunk));
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.port.on('close', () => {
      this.down.emit(`${this.label} closed`);
      if (this.kept) this.retry();
    });
    this.port.on('error', (error: Error) => this.down.emit(`${this.label}: ${error.message}`));
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  /** Opens the port; rejects with the system's reason (no such device, permission denied, busy). */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.open((error) => {
        if (error) {
          reject(new Error(`${this.label}: ${error.message}`));
          return;
        }
        this.up.emit();
        resolve();
      });
    });
  }

  /**
   * Opens the port and keeps it open: if it cannot be opened now, or goes away later, it is reopened with
   * backoff until `close`. Resolves after the first attempt, whatever its outcome.
   */
  async keepOpen(): Promise<void> {
    this.kept = true;
    await this.open().then(
      () => {
        this.attempt = 0;
      },
      () => this.retry(),
    );
  }

  private retry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => {
        if (this.kept && !this.port.isOpen) void this.keepOpen();
      },
      backoffDelayMs(this.backoff, this.attempt++, Math.random),
    );
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      // Resolve once the bytes have left for the driver, so that timeouts start when the request is sent.
      this.port.write(Buffer.from(bytes), (error) => {
        if (error) reject(error);
        else this.port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
      });
    });
  }

  close(): Promise<void> {
    this.kept = false;
    clearTimeout(this.retryTimer);
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}
