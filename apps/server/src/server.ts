import {
  AlarmEngine,
  AliyunSmsChannel,
  type Channel,
  EmailChannel,
  LogChannel,
  Notifier,
  TencentSmsChannel,
  WebhookChannel,
} from '@openami/alarms';
import { Collector } from '@openami/headend';
import { describeAhead, openStore, type Store, schemaStatus } from '@openami/storage';
import { type App, buildApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { isWebAppBuilt } from './http/web-app.ts';

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Months of reading partitions kept ready ahead of time on PostgreSQL. */
const partitionMonthsAhead = 3;

const housekeepingEveryMs = 3_600_000;

/** Hourly: forget expired sessions and tokens; keep reading partitions ready months ahead. */
async function housekeeping(store: Store): Promise<void> {
  const now = Date.now();
  await store.sessions.deleteExpired(now);
  // Residents' codes are kept an hour past expiry: the limits per account and per address count them.
  await store.residentAccess.deleteExpired(now, housekeepingEveryMs);
  await store.readings.ensureMonthlyPartitions(now, partitionMonthsAhead);
}

/**
 * Opens the store, refuses a schema it does not match, and listens. `serve` never migrates by itself:
 * an upgrade is an explicit `openami migrate`, and a database migrated by a newer OpenAMI is left alone.
 * The caller closes the app, then the store.
 */
export async function startServer(
  config: ServerConfig,
): Promise<{ app: App; store: Store; address: string }> {
  if (config.webRoot !== undefined && !isWebAppBuilt(config.webRoot)) {
    throw new StartupError(
      `refusing to start: OPENAMI_WEB_ROOT=${config.webRoot} holds no index.html; build the web application with \`npm run build -w @openami/web\``,
    );
  }
  const store = openStore({ url: config.databaseUrl });
  try {
    const status = await schemaStatus(store.db);
    if (status.kind === 'ahead')
      throw new StartupError(`refusing to start: ${describeAhead(status.unknown)}`);
    if (status.kind === 'behind') {
      throw new StartupError(
        `refusing to start: ${status.pending.length} schema migrations are pending; run \`openami migrate\` first`,
      );
    }
    await housekeeping(store);
    // Fastify logs through pino: JSON lines on stdout, one per request, with the request id.
    let failed: (error: unknown) => void = () => {};
    const timer = setInterval(() => housekeeping(store).catch(failed), housekeepingEveryMs);
    timer.unref();
    let log: (line: string) => void = () => {};
    // Abnormal use is judged on the site's days, so the engine keeps the collector's time zone.
    const alarms = new AlarmEngine(
      store,
      config.collectorOptions.timeZone === undefined ? {} : { timeZone: config.collectorOptions.timeZone },
    );
    let logNotice: (line: string) => void = () => {};
    const { smtp, policy } = config.notifications;
    const email = smtp === undefined ? undefined : new EmailChannel(smtp);
    const notifier = new Notifier(store, {
      channels: {
        log: new LogChannel((line) => logNotice(line)),
        ...(config.webhook === undefined ? {} : { webhook: new WebhookChannel(config.webhook) }),
        ...(config.sms === undefined ? {} : { sms: smsChannel(config.sms) }),
        ...(email === undefined ? {} : { email }),
      },
      policy,
      onError: (error) => logNotice(`notifications: ${String(error)}`),
    });
    const stopNotifying = alarms.subscribe((event) => {
      void notifier.alarmEvent(event).catch((error: unknown) => logNotice(`notifications: ${String(error)}`));
    });
    const collector = config.collector
      ? new Collector(store, { ...config.collectorOptions, observer: alarms, log: (line) => log(line) })
      : undefined;
    const problems = (await collector?.start(true)) ?? [];
    const app = await buildApp({
      store,
      config,
      ...(config.webRoot === undefined ? {} : { webRoot: config.webRoot }),
      logger: { level: config.logLevel },
      // Without a collector here, `openami collector` processes read the meters: follow what they store.
      ...(collector === undefined ? { followStoredReadings: {} } : { field: collector }),
      ...(config.collectorOptions.timeZone === undefined
        ? {}
        : { timeZone: config.collectorOptions.timeZone }),
      alarms,
      // Residents sign in with a code by SMS; without an SMS channel they cannot.
      ...(config.sms === undefined ? {} : { residentCodeChannel: 'sms' as const }),
      onClose: async () => {
        clearInterval(timer);
        stopNotifying();
        await notifier.stop();
        email?.close();
        await collector?.stop();
      },
    });
    log = (line) => app.log.info({ collector: true }, line);
    logNotice = (line) => app.log.info({ notification: true }, line);
    notifier.start();
    for (const problem of problems) app.log.warn({ collector: true }, `configuration: ${problem.problem}`);
    failed = (error) => app.log.error({ err: error }, 'housekeeping failed');
    const address = await app.listen({ host: config.host, port: config.port });
    return { app, store, address };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The SMS channel OPENAMI_SMS names (checked by `parseConfig`). */
function smsChannel(parts: readonly string[]): Channel {
  const [provider, id = '', secret = '', third = '', fourth = '', fifth = ''] = parts;
  return provider === 'aliyun'
    ? new AliyunSmsChannel({
        accessKeyId: id,
        accessKeySecret: secret,
        template: { signName: third, templateCode: fourth },
      })
    : new TencentSmsChannel({
        secretId: id,
        secretKey: secret,
        sdkAppId: third,
        template: { signName: fourth, templateCode: fifth },
      });
}
