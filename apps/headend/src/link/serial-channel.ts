// A local serial port (a USB RS-485 adapter) through `serialport`, framed as the port's settings say:
// 8 data bits, one stop bit and even parity for DL/T 645 (§5.1), at the port's baud.
import { SerialPort } from 'serialport';
import type { ByteChannel } from './channel.ts';
import { ChannelEvents } from './channel-events.ts';

export type Parity = 'even' | 'odd' | 'none';

export interface SerialOptions {
  readonly path: string;
  readonly baud: number;
  readonly parity?: Parity;
  readonly dataBits?: 7 | 8;
  readonly stopBits?: 1 | 2;
}

export class SerialChannel extends ChannelEvents implements ByteChannel {
  readonly label: string;
  private readonly port: SerialPort;

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
    this.port.on('close', () => this.down.emit(`${this.label} closed`));
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
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}
