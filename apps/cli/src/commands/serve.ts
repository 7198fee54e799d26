import { ConfigError, parseConfig, StartupError, startServer } from '@openami/server';
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
    const { app, store, address } = await startServer(config, serveParts(config));
    io.err(`openami serve: listening on ${address} (API docs at ${address}/api/docs)`);
    io.err(
      webRoot === undefined
        ? 'openami serve: the web application is not built (npm run build -w @openami/web); serving the API only'
        : `openami serve: web application at ${address}/`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        app
          .close()
          .then(() => store.close())
          .then(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartupError) {
      io.err(`openami serve: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
