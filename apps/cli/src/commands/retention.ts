import { parseArgs } from 'node:util';
import { ConfigError, loadSetting, retentionOf } from '@openami/config';
import { runRetention } from '@openami/server';
import type { CommandIo } from '../io.ts';
import { readSettingFile } from '../setting-file.ts';
import { openDatabase } from './database-option.ts';

const usage = `usage: openami retention run [--dry-run] [--database URL]

Removes what is older than its retention (OPENAMI_RETENTION_READINGS_DAYS, OPENAMI_RETENTION_ALARMS_MONTHS,
OPENAMI_RETENTION_NOTIFICATIONS_DAYS, OPENAMI_RETENTION_RESIDENT_CODES_HOURS), a batch at a time, as serve
does every OPENAMI_RETENTION_HOURS, and audits the run (system.retention). --dry-run counts what would go and
removes nothing. Never removed: the vending ledger, the audit log, roll-ups and daily freezes, open alarms.`;

const words: Record<string, string> = {
  reading_energy: 'energy readings',
  reading_instant: 'instantaneous readings',
  cleared_alarms: 'cleared alarms',
  notifications: 'finished notifications',
  resident_codes: "residents' sign-in codes",
};

export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'run') {
    io.err(usage);
    return sub === undefined || sub === 'help' || sub === '--help' ? 0 : 2;
  }
  let database: string | undefined;
  let dryRun: boolean | undefined;
  let periods: ReturnType<typeof retentionOf>;
  try {
    ({
      values: { database, 'dry-run': dryRun },
    } = parseArgs({ args: rest, options: { database: { type: 'string' }, 'dry-run': { type: 'boolean' } } }));
    const setting = (key: keyof Parameters<typeof retentionOf>[0]) =>
      loadSetting(process.env, key, readSettingFile);
    periods = retentionOf({
      retentionReadingsDays: setting('retentionReadingsDays'),
      retentionAlarmsMonths: setting('retentionAlarmsMonths'),
      retentionNotificationsDays: setting('retentionNotificationsDays'),
      retentionResidentCodesHours: setting('retentionResidentCodesHours'),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`openami retention: ${error.message}`);
      return 2;
    }
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const store = openDatabase(database);
  try {
    const removals = await runRetention(store, periods, {
      now: Date.now(),
      actor: { name: 'console', sourceIp: 'console' },
      dryRun: dryRun === true,
    });
    for (const r of removals) {
      const older = new Date(r.olderThan).toISOString();
      io.out(
        `${dryRun ? 'would remove' : 'removed'} ${r.rows} ${words[r.kind] ?? r.kind} older than ${older}`,
      );
    }
    if (removals.length === 0) io.out('every retention is off (0): nothing to remove');
    return 0;
  } finally {
    await store.close();
  }
}
