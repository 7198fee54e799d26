// A minimal DL/T 645 master for tests: one TCP connection to a terminal port, requests built and replies
// read by the protocol library. It measures each exchange from the write to the last byte of the reply.
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type DecodedFrame, Deframer, type DeframerEvent, encodeFrame, type Frame } from '@openami/protocol';

export interface Exchange {
  /** The whole reply frame, or undefined when none came (or only garbage). */
  readonly frame: DecodedFrame | undefined;
  readonly events: readonly DeframerEvent[];
  /** Bytes received, garbage included. */
  readonly bytes: number;
  /** From the write to the reply's last byte (or to the timeout). */
  readonly elapsedMs: number;
}

export class TestMaster {
  private readonly socket: Socket;
  private readonly deframer = new Deframer();
  private received = 0;
  private events: DeframerEvent[] = [];
  private waiter: (() => void) | undefined;
  private lastDataAt = 0;
  closed = false;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.lastDataAt = performance.now();
      this.received += chunk.length;
      this.events.push(...this.deframer.push(new Uint8Array(chunk)));
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<TestMaster> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new TestMaster(socket)));
      socket.once('error', reject);
    });
  }

  write(frame: Frame | Uint8Array, wakeUp = 4): number {
    const bytes = frame instanceof Uint8Array ? frame : encodeFrame(frame, { wakeUp });
    this.socket.write(bytes);
    return bytes.length;
  }

  /** Sends a request and waits for a whole frame, an error, or the timeout. */
  async exchange(frame: Frame, timeoutMs: number, wakeUp = 4): Promise<Exchange> {
    this.reset();
    const start = performance.now();
    this.write(frame, wakeUp);
    return this.collect(start, timeoutMs);
  }

  /** Waits for what arrives after `start` until a frame, a frame-shaped error, or `timeoutMs`. */
  async collect(start: number, timeoutMs: number): Promise<Exchange> {
    const deadline = start + timeoutMs;
    while (!this.closed && this.events.length === 0 && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
    const frameEvent = this.events.find((e) => e.kind === 'frame');
    return {
      frame: frameEvent?.kind === 'frame' ? frameEvent.frame : undefined,
      events: this.events,
      bytes: this.received,
      elapsedMs: (frameEvent === undefined ? performance.now() : this.lastDataAt) - start,
    };
  }

  reset(): void {
    this.deframer.reset();
    this.events = [];
    this.received = 0;
  }

  close(): void {
    this.socket.destroy();
  }
}
