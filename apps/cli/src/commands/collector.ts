// `openami collector`: the head-end as a process: reads the field from the store, runs the reading plans on
// schedule and stores what it reads. `--run <plan>` runs one plan once and exits.
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '@openami/config';
import { Collector, DEFAULT_PLANS } from '@openami/headend';
import { describeAhead, schemaStatus } from '@openami/storage';
import { collectorOptions } from '../collector-options.ts';
import type { CommandIo } from '../io.ts';
import { jsonLog } from '../json-log.ts';
import { readSettingFile } from '../setting-file.ts';
import { openDatabase } from './database-option.ts';

const USAGE = `usage: openami collector [--database URL] [--time-zone Asia/Shanghai] [--dial-in-port N] [--run PLAN]
      Collects every installed meter on its terminal port by the site's reading plans (out of the box:
      ${DEFAULT_PLANS.map((p) => p.id).join(', ')}), storing what it reads, until Ctrl-C.
      --run PLAN runs one plan now and exits. Plans are edited through the API (/api/collection/plans).
      The database is --database, else OPENAMI_DATABASE_URL, else ./data/openami.sqlite; run \`openami migrate\` first.
      Commands need OPENAMI_METER_PASSWORD (level:password); OPENAMI_TIME_ZONE sets the site's zone.`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  let values: {
    database?: string;
    'time-zone'?: string;
    'dial-in-port'?: string;
    run?: string;
    help?: boolean;
  };
  try {
    values = parseArgs({
      args,
      options: {
        database: { type: 'string' },
        'time-zone': { type: 'string' },
        'dial-in-port': { type: 'string' },
        run: { type: 'string' },
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
  const store = openDatabase(values.database);
  try {
    const status = await schemaStatus(store.db);
    if (status.kind === 'behind') {
      io.err('openami collector: the database schema is not current; run `openami migrate` first');
      return 1;
    }
    if (status.kind === 'ahead') {
      io.err(`openami collector: ${describeAhead(status.unknown)}`);
      return 1;
    }
    let config: Config;
    try {
      config = loadConfig(process.env, 'collector', readSettingFile);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(`openami collector: ${error.message}`);
      return 1;
    }
    const collector = new Collector(store, {
      ...collectorOptions(config.collectorOptions),
      ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
      ...(values['dial-in-port'] === undefined ? {} : { dialInPort: Number(values['dial-in-port']) }),
      // One JSON line per event, as serve logs (docs/operations.md, Logs).
      log: jsonLog('collector', (line) => io.err(line)),
    });
    await collector.start(values.run === undefined);
    if (values.run !== undefined) {
      const plan = collector.plan(values.run);
      try {
        if (plan === undefined) {
          io.err(
            `openami collector: no plan ${JSON.stringify(values.run)}; the plans are ${collector.plans.map((p) => p.id).join(', ')}`,
          );
          return 2;
        }
        io.out(
          `${plan.id}: ${await collector.runPlan(plan, { trigger: 'operator', actor: { userId: null, name: 'console', sourceIp: 'local' } })}`,
        );
        return 0;
      } finally {
        await collector.stop();
      }
    }
    io.err('openami collector: running the reading plans; Ctrl-C stops');
    const hangUp = () => collector.reloadDialInTls('SIGHUP');
    process.on('SIGHUP', hangUp);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    process.off('SIGHUP', hangUp);
    await collector.stop();
    return 0;
  } finally {
    await store.close();
  }
}
