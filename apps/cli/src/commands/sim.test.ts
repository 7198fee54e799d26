import { describe, expect, it } from 'vitest';
import { run } from './sim.ts';

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
});
