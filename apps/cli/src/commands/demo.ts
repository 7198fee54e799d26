// `openami demo`: the README's first command. A fresh SQLite database under ./data, a generated
// administrator password printed once, a simulated residential community on real TCP sockets, and the API,
// the web application, the collector and the alarms in one process, until Ctrl-C.
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '@openami/config';
import { FULL_COMMUNITY } from '../demo/community.ts';
import { DEFAULT_HISTORY_DAYS, DEFAULT_TIME_FACTOR, startDemo } from '../demo/start-demo.ts';
import type { CommandIo } from '../io.ts';
import { readSettingFile } from '../setting-file.ts';

const USAGE = `usage: openami demo [--port 8080] [--host 127.0.0.1] [--time-factor 10] [--history-days 60] [--data ./data] [--small]
      Starts OpenAMI with a simulated community of ${FULL_COMMUNITY.buildings * FULL_COMMUNITY.unitsPerBuilding * FULL_COMMUNITY.floors * FULL_COMMUNITY.roomsPerFloor} households on SQLite (./data/demo.sqlite, made afresh),
      prints the address and a generated administrator password, and runs until Ctrl-C.
      --time-factor runs the field faster than real time (10: a simulated hour in six minutes); --small starts 8 households.
      --history-days back-fills that many days of readings from the simulated meters before going live (0: none).`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  let values: {
    port?: string;
    host?: string;
    'time-factor'?: string;
    'history-days'?: string;
    data?: string;
    small?: boolean;
    help?: boolean;
  };
  try {
    values = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'time-factor': { type: 'string' },
        'history-days': { type: 'string' },
        data: { type: 'string' },
        small: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    io.err(USAGE);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(process.env, 'demo', readSettingFile);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`openami demo: ${error.message}`);
    return 1;
  }
  const port = values.port === undefined ? config.port : Number(values.port);
  const timeFactor = Number(values['time-factor'] ?? DEFAULT_TIME_FACTOR);
  const historyDays = Number(values['history-days'] ?? DEFAULT_HISTORY_DAYS);
  if (
    !Number.isInteger(port) ||
    port < 0 ||
    port > 65_535 ||
    !(timeFactor >= 1 && timeFactor <= 100_000) ||
    !Number.isInteger(historyDays) ||
    historyDays < 0 ||
    historyDays > 61
  ) {
    io.err(
      `openami demo: --port takes 0-65535, --time-factor 1-100000 and --history-days 0-61 (a meter keeps 62 daily freezes)\n\n${USAGE}`,
    );
    return 2;
  }
  io.err('openami demo: starting…');
  const demo = await startDemo({
    port,
    timeFactor,
    historyDays,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    ...(values.small === true
      ? { size: { buildings: 1, unitsPerBuilding: 2, floors: 2, roomsPerFloor: 2 } }
      : {}),
    log: (line) => io.err(`openami demo: ${line}`),
  });
  io.out('');
  io.out(`  OpenAMI 演示 / demo:  ${demo.url}`);
  io.out(`  用户名 / username:    ${demo.username}`);
  io.out(`  密码 / password:      ${demo.password}`);
  if (demo.resident !== undefined) {
    io.out(`  住户自助 / resident:  ${demo.url}/resident`);
    io.out(`    户号 / account ${demo.resident.accountNo}, 手机 / phone ${demo.resident.phone}`);
    io.out('    验证码见下方日志 / the sign-in code appears in the log below ("notify <phone>: …")');
  }
  io.out(`  ${demo.meters} 块电表 / meters, 数据库 / database ${demo.databasePath}`);
  io.out('  Ctrl-C 停止 / stops');
  io.out('');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  io.err('openami demo: stopping');
  await demo.stop();
  return 0;
}
