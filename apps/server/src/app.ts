import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { AlarmEngine } from '@openami/alarms';
import type { RetentionPeriods, TlsFiles } from '@openami/config';
import { sharedSchemas } from '@openami/contract/schemas';
import { roleAllows } from '@openami/domain';
import type { AuditKey, Store } from '@openami/storage';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { authenticate, checkCsrf } from './auth/authenticate.ts';
import { authenticateResident, checkResidentCsrf } from './auth/resident.ts';
import type { ServerConfig } from './config.ts';
import type { ApprovalThresholds, AppServices } from './context.ts';
import { AppError } from './errors.ts';
import type { Access } from './http/access.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { endEventStreams } from './http/event-stream.ts';
import { type FieldGateway, RunHub } from './http/field.ts';
import { followFieldChanges } from './http/field-changes.ts';
import { defaultHttpLimits, type HttpLimits, serverLimitOptions } from './http/limits.ts';
import { requestIdHeader, requestIdOf } from './http/logging.ts';
import { countField, Metrics } from './http/metrics.ts';
import { checkResponses } from './http/response-check.ts';
import { addSecurityHeaders } from './http/security-headers.ts';
import { loadTlsMaterial, watchTls } from './http/tls.ts';
import type { ContractTypeProvider } from './http/type-provider.ts';
import { isClientRoute, registerWebApp, sendWebApp } from './http/web-app.ts';
import { registerRoutes } from './routes/index.ts';
import { scheduleAuditCheck } from './services/audit-check.ts';
import { RemoteFeeControl } from './services/remote-fee-control.ts';
import { scheduleRetention } from './services/retention.ts';
import { StoredReadingsFollower, type StoredReadingsOptions } from './services/stored-readings.ts';
import { scheduleLedgerCheck } from './services/vending/ledger-check.ts';

export interface AppOptions {
  readonly store: Store;
  readonly config: SignInConfig;
  /** Injected so tests control time; defaults to the wall clock. */
  readonly clock?: () => number;
  /** The site's time zone (tariff periods, tier cycles); Asia/Shanghai unless given. */
  readonly timeZone?: string;
  readonly logger?: FastifyServerOptions['logger'];
  /** Sign-in attempts per address per minute. */
  readonly loginRateLimit?: number;
  /** The collector running in this process, for reads and commands; without it they answer 503. */
  readonly field?: FieldGateway;
  /**
   * Without a collector here: follow the readings collector processes store, to charge remote accounts for
   * them (their relay commands are left in the store for the collector that drives the meter).
   */
  readonly followStoredReadings?: StoredReadingsOptions;
  /** The alarm engine the collector feeds; the app makes its own (acknowledgements only) without one. */
  readonly alarms?: AlarmEngine;
  /** The built web application to serve beside the API (`apps/web/dist`); none when undefined. */
  readonly webRoot?: string;
  /**
   * Where residents' sign-in codes go: `sms` (a configured SMS channel), `log` (the demo and tests: the
   * notifier's log channel prints them); undefined: residents cannot sign in.
   */
  readonly residentCodeChannel?: 'sms' | 'log';
  /** Runs when the app closes (the server stops its timers here). */
  readonly onClose?: () => Promise<void>;
  /**
   * Compare every account's kept balance with its ledger this often (OPENAMI_LEDGER_CHECK_HOURS), the first
   * time `firstAfterMs` after start; none when undefined.
   */
  readonly ledgerCheck?: { readonly everyMs: number; readonly firstAfterMs?: number };
  /**
   * Remove what is older than its retention this often (OPENAMI_RETENTION_HOURS and the periods beside it), the first time `firstAfterMs`
   * after start; none when undefined or `everyMs` is 0.
   */
  readonly retention?: RetentionPeriods & { readonly everyMs: number; readonly firstAfterMs?: number };
  /** The scheduled audit check (OPENAMI_AUDIT_CHECK_HOURS, `services/audit-check.ts`); none when unset. */
  readonly auditCheck?: {
    readonly key: AuditKey;
    readonly headsDir?: string;
    readonly everyMs: number;
    readonly firstAfterMs?: number;
  };
  /**
   * Above these a refund or cancel (fen), an adjustment owed to the customer or a preset card (Wh) waits for
   * a second person's approval (OPENAMI_APPROVAL_ABOVE_FEN, _WH); 0 or none: never.
   */
  readonly approval?: ApprovalThresholds;
  /** Tests: fail any answer its response schema would change (http/response-check.ts). */
  readonly checkResponses?: boolean;
  /** Body sizes, timeouts and the connection cap (http/limits.ts); the defaults there unless given. */
  readonly limits?: Partial<HttpLimits>;
  /**
   * How often an open event stream checks that its session still stands and its user is still enabled
   * (besides before each event); 30 s unless given.
   */
  readonly streamRecheckMs?: number;
  /** OPENAMI_METRICS_TOKEN: the bearer token /metrics asks for; undefined, it answers only on loopback. */
  readonly metricsToken?: string;
  /**
   * HTTPS (OPENAMI_TLS_CERT_PATH, OPENAMI_TLS_KEY_PATH, OPENAMI_TLS_CHAIN_PATH): the files are loaded now (a `TlsLoadError` when they cannot be served) and
   * watched every `watchMs` (5 s unless given); `app.reloadTls` loads them on demand (SIGHUP).
   */
  readonly tls?: { readonly files: TlsFiles; readonly watchMs?: number };
}

