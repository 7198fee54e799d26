import type { AlarmEngine } from '@openami/alarms';
import { AuditKey, describeAhead, openStore, type Store, schemaStatus } from '@openami/storage';
import { type App, buildApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import type { FieldGateway } from './http/field.ts';
import { loggerOptions } from './http/logging.ts';
import { loadTlsMaterial, TlsLoadError } from './http/tls.ts';
import { isWebAppBuilt } from './http/web-app.ts';
import { forgetFailuresAfterMs } from './services/sign-in.ts';

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Months of reading partitions kept ready ahead of time on PostgreSQL. */
const partitionMonthsAhead = 3;

const housekeepingEveryMs = 3_600_000;

/**
 * Hourly: forget expired sessions, tokens and sign-in challenges, failed-sign-in counts a day quiet, and
 * residents' codes past their retention (at least two hours: the limits per account and per address count the
 * last hour); keep reading partitions ready months ahead.
 */
async function housekeeping(store: Store, keepCodesMs: number): Promise<void> {
  const now = Date.now();
  await store.sessions.deleteExpired(now);
  await store.secondFactors.deleteExpiredChallenges(now);
  await store.signInFailures.deleteStale(now - forgetFailuresAfterMs, now);
  await store.residentAccess.deleteExpired(now, keepCodesMs);
  await store.readings.ensureMonthlyPartitions(now, partitionMonthsAhead);
}

/** Where the parts composed around the API log: the app's log once it is built, tagged by topic. */
export type PartLog = (topic: 'collector' | 'notification', line: string) => void;

/**
 * What the caller composes around the API once the store is open and its schema current (`openami serve`
 * does it in the CLI): the alarm engine, the collector of this process if it runs one, the notifier.
 */
export interface ServerParts {
  /** The alarm engine the collector feeds; the app makes its own (acknowledgements only) without one. */
  readonly alarms?: AlarmEngine;
  /** The collector running in this process; without one the API follows what collector processes store. */
  readonly field?: FieldGateway;
  /** Where residents' sign-in codes go (see `AppOptions`); undefined: residents cannot sign in. */
  readonly residentCodeChannel?: 'sms' | 'log';
  /** What the parts found wrong in the store at start, warned of once the app can log. */
  readonly problems?: readonly string[];
  /** Loads the parts' TLS files again on SIGHUP (the collector's dial-in port). */
  reloadTls?(why: string): void;
  /** Starts the parts' background work (the notifier's worker), once the app is built. */
  start?(): void;
  /** Stops the parts as the app closes. */
  stop?(): Promise<void>;
}

export type ServerComposer = (store: Store, log: PartLog) => Promise<ServerParts>;

export interface RunningServer {
  readonly app: App;
  readonly store: Store;
  readonly address: string;
  /**
   * Stops in order: the event streams end, the HTTP server stops accepting and waits for the requests in
   * flight, the parts stop (collector, notifier), the store closes. The caller bounds it with a deadline.
   */
  close(): Promise<void>;
  /** What has not closed yet, in words, for the log line of a shutdown past its deadline. */
  stillOpen(): Promise<string[]>;
  /**
   * Loads the TLS certificate and key again (SIGHUP); false when they were refused (the old pair is still
   * served, the log says why) or the server speaks plain HTTP.
   */
  reloadTls(why: string): boolean;
}

export interface StartOptions {
  /** How often the TLS files are looked at for a change (5 s unless given). */
  readonly tlsWatchMs?: number;
}

/**
 * Opens the store, refuses a schema it does not match, composes the parts around the API (`compose`: none
 * by default) and listens. `serve` never migrates by itself: an upgrade is an explicit `openami migrate`,
 * and a database migrated by a newer OpenAMI is left alone. The caller closes the app, then the store.
 */
export async function startServer(
  config: ServerConfig,
  compose: ServerComposer = async () => ({}),
  start: StartOptions = {},
): Promise<RunningServer> {
  if (config.webRoot !== undefined && !isWebAppBuilt(config.webRoot)) {
    throw new StartupError(
      `refusing to start: OPENAMI_WEB_ROOT=${config.webRoot} holds no index.html; build the web application with \`npm run build -w @openami/web\``,
    );
  }
  // A lost database connection (PostgreSQL restarting) is logged, not fatal: the pool opens another, and
  // requests meanwhile fail as DATABASE_UNAVAILABLE. Until the app's log exists, standard error.
  let databaseError = (error: Error): void => {
    process.stderr.write(`openami serve: database: ${error.message}\n`);
  };
  if (config.tls !== undefined) {
    try {
      loadTlsMaterial(config.tls);
    } catch (error) {
      if (!(error instanceof TlsLoadError)) throw error;
      throw new StartupError(
        `refusing to start: OPENAMI_TLS_CERT_PATH/OPENAMI_TLS_KEY_PATH: ${error.message}`,
      );
    }
  }
  // Without the key anyone who can write the database could rewrite the audit trail unseen (docs/security.md).
  if (config.auditKey === undefined) {
    throw new StartupError(
      'refusing to start: OPENAMI_AUDIT_KEY is not set; make one with `openssl rand -hex 32` and keep it outside the database (OPENAMI_AUDIT_KEY_FILE)',
    );
  }
  const auditKey = new AuditKey(config.auditKey);
  const store = openStore({
    url: config.databaseUrl,
    auditKey,
    onError: (error) => databaseError(error),
  });
  try {
    const status = await schemaStatus(store.db);
    if (status.kind === 'ahead')
      throw new StartupError(`refusing to start: ${describeAhead(status.unknown)}`);
    if (status.kind === 'behind') {
      throw new StartupError(
        `refusing to start: ${status.pending.length} schema migrations are pending; run \`openami migrate\` first`,
      );
    }
    await housekeeping(store, config.retention.residentCodesMs);
    // Fastify logs through pino: JSON lines on stdout, one per request, with the request id.
    let failed: (error: unknown) => void = () => {};
    const timer = setInterval(
      () => housekeeping(store, config.retention.residentCodesMs).catch(failed),
      housekeepingEveryMs,
    );
    timer.unref();
    // What is closing and has not finished, for `stillOpen`.
    const closing = new Set<string>();
    const track = async (what: string, work: () => Promise<void>) => {
      closing.add(what);
      try {
        await work();
      } finally {
        closing.delete(what);
      }
    };
    let log: PartLog = () => {};
    const parts = await compose(store, (topic, line) => log(topic, line));
    const app = await buildApp({
      store,
      config,
      ...(config.tls === undefined
        ? {}
        : {
            tls: {
              files: config.tls,
              ...(start.tlsWatchMs === undefined ? {} : { watchMs: start.tlsWatchMs }),
            },
          }),
      ...(config.webRoot === undefined ? {} : { webRoot: config.webRoot }),
      logger: loggerOptions(config.logLevel),
      // Without a collector here, `openami collector` processes read the meters: follow what they store.
      ...(parts.field === undefined ? { followStoredReadings: {} } : { field: parts.field }),
      ...(config.collectorOptions.timeZone === undefined
        ? {}
        : { timeZone: config.collectorOptions.timeZone }),
      ...(parts.alarms === undefined ? {} : { alarms: parts.alarms }),
      ...(parts.residentCodeChannel === undefined ? {} : { residentCodeChannel: parts.residentCodeChannel }),
      ledgerCheck: { everyMs: config.ledgerCheckMs },
      retention: config.retention,
      auditCheck: {
        key: auditKey,
        everyMs: config.auditCheckMs,
        ...(config.auditHeadsDir === undefined ? {} : { headsDir: config.auditHeadsDir }),
      },
      approval: config.approval,
      ...(config.metricsToken === undefined ? {} : { metricsToken: config.metricsToken }),
      limits: { uploadBytes: config.uploadMaxBytes, connections: config.maxConnections },
      onClose: async () => {
        clearInterval(timer);
        await track('the collector and the notifier', async () => await parts.stop?.());
      },
    });
    log = (topic, line) => app.log.info({ [topic]: true }, line);
    parts.start?.();
    for (const problem of parts.problems ?? [])
      app.log.warn({ collector: true }, `configuration: ${problem}`);
    failed = (error) => app.log.error({ err: error }, 'housekeeping failed');
    databaseError = (error) => app.log.error({ err: error }, 'database connection lost');
    const address = await app.listen({ host: config.host, port: config.port });
    let closed: Promise<void> | undefined;
    const close = () => {
      closed ??= track('the HTTP server', () => app.close()).then(() =>
        track('the store', () => store.close()),
      );
      return closed;
    };
    const stillOpen = async () => {
      const connections = await new Promise<number>((resolve) =>
        app.server.getConnections((error, count) => resolve(error === null ? count : 0)),
      );
      return [...(connections > 0 ? [`${connections} HTTP connection(s)`] : []), ...closing];
    };
    return {
      app,
      store,
      address,
      close,
      stillOpen,
      reloadTls: (why) => {
        parts.reloadTls?.(why);
        return app.reloadTls(why);
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
