// What one request may cost the process: body sizes, how long a client may take to send it, how many
// connections are open at once. The collector can run in the same process, so a client that exhausts
// memory or sockets must be refused early rather than take the meters' reading down with it.
import type { ServerOptions } from 'node:http';

const MiB = 1024 * 1024;

export interface HttpLimits {
  /** Any body but an import file (JSON, forms): Fastify's `bodyLimit`. */
  readonly bodyBytes: number;
  /** One import file as sent (.xlsx or .csv) on the import routes (OPENAMI_UPLOAD_MAX_MIB). */
  readonly uploadBytes: number;
  /** An .xlsx unpacked: every entry of the zip together, as its directory claims and as inflated. */
  readonly unpackedBytes: number;
  /** Rows of one import sheet, the header row included. */
  readonly rows: number;
  /** The whole request, headers and body, must arrive within this (Node's `requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** The headers must arrive within this (Node's `headersTimeout`): a slow-loris client is cut off. */
  readonly headersTimeoutMs: number;
  /**
   * A socket silent both ways for this long is closed (event streams send a comment every 15 s). Long: a
   * big import or report keeps the socket silent while the server works on it; slow clients are cut off by
   * the two timeouts above, idle keep-alive connections by Fastify's keep-alive timeout (72 s).
   */
  readonly idleTimeoutMs: number;
  /** How often Node checks the two timeouts above. */
  readonly timeoutCheckMs: number;
  /** Open connections at once (OPENAMI_MAX_CONNECTIONS); further ones are closed as they arrive. */
  readonly connections: number;
}

export const defaultHttpLimits: HttpLimits = {
  bodyBytes: 1 * MiB,
  uploadBytes: 8 * MiB,
  unpackedBytes: 64 * MiB,
  rows: 100_000,
  requestTimeoutMs: 120_000,
  headersTimeoutMs: 15_000,
  idleTimeoutMs: 600_000,
  timeoutCheckMs: 5_000,
  connections: 1000,
};

/** Bytes as MiB for the words of an error, two decimals at most. */
export function mebibytes(bytes: number): number {
  return Math.round((bytes / MiB) * 100) / 100;
}

/** The Fastify options that carry the limits (the connection cap is set on the server once built). */
export function serverLimitOptions(limits: HttpLimits): {
  bodyLimit: number;
  requestTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  return {
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
  };
}