/**
 * The settings sign-in and sessions run with (their OPENAMI_… names in ServerConfig). Tests and the demo may
 * give booleans: `cookieSecure` true or false overrides `auto`, `trustProxy` false trusts no proxy.
 */
export interface SignInConfig {
  readonly sessionTtlMs: number;
  /** 12 hours unless given. */
  readonly sessionMaxMs?: number;
  readonly cookieSecure: ServerConfig['cookieSecure'] | boolean;
  readonly trustProxy: ServerConfig['trustProxy'] | false;
  /** false unless given. */
  readonly totpRequired?: boolean;
}

export type App = FastifyInstance;

/** One row of the route table, as registered: the route-table test walks these. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
    /** Loads the TLS files again (SIGHUP); false when they were refused (or there is no TLS). */
    reloadTls(why: string): boolean;
  }
}

/** Builds the API without listening (DESIGN.md: app.ts builds, server.ts listens; tests use `inject`). */
export async function buildApp(options: AppOptions): Promise<App> {
  const limits: HttpLimits = { ...defaultHttpLimits, ...options.limits };
  const tlsMaterial = options.tls === undefined ? undefined : loadTlsMaterial(options.tls.files);
  const trustedProxies = options.config.trustProxy === false ? [] : options.config.trustProxy;
  const sessionMaxMs = options.config.sessionMaxMs ?? 12 * 3_600_000;
  const cookieSecure = options.config.cookieSecure;
  const app = Fastify({
    ...(tlsMaterial === undefined ? {} : { https: tlsMaterial }),
    ...serverLimitOptions(limits),
    logger: options.logger ?? false,
    // Every line of a request carries its id: the proxy's X-Request-Id when it is a short safe token.
    genReqId: requestIdOf,
    requestIdHeader: false,
    // Only the listed proxies' X-Forwarded-For and -Proto are believed (proxy-addr walks back through them).
    trustProxy: trustedProxies.length === 0 ? false : [...trustedProxies],
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
  }).withTypeProvider<ContractTypeProvider>();
  app.server.maxConnections = limits.connections;
  const metrics = new Metrics();
  const reloader =
    options.tls === undefined ? undefined : watchTls(app, options.tls.files, metrics, options.tls.watchMs);
  app.decorate('reloadTls', (why: string) => reloader?.reload(why) ?? false);
  const counted =
    options.field === undefined
      ? undefined
      : countField(options.field, metrics, (runId) => options.store.collection.terminalOutcomes(runId));
  const core = {
    store: options.store,
    clock: options.clock ?? Date.now,
    field: counted?.field,
    metrics,
    runs: new RunHub(),
    alarms: options.alarms ?? new AlarmEngine(options.store),
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    approval: options.approval ?? { aboveFen: 0, aboveWh: 0 },
  };
  const remote = new RemoteFeeControl(core, (line) => app.log.warn(line));
  const services: AppServices = { ...core, remote };
  // Remote accounts are charged as their meters' readings are stored (002).
  const stopCharging = options.field?.subscribeReads((outcome) => {
    remote.meterRead(outcome).catch((error: unknown) => {
      app.log.error({ err: error }, 'remote fee control failed');
    });
  });
  const follower =
    options.followStoredReadings === undefined
      ? undefined
      : new StoredReadingsFollower(options.store, (meterId) => remote.meterReadStored(meterId), {
          ...options.followStoredReadings,
          log: (line) => app.log.error(line),
        });
  await follower?.start();
  const stopLedgerCheck =
    options.ledgerCheck === undefined || options.ledgerCheck.everyMs <= 0
      ? undefined
      : scheduleLedgerCheck(options.store, core.alarms, {
          ...options.ledgerCheck,
          clock: core.clock,
          warn: (line) => app.log.warn(line),
          error: (error) => app.log.error({ err: error }, 'ledger check failed'),
        });
  const stopRetention =
    options.retention === undefined || options.retention.everyMs <= 0
      ? undefined
      : scheduleRetention(options.store, options.retention, {
          ...options.retention,
          clock: core.clock,
          info: (line) => app.log.info(line),
          error: (error) => app.log.error({ err: error }, 'retention run failed'),
        });
  const stopAuditCheck =
    options.auditCheck === undefined || options.auditCheck.everyMs <= 0
      ? undefined
      : scheduleAuditCheck(options.store, core.alarms, {
          ...options.auditCheck,
          clock: core.clock,
          warn: (line) => app.log.error(line),
          error: (error) => app.log.error({ err: error }, 'audit check failed'),
        });
  // Before the HTTP server stops accepting and waits for what is in flight: end the event streams, which
  // would otherwise hold it open for ever (every page of the web application holds three).
  app.addHook('preClose', async () => {
    const ended = endEventStreams(app);
    if (ended > 0) app.log.info(`closing: ended ${ended} event stream(s)`);
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(requestIdHeader, request.id);
  });
  // Every answer's time, by the route's template (never the URL itself, which would make a series per id).
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        route: request.routeOptions.url ?? 'unmatched',
        method: request.method,
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('onClose', async () => {
    counted?.stop();
    stopCharging?.();
    stopLedgerCheck?.();
    stopRetention?.();
    stopAuditCheck?.();
    await follower?.stop();
  });

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: route.config?.access });
    }
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    // Shared schemas keep their own names (`ErrorBody`) under components.schemas.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    openapi: {
      openapi: '3.0.3',
      info: { title: 'OpenAMI API', version: '0.1.0', description: 'Errors: { code, message, details }.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'openami_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  for (const schema of sharedSchemas) app.addSchema(schema);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('resident', undefined);
  app.addHook('onRequest', async (request) => {
    const access: Access | undefined = request.routeOptions.config.access;
    if (access === undefined) return;
    if (access === 'resident') {
      const resident = await authenticateResident(request, services.store, services.clock());
      if (resident === undefined) throw new AppError('UNAUTHENTICATED');
      checkResidentCsrf(request, resident);
      request.resident = resident;
      return;
    }
    const principal = await authenticate(request, services.store, services.clock(), {
      idleMs: options.config.sessionTtlMs,
      maxMs: sessionMaxMs,
    });
    request.principal = principal;
    if (access === 'public') return;
    if (principal === undefined) throw new AppError('UNAUTHENTICATED');
    checkCsrf(request, principal);
    if (principal.stage === 'enrol' && request.routeOptions.config.duringEnrolment !== true) {
      throw new AppError('SECOND_FACTOR_ENROLMENT_REQUIRED');
    }
    if (access !== 'session' && !roleAllows(principal.role, access)) {
      throw new AppError('FORBIDDEN', { permission: access });
    }
  });
  addSecurityHeaders(app);
  if (options.checkResponses === true) checkResponses(app);
  followFieldChanges(app, options.field);
  app.setErrorHandler(errorHandler);
  const webRoot = options.webRoot;
  if (webRoot === undefined) {
    app.setNotFoundHandler(notFoundHandler);
  } else {
    await registerWebApp(app, webRoot);
    app.setNotFoundHandler((request, reply) =>
      isClientRoute(request) ? sendWebApp(reply) : notFoundHandler(request, reply),
    );
  }

  await registerRoutes(app, services, {
    sessionTtlMs: options.config.sessionTtlMs,
    sessionMaxMs,
    cookieSecure: typeof cookieSecure === 'boolean' ? (cookieSecure ? 'true' : 'false') : cookieSecure,
    totpRequired: options.config.totpRequired ?? false,
    loginRateLimit: options.loginRateLimit ?? 10,
    residentCodeChannel: options.residentCodeChannel,
    limits,
    streamRecheckMs: options.streamRecheckMs ?? 30_000,
    metricsToken: options.metricsToken,
  });
  const onClose = options.onClose;
  if (onClose !== undefined) app.addHook('onClose', onClose);
  await app.ready();
  return app;
}
