// Server-sent events (text/event-stream) on a hijacked reply: the headers that keep proxies from buffering,
// a keep-alive comment every 15 s, and clean-up when the client goes. The app's open streams are kept so
// that closing the app ends them: a hijacked stream would otherwise hold the HTTP server open for ever.
import type { Server } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface EventStream {
  send(event: string, data: unknown): void;
  /** A comment line: shows the client the stream is open, and keeps idle proxies from closing it. */
  comment(text: string): void;
  end(): void;
  /** Runs when the client goes or the stream ends. */
  onClose(cleanUp: () => void): void;
  /**
   * Whether the stream may go on (its `authorise` check, see `openEventStream`): false, and the stream
   * ended, when the check fails. Call before each event; without a check, always true.
   */
  authorised(): Promise<boolean>;
}

/** A stream's re-authorisation: `check` every `everyMs` and on `authorised()`; the stream ends when false. */
export interface StreamAuthorisation {
  readonly check: () => Promise<boolean>;
  readonly everyMs: number;
}

/** The open streams of each app, by its HTTP server (the same for the app and every plugin in it). */
const openStreams = new WeakMap<Server, Set<EventStream>>();

export function openEventStream(reply: FastifyReply, authorise?: StreamAuthorisation): EventStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
  const stream: EventStream = {
    send: (event, data) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    comment: (text) => raw.write(`: ${text}\n\n`),
    end: () => raw.end(),
    onClose: (cleanUp) => raw.on('close', cleanUp),
    authorised: async () => {
      if (authorise === undefined) return !raw.writableEnded;
      const ok = await authorise.check().catch(() => false);
      if (!ok && !raw.writableEnded) {
        raw.write(': unauthorised\n\n');
        raw.end();
      }
      return ok && !raw.writableEnded;
    },
  };
  const recheck =
    authorise === undefined ? undefined : setInterval(() => void stream.authorised(), authorise.everyMs);
  const server = reply.server.server as Server;
  let streams = openStreams.get(server);
  if (streams === undefined) {
    streams = new Set();
    openStreams.set(server, streams);
  }
  const open = streams;
  open.add(stream);
  raw.on('close', () => {
    clearInterval(keepAlive);
    clearInterval(recheck);
    open.delete(stream);
  });
  return stream;
}

/**
 * Ends every open stream of the app, as it closes: a last `closing` comment, then the end of the response
 * (a browser's EventSource reconnects, to this server once it is back or to another behind the proxy).
 * Returns how many were open.
 */
export function endEventStreams(app: FastifyInstance): number {
  const streams = openStreams.get(app.server as Server);
  if (streams === undefined) return 0;
  const count = streams.size;
  for (const stream of [...streams]) {
    stream.comment('closing');
    stream.end();
  }
  return count;
}
