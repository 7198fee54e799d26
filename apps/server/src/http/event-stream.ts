// Server-sent events (text/event-stream) on a hijacked reply: the headers that keep proxies from buffering,
// a keep-alive comment every 15 s, and clean-up when the client goes.
import type { FastifyReply } from 'fastify';

export interface EventStream {
  send(event: string, data: unknown): void;
  /** A comment line: shows the client the stream is open, and keeps idle proxies from closing it. */
  comment(text: string): void;
  end(): void;
  /** Runs when the client goes or the stream ends. */
  onClose(cleanUp: () => void): void;
}

export function openEventStream(reply: FastifyReply): EventStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
  raw.on('close', () => clearInterval(keepAlive));
  return {
    send: (event, data) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    comment: (text) => raw.write(`: ${text}\n\n`),
    end: () => raw.end(),
    onClose: (cleanUp) => raw.on('close', cleanUp),
  };
}
