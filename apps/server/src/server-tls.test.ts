// `serve` over HTTPS with real sockets: the certificate from OPENAMI_TLS_CERT_PATH is served with HSTS; a renewed
// certificate written over the files is served to the next connection without a restart; a pair that does
// not load is refused, logged and counted, and the previous certificate is still served.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { type CertificatePair, TestCertificates } from '@openami/headend/testing';
import { migrateToLatest, openStore } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { type RunningServer, StartupError, startServer } from './server.ts';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** The common name of the certificate the server presented. */
  readonly servedName: string | undefined;
}

let certificates: TestCertificates;
let ca: CertificatePair;
let dir: string;

/** One request on a new connection (no keep-alive agent), trusting only the test CA. */
function get(address: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${address}${path}`, { ca: ca.cert, agent: false }, (res) => {
      const subject = (res.socket as TLSSocket).getPeerCertificate().subject as
        | Record<string, string>
        | undefined;
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, servedName: subject?.CN }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(await condition()).toBe(true);
}

/** Writes a pair over the served files, as a renewal (certbot, cert-manager) does. */
function install(pair: { cert: string; key: string }): void {
  writeFileSync(join(dir, 'server.crt'), pair.cert);
  writeFileSync(join(dir, 'server.key'), pair.key);
}

beforeAll(async () => {
  certificates = new TestCertificates();
  ca = certificates.selfSigned('OpenAMI test CA');
  dir = mkdtempSync(join(tmpdir(), 'openami-serve-tls-'));
  const store = openStore({ url: join(dir, 'db.sqlite') });
  await migrateToLatest(store.db);
  await store.close();
});

afterAll(() => {
  certificates.remove();
  rmSync(dir, { recursive: true, force: true });
});

function config() {
  return {
    ...parseConfig({
      OPENAMI_LOG_LEVEL: 'silent',
      OPENAMI_AUDIT_KEY: 'a test audit key of at least 32 characters',
      OPENAMI_TLS_CERT_PATH: join(dir, 'server.crt'),
      OPENAMI_TLS_KEY_PATH: join(dir, 'server.key'),
    }),
    port: 0,
    databaseUrl: join(dir, 'db.sqlite'),
  };
}

describe('serve over HTTPS', () => {
  let server: RunningServer;

  afterAll(async () => {
    await server?.close();
  });

  it('serves the configured certificate, with HSTS', async () => {
    const first = certificates.signedBy(ca, 'first.openami.test');
    copyFileSync(first.certPath, join(dir, 'server.crt'));
    copyFileSync(first.keyPath, join(dir, 'server.key'));
    server = await startServer(config(), undefined, { tlsWatchMs: 50 });
    expect(server.address).toMatch(/^https:\/\//);
    const answer = await get(server.address, '/api/auth/me');
    expect(answer.status).toBe(401);
    expect(answer.servedName).toBe('first.openami.test');
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('serves a renewed certificate to the next connection when the files change, without a restart', async () => {
    install(certificates.signedBy(ca, 'second.openami.test'));
    await waitFor(async () => (await get(server.address, '/healthz')).servedName === 'second.openami.test');
  });

  it('keeps the previous certificate when the new files do not load, and logs and counts why', async () => {
    const third = certificates.signedBy(ca, 'third.openami.test');
    const fourth = certificates.signedBy(ca, 'fourth.openami.test');
    // A certificate with somebody else's key.
    install({ cert: third.cert, key: fourth.key });
    const refused = () =>
      get(server.address, '/metrics').then((a) =>
        a.body.includes('openami_tls_reloads_total{outcome="refused",reason="not-a-pair"} 1'),
      );
    await waitFor(refused);
    expect((await get(server.address, '/healthz')).servedName).toBe('second.openami.test');
    // Not a certificate at all; then SIGHUP's reload, refused as well.
    install({ cert: 'not a certificate', key: fourth.key });
    expect(server.reloadTls('SIGHUP')).toBe(false);
    expect((await get(server.address, '/healthz')).servedName).toBe('second.openami.test');
    // The right pair, loaded on SIGHUP.
    install(fourth);
    expect(server.reloadTls('SIGHUP')).toBe(true);
    expect((await get(server.address, '/healthz')).servedName).toBe('fourth.openami.test');
    const metrics = (await get(server.address, '/metrics')).body;
    expect(metrics).toMatch(/openami_tls_reloads_total\{outcome="refused",reason="invalid"\} [1-9]/);
    expect(metrics).toMatch(/openami_tls_reloads_total\{outcome="loaded"\} [1-9]/);
  });

  it('refuses to start with files it cannot serve', async () => {
    const other = certificates.signedBy(ca, 'other.openami.test');
    const mine = certificates.signedBy(ca, 'mine.openami.test');
    const stray = join(dir, 'stray');
    rmSync(stray, { force: true });
    const refusal = await startServer({
      ...config(),
      tls: { certPath: mine.certPath, keyPath: other.keyPath },
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StartupError);
    expect(String(refusal)).toMatch(/key does not go with the certificate/);
    const missing = await startServer({
      ...config(),
      tls: { certPath: stray, keyPath: other.keyPath },
    }).catch((error: unknown) => error);
    expect(String(missing)).toMatch(/ENOENT/);
  });
});
