import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { run } from './sim.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

async function started(args: string[]) {
  const out: string[] = [];
  const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text) };
  const running = run(args, io);
  while (!out.some((line) => line.startsWith('control API'))) await new Promise((r) => setTimeout(r, 20));
  return {
    out,
    stop: async () => {
      process.emit('SIGINT');
      return running;
    },
  };
}

describe('openami sim', () => {
  it('starts a generated field, prints its ports and control API, and stops on SIGINT', async () => {
    const sigtermListeners = process.listenerCount('SIGTERM');
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text) };
    const running = run(['--terminals', '2', '--ports', '2', '--meters-per-port', '3', '--seed', '1'], io);
    while (!out.some((line) => line.startsWith('control API'))) await new Promise((r) => setTimeout(r, 20));
    expect(out[0]).toMatch(/^T0001 DH602 server ports: \d+ \d+$/);
    expect(out).toContain('12 meters; time factor 1');
    const url = (out.find((line) => line.startsWith('control API')) ?? '').replace('control API: ', '');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    process.emit('SIGINT');
    expect(await running).toBe(0);
    expect(out.at(-1)).toBe('stopped');
    expect(process.listenerCount('SIGTERM')).toBe(sigtermListeners);
  });

  it('refuses a generator option that is not a number', async () => {
    const err: string[] = [];
    const code = await run(['--terminals', 'x'], { out: () => {}, err: (text) => err.push(text) });
    expect(code).toBe(2);
    expect(err[0]).toMatch(/--terminals must be a number/);
  });

  it('prints every address it listens on, and the control port, chosen or given', async () => {
    const chosen = await started(['--terminals', '1', '--ports', '2', '--meters-per-port', '1']);
    const tcpPorts = (chosen.out[0] ?? '').split('ports: ')[1]?.split(' ') ?? [];
    expect(chosen.out).toContain(`  RS-485 port 1: listening on 127.0.0.1:${tcpPorts[0]}`);
    expect(chosen.out).toContain(`  RS-485 port 2: listening on 127.0.0.1:${tcpPorts[1]}`);
    const line = chosen.out.find((text) => text.startsWith('control port: ')) ?? '';
    expect(line).toMatch(
      /^control port: 127\.0\.0\.1:\d+ \(a free port chosen at start; --control-port N fixes it\)$/,
    );
    const port = Number(/:(\d+)/.exec(line)?.[1]);
    expect((await fetch(`http://127.0.0.1:${port}/terminals`)).status).toBe(200);
    expect(await chosen.stop()).toBe(0);

    const wanted = await freePort();
    const given = await started([
      '--terminals',
      '1',
      '--ports',
      '1',
      '--meters-per-port',
      '1',
      '--control-port',
      String(wanted),
    ]);
    expect(given.out).toContain(`control port: 127.0.0.1:${wanted}`);
    expect(given.out).toContain(`control API: http://127.0.0.1:${wanted}/terminals`);
    expect(await given.stop()).toBe(0);
  });
});
