// Throw-away certificates for the TLS tests, made by the machine's openssl in a temporary directory: a
// certificate authority, and certificates it signs (a server's for 127.0.0.1, a terminal's with its name),
// or self-signed ones. Nothing here is ever used outside the tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertificatePair {
  readonly certPath: string;
  readonly keyPath: string;
  readonly cert: string;
  readonly key: string;
}

export class TestCertificates {
  readonly dir = mkdtempSync(join(tmpdir(), 'openami-tls-'));
  private serial = 0;

  /** A self-signed certificate for `commonName`, valid for 127.0.0.1 and localhost. */
  selfSigned(commonName: string): CertificatePair {
    const name = this.nextName();
    const certPath = join(this.dir, `${name}.crt`);
    const keyPath = join(this.dir, `${name}.key`);
    this.openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ]);
    return this.pair(certPath, keyPath);
  }

  /** A certificate for `commonName` signed by `ca` (a `selfSigned` pair), valid for 127.0.0.1 and localhost. */
  signedBy(ca: CertificatePair, commonName: string): CertificatePair {
    const name = this.nextName();
    const certPath = join(this.dir, `${name}.crt`);
    const keyPath = join(this.dir, `${name}.key`);
    const requestPath = join(this.dir, `${name}.csr`);
    const extensionsPath = join(this.dir, `${name}.ext`);
    writeFileSync(extensionsPath, 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    this.openssl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      `/CN=${commonName}`,
      '-keyout',
      keyPath,
      '-out',
      requestPath,
    ]);
    this.openssl([
      'x509',
      '-req',
      '-in',
      requestPath,
      '-CA',
      ca.certPath,
      '-CAkey',
      ca.keyPath,
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      extensionsPath,
      '-out',
      certPath,
    ]);
    return this.pair(certPath, keyPath);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private nextName(): string {
    this.serial++;
    return `c${this.serial}`;
  }

  private pair(certPath: string, keyPath: string): CertificatePair {
    return {
      certPath,
      keyPath,
      cert: readFileSync(certPath, 'utf8'),
      key: readFileSync(keyPath, 'utf8'),
    };
  }

  private openssl(args: readonly string[]): void {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}
