// The dial-in port over real TLS sockets: a terminal that speaks TLS gets its link; with a client CA, only a
// certificate the CA signed and that names the registration sent does, and a plain-TCP client gets nothing.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CertificatePair, TestCertificates } from '../../test/certificates.ts';
import { DialInServer, packetFromSetting } from './dial-in-server.ts';

let certificates: TestCertificates;
let ca: CertificatePair;
let server: CertificatePair;
let dtu1: CertificatePair;
let dtu2: CertificatePair;
let strangerCa: CertificatePair;
let stranger: CertificatePair;
const servers: DialInServer[] = [];
const sockets: TLSSocket[] = [];

beforeAll(() => {
  certificates = new TestCertificates();
  ca = certificates.selfSigned('OpenAMI test CA');
  server = certificates.signedBy(ca, 'head-end');
  dtu1 = certificates.signedBy(ca, 'DTU0001');
  dtu2 = certificates.signedBy(ca, 'DTU0002');
  strangerCa = certificates.selfSigned('someone else');
  stranger = certificates.signedBy(strangerCa, 'DTU0001');
});

afterAll(() => certificates.remove());

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const dialIn of servers.splice(0)) await dialIn.close();
});

async function serve(clientCa: boolean, lines: string[] = []) {
  const dialIn = new DialInServer([{ id: 1, registration: packetFromSetting('DTU0001') }], {
    host: '127.0.0.1',
    registrationTimeoutMs: 1000,
    tls: {
      certPath: server.certPath,
      keyPath: server.keyPath,
      ...(clientCa ? { clientCaPath: ca.certPath } : {}),
    },
    log: (line) => lines.push(line),
  });
  servers.push(dialIn);
  return { dialIn, port: await dialIn.listen() };
}

/** A terminal dialling in over TLS (trusting the test CA), sending its registration once connected. */
function dialInTls(port: number, registration: string, client?: CertificatePair): Promise<TLSSocket> {
  const socket = connect({
    host: '127.0.0.1',
    port,
    ca: ca.cert,
    ...(client === undefined ? {} : { cert: client.cert, key: client.key }),
  });
  sockets.push(socket);
  socket.on('error', () => {});
  return new Promise((resolve) => {
    socket.once('secureConnect', () => {
      socket.write(registration);
      resolve(socket);
    });
    socket.once('close', () => resolve(socket));
  });
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('the dial-in port over TLS', () => {
  it('links a terminal that dials in over TLS, and the head-end reads through it', async () => {
    const { dialIn, port } = await serve(false);
    const socket = await dialInTls(port, 'DTU0001');
    expect(socket.authorized).toBe(true);
    const channel = dialIn.channel(1);
    await waitFor(() => channel.isOpen);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await channel.write(Buffer.from('hello'));
    await waitFor(() => Buffer.concat(received).toString() === 'hello');
  });

  it('gives a plain-TCP client nothing', async () => {
    const { dialIn, port } = await serve(false);
    const { connect: plainConnect } = await import('node:net');
    const plain = plainConnect({ host: '127.0.0.1', port });
    plain.on('error', () => {});
    plain.write('DTU0001');
    await new Promise((resolve) => plain.once('close', resolve));
    expect(dialIn.channel(1).isOpen).toBe(false);
    expect(dialIn.counters.tlsFailed).toBe(1);
  });
});

describe('the dial-in port with client certificates (mutual TLS)', () => {
  it('links a terminal whose certificate the CA signed and names the registration it sends', async () => {
    const { dialIn, port } = await serve(true);
    await dialInTls(port, 'DTU0001', dtu1);
    await waitFor(() => dialIn.channel(1).isOpen);
    expect(dialIn.counters.identified).toBe(1);
  });

  it('refuses a terminal without a certificate, or with one another CA signed', async () => {
    const lines: string[] = [];
    const { dialIn, port } = await serve(true, lines);
    const bare = await dialInTls(port, 'DTU0001');
    await new Promise((resolve) => (bare.destroyed ? resolve(null) : bare.once('close', resolve)));
    const forged = await dialInTls(port, 'DTU0001', stranger);
    await new Promise((resolve) => (forged.destroyed ? resolve(null) : forged.once('close', resolve)));
    expect(dialIn.channel(1).isOpen).toBe(false);
    await waitFor(() => dialIn.counters.tlsFailed === 2);
    expect(lines.filter((line) => /TLS handshake .* failed/.test(line))).toHaveLength(2);
  });

  it("refuses a genuine terminal's certificate used to send another terminal's registration", async () => {
    const lines: string[] = [];
    const { dialIn, port } = await serve(true, lines);
    const socket = await dialInTls(port, 'DTU0001', dtu2);
    await new Promise((resolve) => socket.once('close', resolve));
    expect(dialIn.channel(1).isOpen).toBe(false);
    expect(dialIn.counters.refusedCertificate).toBe(1);
    expect(lines.some((line) => /certificate names "DTU0002", not "DTU0001"/.test(line))).toBe(true);
  });
});

describe('the dial-in port reloading its certificate', () => {
  it('uses new files for the next handshakes, and keeps the old ones when the new do not fit', async () => {
    const certPath = join(certificates.dir, 'dial-in.crt');
    const keyPath = join(certificates.dir, 'dial-in.key');
    copyFileSync(server.certPath, certPath);
    copyFileSync(server.keyPath, keyPath);
    const dialIn = new DialInServer([{ id: 1, registration: packetFromSetting('DTU0001') }], {
      host: '127.0.0.1',
      tls: { certPath, keyPath },
    });
    servers.push(dialIn);
    const port = await dialIn.listen();
    const servedName = async () => {
      const socket = await dialInTls(port, '');
      const subject = socket.getPeerCertificate().subject as Record<string, string> | undefined;
      socket.destroy();
      return subject?.CN;
    };
    expect(await servedName()).toBe('head-end');
    const renewed = certificates.signedBy(ca, 'head-end renewed');
    writeFileSync(certPath, renewed.cert);
    writeFileSync(keyPath, renewed.key);
    expect(dialIn.reloadTls()).toBe(true);
    expect(await servedName()).toBe('head-end renewed');
    // A certificate with another key: refused, the renewed pair stays.
    writeFileSync(keyPath, server.key);
    expect(() => dialIn.reloadTls()).toThrow();
    expect(await servedName()).toBe('head-end renewed');
  });
});
