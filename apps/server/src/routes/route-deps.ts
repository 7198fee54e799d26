// What every route module is given: the app to register on, the process's shared parts, and the settings
// the routes read. A module of its own, so that the route table (index.ts) imports the routes, and they
// import this instead of the table.

import type { CookieSecure } from '@openami/config';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { AppServices } from '../context.ts';
import type { HttpLimits } from '../http/limits.ts';
import type { ContractTypeProvider } from '../http/type-provider.ts';

export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ContractTypeProvider
>;

export interface RouteSettings {
  readonly sessionTtlMs: number;
  /** OPENAMI_SESSION_MAX_HOURS: a browser session's absolute lifetime. */
  readonly sessionMaxMs: number;
  readonly cookieSecure: CookieSecure;
  /** OPENAMI_TOTP_REQUIRED: administrators and finance users must have a second factor. */
  readonly totpRequired: boolean;
  readonly loginRateLimit: number;
  readonly residentCodeChannel: 'sms' | 'log' | undefined;
  readonly limits: HttpLimits;
  /** How often an open event stream re-checks its session (besides before each event). */
  readonly streamRecheckMs: number;
  /** OPENAMI_METRICS_TOKEN: the bearer token of /metrics; undefined, loopback only. */
  readonly metricsToken: string | undefined;
}

export interface RouteDeps {
  readonly app: TypedApp;
  readonly services: AppServices;
  readonly settings: RouteSettings;
}
