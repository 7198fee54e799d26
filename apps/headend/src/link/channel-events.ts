import type { Socket } from 'node:net';

/** A small, typed listener list (node:events without string event names). */
export class ListenerSet<Args extends unknown[]> {
  private readonly listeners: ((...args: Args) => void)[] = [];

  add(listener: (...args: Args) => void): void {
    this.listeners.push(listener);
  }

  emit(...args: Args): void {
    for (const listener of this.listeners) listener(...args);
  }
}

/** The listener half of a ByteChannel, shared by every kind of channel. */
export abstract class ChannelEvents {
  protected readonly data = new ListenerSet<[Uint8Array]>();
  protected readonly down = new ListenerSet<[string]>();
  protected readonly up = new ListenerSet<[]>();

  onData(listener: (chunk: Uint8Array) => void): void {
    this.data.add(listener);
  }

  onDown(listener: (reason: string) => void): void {
    this.down.add(listener);
  }

  onUp(listener: () => void): void {
    this.up.add(listener);
  }
}

/** Writes to a socket, resolving once the bytes are handed to the kernel. */
export function writeSocket(socket: Socket | undefined, bytes: Uint8Array, label: string): Promise<void> {
  if (socket === undefined || socket.destroyed) return Promise.reject(new Error(`${label} is not connected`));
  return new Promise((resolve, reject) =>
    socket.write(bytes, (error) => (error ? reject(error) : resolve())),
  );
}
