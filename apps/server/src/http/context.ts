import type { AlarmEngine } from '@openami/alarms';
import type { Store } from '@openami/storage';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.ts';
import { AppError, type Locale, localeOf } from '../errors.ts';
import type { RemoteFeeControl } from '../services/remote-fee-control.ts';
import type { FieldGateway, RunHub } from './field.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** What a service needs to know about the request: who, from where, when, and the store. */
export interface ServiceContext {
  readonly store: Store;
  readonly principal: Principal;
  readonly sourceIp: string;
  readonly now: number;
  readonly locale: Locale;
  /** The site's time zone: tariff periods and tier cycles are site-local. */
  readonly timeZone: string;
}

export interface AppServices {
  readonly store: Store;
  readonly clock: () => number;
  /** The collector in this process, if any (reads and commands need it). */
  readonly field: FieldGateway | undefined;
  readonly runs: RunHub;
  /** Alarms: the collector's engine when it runs here, else one that serves acknowledgements. */
  readonly alarms: AlarmEngine;
  /** Charges remote accounts as readings arrive and sends the relay commands their balance calls for. */
  readonly remote: RemoteFeeControl;
  readonly timeZone: string;
}

export function serviceContext(request: FastifyRequest, services: AppServices): ServiceContext {
  const principal = request.principal;
  if (principal === undefined) throw new AppError('UNAUTHENTICATED');
  return {
    store: services.store,
    principal,
    sourceIp: request.ip,
    now: services.clock(),
    locale: localeOf(request.headers['accept-language']),
    timeZone: services.timeZone,
  };
}
