import { ConfigError, parseConfig, type RunningServer, StartupError, startServer } from '@openami/server';
import type { CommandIo } from '../io.ts';
import { readSettingFile } from '../setting-file.ts';
import { builtWebRoot } from '../web-root.ts';
import { serveParts } from './serve-parts.ts';

const usage = `usage: openami serve [--collector]

Runs the HTTP API, and the web application at / when it is built (npm ci builds it); with --collector
(or OPENAMI_COLLECTOR=true) also the head-end, which collects the installed meters by the reading plans and
answers "read now" and meter commands. Settings come from the environment: the OPENAMI_* variables that
docs/configuration.md and .env.example list as read by serve. The schema must be current: run
\`openami migrate\` first.`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const withCollector = args.length === 1 && args[0] === '--collector';
  if (args.length > 0 && !withCollector) {
    io.err(usage);
    return args[0] === 'help' || args[0] === '--help' ? 0 : 2;
  }
  try {
    const parsed = parseConfig(
      withCollector ? { ...process.env, OPENAMI_COLLECTOR: 'true' } : process.env,
      readSettingFile,
    );
    const webRoot = parsed.webRoot ?? builtWebRoot();
    const config = { ...parsed, webRoot };
    const server = await startServer(config, serveParts(config));
    const { address } = server;
    io.err(`openami serve: listening on ${address} (API docs at ${address}/api/docs)`);
    io.err(
      webRoot === undefined
        ? 'openami serve: the web application is not built (npm run build -w @openami/web); serving the API only'
        : `openami serve: web application at ${address}/`,
    );
    return await stopOnSignal(server, config.shutdownMs, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartupError) {
      io.err(`openami serve: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/**
 * Waits for SIGTERM or SIGINT (SIGHUP meanwhile loads the TLS files again), then closes the server (event streams, HTTP, collector and notifier, store)
 * within `deadlineMs`: 0 when it closed in time; past the deadline, or on a second signal, 1 and a log line
 * naming what was still open, and the process exits at once.
 */
async function stopOnSignal(server: RunningServer, deadlineMs: number, io: CommandIo): Promise<number> {
  const hangUp = () => server.reloadTls('SIGHUP');
  process.on('SIGHUP', hangUp);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  process.off('SIGHUP', hangUp);
  io.err(`openami serve: ${signal}: stopping (at most ${deadlineMs / 1000} s)`);
  const giveUp = async (why: string) => {
    const open = await server.stillOpen();
    io.err(
      `openami serve: ${why}; still open: ${open.length === 0 ? 'nothing closable, but the process did not end' : open.join(', ')}; exiting with status 1`,
    );
    process.exit(1);
  };
  // Unreferenced: once everything closed the process ends by itself; the timer fires only if it did not.
  const deadline = setTimeout(() => void giveUp(`not stopped within ${deadlineMs / 1000} s`), deadlineMs);
  deadline.unref();
  const again = () => void giveUp('a second signal');
  process.once('SIGINT', again);
  process.once('SIGTERM', again);
  await server.close();
  io.err('openami serve: stopped');
  return 0;
}
