// Started through npm (`npx openami …`, `npm exec`, a package script), `openami` runs under `sh -c`, and
// that shell does not pass signals on: npm forwards Ctrl-C's SIGINT or a SIGTERM to the shell, the shell
// dies, and this process is left running with nobody to stop it (holding its ports and its database).
// So, when npm launched us, follow the launcher: once our parent is gone (we have been re-parented), stop
// as if told to, with SIGTERM, which every long-running command answers by shutting down cleanly.

/** How often to look at the parent: a stop is noticed within this. */
export const LAUNCHER_POLL_MS = 500;
/** A command that has not finished shutting down by then is ended. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface LauncherProcess {
  readonly env: NodeJS.ProcessEnv;
  readonly pid: number;
  readonly ppid: number;
  kill(pid: number, signal: NodeJS.Signals): void;
  exit(code: number): void;
}

/** Starts watching when npm launched this process; returns a function that stops the watch. */
export function followLauncher(target: LauncherProcess = process): () => void {
  // npm sets npm_lifecycle_event for everything it runs (npx, npm exec, npm run, npm test).
  if (target.env.npm_lifecycle_event === undefined) return () => {};
  const launcher = target.ppid;
  const watch = setInterval(() => {
    if (target.ppid === launcher) return;
    clearInterval(watch);
    target.kill(target.pid, 'SIGTERM');
    // 128 + 15: the exit code of a process ended by SIGTERM.
    setTimeout(() => target.exit(143), SHUTDOWN_GRACE_MS).unref();
  }, LAUNCHER_POLL_MS);
  watch.unref();
  return () => clearInterval(watch);
}
