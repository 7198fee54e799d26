import { connect, type Socket } from 'node:net';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app.ts';
import type { HttpLimits } from './limits.ts';

const MiB = 1024 * 1024;

/** Sends `text` on a fresh TCP connection, then whatever `more` writes; resolves with all it received. */
function exchange(
  port: number,
  text: string,
  more?: (socket: Socket) => void,
): Promise<{ received: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(text);
      more?.(socket);
    });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ received, closedAfterMs: Date.now() - started }));
  });
}

describe('request and connection limits', () => {
  let store: Store;
  let app: App;
  let port: number;
  const limits: Partial<HttpLimits> = {
    headersTimeoutMs: 300,
    requestTimeoutMs: 2_000,
    timeoutCheckMs: 50,
    connections: 3,
  };

  beforeAll(async () => {
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    app = await buildApp({
      checkResponses: true,
      store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      limits,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    port = address.port;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('refuses a 2 MiB JSON body to the public sign-in with 413, in words', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(2 * MiB), password: 'y' });
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: big,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'BODY_TOO_LARGE',
      message: 'The request body is larger than the 1 MiB limit',
    });
  });

  it('answers 413 from the declared length, before the body is sent', async () => {
    const { received, closedAfterMs } = await exchange(
      port,
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${2 * MiB}\r\nConnection: close\r\n\r\n{"username":`,
    );
    expect(received).toMatch(/^HTTP\/1\.1 413/);
    expect(received).toContain('BODY_TOO_LARGE');
    expect(closedAfterMs).toBeLessThan(1_000);
  });

  it('takes no file on the routes that do not import (the upload parser is scoped to the imports)', async () => {
    for (const contentType of ['application/octet-stream', 'text/csv']) {
      for (const url of ['/api/auth/login', '/api/resident/code', '/api/resident/session']) {
        const response = await app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': contentType },
          payload: Buffer.alloc(2 * MiB, 0x41),
        });
        // Refused by its content type before a byte is read: the body never reaches the schema.
        expect(response.json(), `${contentType} ${url}`).toMatchObject({
          details: { reason: 'Unsupported Media Type' },
        });
      }
    }
  });

  it('closes a slow-loris connection whose headers never finish', async () => {
    let timer: NodeJS.Timeout | undefined;
    const { closedAfterMs } = await exchange(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\n', (socket) => {
      // A header byte every 50 ms: the socket is never idle, the headers never end.
      timer = setInterval(() => socket.write('X'), 50);
      socket.on('close', () => clearInterval(timer));
    });
    clearInterval(timer);
    expect(closedAfterMs).toBeLessThan(1_500);
  }, 5_000);

  it('closes connections past the cap as they arrive', async () => {
    const held: Socket[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        held.push(
          await new Promise<Socket>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => resolve(socket));
            socket.on('error', () => {});
          }),
        );
      }
      // Let the server accept the three before the fourth knocks.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const extra = await exchange(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(extra.received).toBe('');
    } finally {
      for (const socket of held) socket.destroy();
    }
  });
});
