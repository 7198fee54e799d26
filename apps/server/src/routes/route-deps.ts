// What every route module is given: the app to register on, the process's shared parts, and the settings
// the routes read. A module of its own, so that the route table (index.ts) imports the routes, and they
// import this instead of the table.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { AppServices } from '../context.ts';

export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface RouteSettings {
  readonly sessionTtlMs: number;
  readonly cookieSecure: boolean;
  readonly loginRateLimit: number;
  readonly residentCodeChannel: 'sms' | 'log' | undefined;
}

export interface RouteDeps {
  readonly app: TypedApp;
  readonly services: AppServices;
  readonly settings: RouteSettings;
}
