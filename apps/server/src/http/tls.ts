// HTTPS for the API and the web application: the certificate, its intermediates and the key from files
// (OPENAMI_TLS_CERT_PATH, OPENAMI_TLS_KEY_PATH, OPENAMI_TLS_CHAIN_PATH), read again when they change and on SIGHUP, so that a renewed certificate is served
// without a restart. A new pair that does not load (unreadable, not PEM, key and certificate not a pair,
// expired or not yet valid) is refused: the old one keeps being served, and the log and
// `openami_tls_reloads_total{outcome="refused"}` say why.

import { X509Certificate } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import type { TlsFiles } from '@openami/config';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';

/** The certificate (with its intermediates) and the key, as `https.createServer` and `setSecureContext` take them. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

/** What a pair that cannot be served is refused for: a short reason (a metric label) and the detail. */
export class TlsLoadError extends Error {
  override readonly name = 'TlsLoadError';
  readonly reason: 'unreadable' | 'invalid' | 'not-a-pair' | 'expired' | 'not-yet-valid';

  constructor(reason: TlsLoadError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Reads and checks the files: both parse, the key is the certificate's, and the certificate is valid at
 * `now`. Throws a `TlsLoadError` otherwise.
 */
export function loadTlsMaterial(files: TlsFiles, now: number = Date.now()): TlsMaterial {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(files.certPath, 'utf8');
    if (files.chainPath !== undefined) cert = `${cert.trimEnd()}\n${readFileSync(files.chainPath, 'utf8')}`;
    key = readFileSync(files.keyPath, 'utf8');
  } catch (error) {
    throw new TlsLoadError('unreadable', (error as Error).message);
  }
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch (error) {
    throw new TlsLoadError('invalid', `the certificate does not parse: ${(error as Error).message}`);
  }
  try {
    // Throws when the key does not parse or is not the certificate's.
    createSecureContext({ cert, key } satisfies SecureContextOptions);
  } catch (error) {
    throw new TlsLoadError(
      'not-a-pair',
      `the key does not go with the certificate: ${(error as Error).message}`,
    );
  }
  if (Date.parse(leaf.validTo) <= now)
    throw new TlsLoadError('expired', `the certificate expired ${leaf.validTo}`);
  if (Date.parse(leaf.validFrom) > now)
    throw new TlsLoadError('not-yet-valid', `the certificate is valid only from ${leaf.validFrom}`);
  return { cert, key };
}

/** The server whose certificate is swapped (an `https.Server`). */
export interface SecureServer {
  setSecureContext(options: SecureContextOptions): void;
}

export interface TlsReloadOptions {
  /** How often the files are looked at (default 5 s). */
  readonly watchMs?: number;
  /** Told of every reload: the outcome, and why a pair was refused. */
  readonly onReload: (
    outcome: { loaded: true } | { loaded: false; error: TlsLoadError },
    why: string,
  ) => void;
  readonly now?: () => number;
}

/** Watches the TLS files and swaps the server's certificate when they change; `reload` does it on demand. */
export class TlsReloader {
  private readonly server: SecureServer;
  private readonly files: TlsFiles;
  private readonly options: TlsReloadOptions;
  private pending: NodeJS.Timeout | undefined;
  private readonly paths: readonly string[];

  constructor(server: SecureServer, files: TlsFiles, options: TlsReloadOptions) {
    this.server = server;
    this.files = files;
    this.options = options;
    this.paths = [files.certPath, files.keyPath, ...(files.chainPath === undefined ? [] : [files.chainPath])];
  }

  start(): void {
    const interval = this.options.watchMs ?? 5000;
    for (const path of this.paths) {
      watchFile(path, { interval, persistent: false }, (current, previous) => {
        if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
        // The certificate and the key are replaced one after the other: wait for both before loading.
        clearTimeout(this.pending);
        this.pending = setTimeout(() => this.reload(`${path} changed`), Math.min(interval, 500));
        this.pending.unref();
      });
    }
  }

  stop(): void {
    clearTimeout(this.pending);
    for (const path of this.paths) unwatchFile(path);
  }

  /** Loads the files now; true when the server serves them from the next handshake on. */
  reload(why: string): boolean {
    try {
      const material = loadTlsMaterial(this.files, (this.options.now ?? Date.now)());
      this.server.setSecureContext(material);
      this.options.onReload({ loaded: true }, why);
      return true;
    } catch (error) {
      const refused =
        error instanceof TlsLoadError ? error : new TlsLoadError('invalid', (error as Error).message);
      this.options.onReload({ loaded: false, error: refused }, why);
      return false;
    }
  }
}

/**
 * Starts watching the app's TLS files (its server is an HTTPS server): every reload is logged and counted,
 * and the watch ends as the app closes.
 */
export function watchTls(
  app: FastifyInstance,
  files: TlsFiles,
  metrics: Metrics,
  watchMs?: number,
): TlsReloader {
  const reloader = new TlsReloader(app.server as unknown as SecureServer, files, {
    ...(watchMs === undefined ? {} : { watchMs }),
    onReload: (outcome, why) => {
      if (outcome.loaded) {
        metrics.tlsReloads.inc({ outcome: 'loaded' });
        app.log.info({ tls: true }, `TLS certificate reloaded (${why})`);
      } else {
        metrics.tlsReloads.inc({ outcome: 'refused', reason: outcome.error.reason });
        app.log.error(
          { tls: true },
          `TLS certificate reload refused (${why}): ${outcome.error.message}; the previous certificate is still served`,
        );
      }
    },
  });
  reloader.start();
  app.addHook('onClose', async () => reloader.stop());
  return reloader;
}
