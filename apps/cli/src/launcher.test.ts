import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { followLauncher, LAUNCHER_POLL_MS, type LauncherProcess } from './launcher.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Every process below `pid`, from Linux's /proc (children lists need CONFIG_PROC_CHILDREN, as Debian has). */
function descendants(pid: number): number[] {
  const path = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(path)) return [];
  const children = readFileSync(path, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Gone, or a zombie nobody has reaped yet: either way no longer running. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('the openami launcher', () => {
  it.skipIf(process.platform !== 'linux')(
    'stops `npx openami sim` when npx is sent SIGTERM, although the shell between them drops it',
    async () => {
      const npx: ChildProcess = spawn(
        'npm',
        [
          'exec',
          '--offline',
          '--',
          'openami',
          'sim',
          '--terminals',
          '1',
          '--ports',
          '1',
          '--meters-per-port',
          '1',
        ],
        { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      npx.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      npx.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      let node: number | undefined;
      try {
        expect(await until(() => output.includes('control API'), 30_000)).toBe(true);
        const npxPid = npx.pid as number;
        node = descendants(npxPid).find((pid) => commandLine(pid).includes('openami sim'));
        expect(node, `no openami process under npx ${npxPid}`).toBeDefined();
        npx.kill('SIGTERM');
        // npm hands SIGTERM to `sh -c`, which dies without passing it on; the sim must notice and stop.
        expect(await until(() => !running(node as number), 10_000)).toBe(true);
        expect(output).toContain('stopped');
      } finally {
        npx.kill('SIGKILL');
        if (node !== undefined && running(node)) process.kill(node, 'SIGKILL');
      }
    },
  );

  it('sends SIGTERM to itself once re-parented, only when npm launched it', () => {
    vi.useFakeTimers();
    try {
      const fake = (env: NodeJS.ProcessEnv) => {
        const signals: string[] = [];
        const state = { ppid: 100 };
        const target: LauncherProcess = {
          env,
          pid: 200,
          get ppid() {
            return state.ppid;
          },
          kill: (_pid, signal) => signals.push(signal),
          exit: (code) => signals.push(`exit ${code}`),
        };
        return { target, signals, state };
      };
      const launched = fake({ npm_lifecycle_event: 'npx' });
      followLauncher(launched.target);
      vi.advanceTimersByTime(LAUNCHER_POLL_MS * 4);
      expect(launched.signals).toEqual([]);
      launched.state.ppid = 1;
      vi.advanceTimersByTime(LAUNCHER_POLL_MS);
      expect(launched.signals).toEqual(['SIGTERM']);
      vi.advanceTimersByTime(60_000);
      expect(launched.signals).toEqual(['SIGTERM', 'exit 143']);

      // Started by hand or by a service manager: a re-parented process (nohup, a daemon) keeps running.
      const direct = fake({});
      followLauncher(direct.target);
      direct.state.ppid = 1;
      vi.advanceTimersByTime(60_000);
      expect(direct.signals).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
