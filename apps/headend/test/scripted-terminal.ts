// A serial-server port that answers from a script, over a real TCP socket: enough to drive the bus
// scheduler's edge cases precisely. Whole-field behaviour is tested against the simulator.
import { createServer, type Server, type Socket } from 'node:net';
import { type DecodedFrame, Deframer, encodeFrame, type Frame } from '@openami/protocol';
import { Bus, type BusSettings } from '../src/link/bus.ts';
import { MeterClient } from '../src/link/meter-client.ts';
import { TcpClientChannel } from '../src/link/tcp-client-channel.ts';

export interface ScriptedReply {
  /** Bytes to send back, or a frame to encode (with no wake-up bytes). */
  readonly bytes?: Uint8Array;
  readonly frame?: Frame;
  readonly delayMs?: number;
  /** Or bytes in pieces, each after its own delay from the request (as a serial server packs them). */
  readonly chunks?: readonly { readonly bytes: Uint8Array; readonly delayMs: number }[];
}

export type Script = (request: DecodedFrame, index: number) => ScriptedReply | undefined;

export interface ScriptedTerminal {
  readonly port: number;
  /** Requests received, with the time each arrived (performance.now()). */
  readonly received: { frame: DecodedFrame; at: number }[];
  /** Cuts every open connection. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startScriptedTerminal(script: Script): Promise<ScriptedTerminal> {
  const received: { frame: DecodedFrame; at: number }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const deframer = new Deframer();
    socket.on('data', (chunk) => {
      for (const event of deframer.push(chunk)) {
        if (event.kind !== 'frame') continue;
        received.push({ frame: event.frame, at: performance.now() });
        const reply = script(event.frame, received.length - 1);
        if (reply === undefined) continue;
        const bytes =
          reply.bytes ?? (reply.frame ? encodeFrame(reply.frame, { wakeUp: 0 }) : new Uint8Array(0));
        const chunks = reply.chunks ?? [{ bytes, delayMs: reply.delayMs ?? 5 }];
        for (const chunk of chunks)
          setTimeout(() => socket.destroyed || socket.write(chunk.bytes), chunk.delayMs);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    received,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Bus settings that keep scripted exchanges fast: 9600 baud and short allowances. */
export const FAST_BUS: BusSettings = {
  baud: 9600,
  responseDelayBudgetMs: 60,
  linkLatencyMs: 40,
  interFrameGapMs: 2,
};

export interface ScriptedBus {
  readonly terminal: ScriptedTerminal;
  readonly bus: Bus;
  readonly client: MeterClient;
  close(): Promise<void>;
}

/** A scripted terminal with a connected channel, bus and meter client in front of it. */
export async function busOverScript(script: Script, settings: BusSettings = FAST_BUS): Promise<ScriptedBus> {
  const terminal = await startScriptedTerminal(script);
  const channel = new TcpClientChannel({ host: '127.0.0.1', port: terminal.port });
  await channel.start();
  const bus = new Bus(channel, settings);
  return {
    terminal,
    bus,
    client: new MeterClient(bus),
    close: async () => {
      bus.close();
      await channel.close();
      await terminal.close();
    },
  };
}
