// TLS on the dial-in port: the head-end's certificate and key, and optionally the certificate authority
// whose certificates terminals must present (mutual TLS). With a client CA a terminal's identity is bound to
// its certificate: the certificate's common name must be the terminal's registration, so a stolen or
// replayed registration packet alone no longer gets a link.
import { readFileSync } from 'node:fs';
import type { TLSSocket, TlsOptions } from 'node:tls';

/** Where the dial-in port's TLS material is (PEM files). */
export interface DialInTlsFiles {
  readonly certPath: string;
  readonly keyPath: string;
  /** The CA that signs terminals' certificates; set, every terminal must present one it signed. */
  readonly clientCaPath?: string;
}

/** The options of `tls.createServer` the files make; the files are read now (and again on reload). */
export function dialInTlsOptions(files: DialInTlsFiles, handshakeTimeoutMs: number): TlsOptions {
  return {
    cert: readFileSync(files.certPath),
    key: readFileSync(files.keyPath),
    handshakeTimeout: handshakeTimeoutMs,
    ...(files.clientCaPath === undefined
      ? {}
      : { ca: readFileSync(files.clientCaPath), requestCert: true, rejectUnauthorized: true }),
  };
}

/**
 * The name a terminal's certificate must carry: its registration as text when it is printable ASCII (as
 * `DTU0001` is configured), otherwise `hex:` and its bytes in lower-case hex.
 */
export function certificateNameOf(registration: Uint8Array): string {
  const text = Buffer.from(registration).toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? text : `hex:${Buffer.from(registration).toString('hex')}`;
}

/** The common name of the client certificate a TLS socket was given, if any. */
export function peerCommonName(socket: TLSSocket): string | undefined {
  const subject = socket.getPeerCertificate().subject as Record<string, string | string[]> | undefined;
  const name = subject?.CN;
  return typeof name === 'string' ? name : undefined;
}
