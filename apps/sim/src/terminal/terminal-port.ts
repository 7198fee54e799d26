// One RS-485 port of a serial-to-Ethernet terminal in transparent mode: TCP bytes go onto the bus as they
// are, bus bytes go back to every connected peer. In TCP-server mode the port listens on its own TCP port;
// in TCP-client mode it dials the master station and redials when the link drops.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Rs485Bus } from '../bus/rs485-bus.ts';

/** Seconds a DH-series terminal waits before redialling, as shipped. */
const REDIAL_DELAY_MS = 1_000;

export interface ClientTarget {
  readonly host: string;
  readonly port: number;
  /** Bytes sent right after connecting (a terminal's 注册包), so the master knows who dialled in. */
  readonly registration?: Uint8Array;
}

export class TerminalPort {
  readonly bus: Rs485Bus;
  readonly index: number;
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private redialTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  listeningPort: number | undefined;

  constructor(bus: Rs485Bus, index: number) {
    this.bus = bus;
    this.index = index;
    bus.onReply = (bytes) => {
      for (const socket of this.sockets) if (!socket.destroyed) socket.write(bytes);
    };
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  async listen(host: string, port: number): Promise<number> {
    const server = createServer((socket) => this.adopt(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    this.listeningPort = typeof address === 'object' && address !== null ? address.port : port;
    return this.listeningPort;
  }

  dial(target: ClientTarget): void {
    if (this.stopped) return;
    const socket = connect({ host: target.host, port: target.port });
    socket.once('connect', () => {
      if (target.registration !== undefined) socket.write(target.registration);
    });
    socket.once('close', () => {
      this.sockets.delete(socket);
      if (!this.stopped) this.redialTimer = setTimeout(() => this.dial(target), REDIAL_DELAY_MS);
    });
    this.adopt(socket);
  }

  /** The terminal drops its TCP links (a fault, or a reboot). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.redialTimer !== undefined) clearTimeout(this.redialTimer);
    this.bus.stop();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private adopt(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (this.bus.receive(bytes) === 'disconnect') socket.resetAndDestroy();
    });
    socket.on('error', () => {
      // A peer that resets is normal in the field; the close handler tidies up.
    });
    socket.on('close', () => this.sockets.delete(socket));
  }
}
