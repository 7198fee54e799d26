import type { CommandModule } from './io.ts';

interface CommandEntry {
  readonly summary: string;
  load(): Promise<CommandModule>;
}

/** The command table. Add a command here and put its module in `commands/`. */
export const commands: Readonly<Record<string, CommandEntry>> = {
  demo: {
    summary: 'start OpenAMI with a simulated community on SQLite, until Ctrl-C (openami demo --help)',
    load: () => import('./commands/demo.ts'),
  },
  migrate: {
    summary: 'apply database schema migrations (SQLite or PostgreSQL)',
    load: () => import('./commands/migrate.ts'),
  },
  serve: {
    summary: 'run the HTTP API (settings from OPENAMI_* environment variables)',
    load: () => import('./commands/serve.ts'),
  },
  db: {
    summary: 'openami db roles --runtime ROLE: PostgreSQL grants for the runtime role (after migrate)',
    load: () => import('./commands/db.ts'),
  },
  user: {
    summary: 'staff users: openami user add --username … --role …',
    load: () => import('./commands/user.ts'),
  },
  audit: {
    summary: 'openami audit verify: check the audit log hash chain',
    load: () => import('./commands/audit.ts'),
  },
  ledger: {
    summary: 'openami ledger check | rebuild: the kept balances against the vending ledger',
    load: () => import('./commands/ledger.ts'),
  },
  retention: {
    summary:
      'openami retention run [--dry-run]: remove readings, cleared alarms, notifications and codes past their retention',
    load: () => import('./commands/retention.ts'),
  },
  backup: {
    summary: 'openami backup [--output FILE]: copy the running SQLite database and verify the copy',
    load: () => import('./commands/backup.ts'),
  },
  restore: {
    summary: 'openami restore FILE: put a verified backup in place of the SQLite database',
    load: () => import('./commands/restore.ts'),
  },
  collector: {
    summary: 'collect the installed meters by the reading plans into the store (openami collector --help)',
    load: () => import('./commands/collector.ts'),
  },
  read: {
    summary: 'read meters now through a serial server or a serial port (openami read)',
    load: () => import('./commands/read.ts'),
  },
  '645': {
    summary:
      'decode DL/T 645 frames; encode any request: read, write, relay control, time sync… (openami 645 help)',
    load: () => import('./commands/dlt645.ts'),
  },
  '1376': {
    summary:
      "decode Q/GDW 1376.1 (concentrator) frames; encode a master station's requests: read, freezes, meter table, forward… (openami 1376 help)",
    load: () => import('./commands/q1376.ts'),
  },
  card: {
    summary:
      'a virtual IC card in a JSON file: show, issue blank, insert into a virtual meter (openami card help)',
    load: () => import('./commands/card.ts'),
  },
  sim: {
    summary: 'run a simulated meter field over TCP (openami sim --help)',
    load: () => import('./commands/sim.ts'),
  },
};
