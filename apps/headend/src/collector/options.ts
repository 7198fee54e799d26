// How a collector is set up: its clock, the site's zone, the bus timing, the credentials and security module
// commands are sent with, its observer, and how often it looks at links and at commands other processes left.
import type { Credentials } from '@openami/protocol';
import type { ReadingSpoolOptions, Repositories } from '@openami/storage';
import type { SecurityModule } from '../commands/security-module.ts';
import type { HeadEndOptions } from '../head-end.ts';
import type { DialInGuardOptions } from '../link/dial-in-server.ts';
import type { ReadingPlan } from '../plans/default-plans.ts';
import type { CollectionObserver } from './observer.ts';

export interface CollectorOptions {
  readonly timeZone?: string;
  readonly plans?: readonly ReadingPlan[];
  readonly now?: () => number;
  /** How fast `now` runs against real time (a simulated field's time factor); plans are timed by it. */
  readonly clockRate?: number;
  readonly bus?: HeadEndOptions['bus'];
  readonly dialInPort?: number;
  /**
   * How the dial-in port guards itself (the dial-in settings): bind address, identification deadline, live
   * window, connection caps; unset, the safe defaults of `dialInDefaults`.
   */
  readonly dialIn?: DialInGuardOptions;
  /** One line per event worth a log entry (run records, flagged clocks, configuration problems). */
  readonly log?: (line: string) => void;
  /** The password and operator code for commands (OPENAMI_METER_PASSWORD); without them commands fail. */
  readonly credentials?: Credentials;
  /** The operator code top-ups carry when no password is configured (OPENAMI_OPERATOR_CODE). */
  readonly operatorCode?: string;
  /** Makes top-ups of local fee-control meters (OPENAMI_ESAM_KEY: the soft module with that key). */
  readonly security?: SecurityModule;
  /** Clock deviation beyond which a meter is flagged (default five minutes). */
  readonly clockThresholdMs?: number;
  /** Who follows what the collector sees (the alarm engine): reads, runs' port rates, links, clocks. */
  readonly observer?: CollectionObserver;
  /** How often link states are checked and told the observer (default 5 s). */
  readonly linkCheckMs?: number;
  /**
   * How often pending commands that another process persisted (an API without a collector of its own) are
   * looked for and sent (default 2 s; 0 turns it off).
   */
  readonly commandPollMs?: number;
  /**
   * How long a command may stay `sending` before another collector takes it for a stopped process's and
   * sends it again, reading the meter back first (default two minutes). Shorter would take a live send
   * from a collector still waiting on a slow bus; the meter's read-back keeps it single either way.
   */
  readonly staleSendingMs?: number;
  /**
   * How often the store's field (terminals, ports, meters) is compared with the one the collector drives,
   * and reloaded when it changed (default 5 s; 0 turns it off: then only `reloadField` takes a change in).
   */
  readonly fieldPollMs?: number;
  /**
   * Where readings wait while the database is down (OPENAMI_SPOOL_DIR, OPENAMI_SPOOL_MAX_MIB): a bounded
   * queue in memory spilling to a file in `directory`; unset, readings are kept in memory only.
   */
  readonly spool?: Pick<ReadingSpoolOptions, 'directory' | 'memoryRows' | 'maxFileBytes'>;
  /** The spool refused readings because it is full (they are lost): the process's metrics count it. */
  readonly onReadingsDropped?: (rows: number, reason: string) => void;
}

/** The store as the collector needs it: repositories, and transactions over them. */
export type CollectorStore = Repositories & {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
};
