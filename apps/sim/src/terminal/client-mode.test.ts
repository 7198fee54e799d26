// TCP-client mode: the terminal dials the master station, announces itself, then works as in server mode,
// and dials again when the link drops.
import { createServer, type Server, type Socket } from 'node:net';
import { Deframer, encodeFrame, parseResponse2007, requestFrame2007 } from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type Field, startField } from '../field/field.ts';

let field: Field | undefined;
let server: Server | undefined;

afterEach(async () => {
  await field?.stop();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  field = undefined;
  server = undefined;
});

function nextConnection(listening: Server): Promise<Socket> {
  return new Promise((resolve) => listening.once('connection', resolve));
}

function nextData(socket: Socket): Promise<Uint8Array> {
  return new Promise((resolve) => socket.once('data', (chunk: Buffer) => resolve(new Uint8Array(chunk))));
}

describe('terminal in TCP-client mode', () => {
  it('dials out, sends its registration, answers reads and redials after a drop', async () => {
    const listening = createServer();
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', () => resolve()));
    const address = listening.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const connection = nextConnection(listening);
    field = await startField({
      terminals: [
        {
          id: 'G1',
          model: 'DH601',
          mode: 'client',
          connect: { host: '127.0.0.1', port, registration: 'REG {terminal}/{port}' },
          ports: [
            { baud: 9600, meters: [{ address: '000000000005', responseDelayMs: { min: 20, max: 20 } }] },
          ],
        },
      ],
    });
    const socket = await connection;
    expect(new TextDecoder().decode(await nextData(socket))).toBe('REG G1/0');
    const deframer = new Deframer();
    const reply = nextData(socket);
    socket.write(encodeFrame(requestFrame2007({ kind: 'read-address', address: 'AAAAAAAAAAAA' })));
    const [event] = deframer.push(await reply);
    expect(event?.kind === 'frame' ? parseResponse2007(event.frame) : undefined).toEqual({
      kind: 'read-address',
      address: '000000000005',
    });
    const again = nextConnection(listening);
    socket.destroy();
    const redialled = await again;
    expect(new TextDecoder().decode(await nextData(redialled))).toBe('REG G1/0');
    redialled.destroy();
  });
});
