// What the routes hand the services: who asks and when (ServiceContext), and the parts of the process they
// share (AppServices). Beneath routes, services and policies, and imports none of them: what a service is
// reached through (remote fee control) is named here by what it does, not by the class that does it.
import type { AlarmEngine } from '@openami/alarms';
import type { RemoteStatus } from '@openami/domain';
import type { MeterCommandRow, Store } from '@openami/storage';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './auth/principal.ts';
import { AppError, type Locale, localeOf } from './errors.ts';
import type { FieldGateway, RunHub } from './http/field.ts';
import type { Metrics } from './http/metrics.ts';

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

/** Remote fee control as a movement's follow-up calls it (services/remote-fee-control.ts does the work). */
export interface RemoteFeeActions {
  /**
   * Acts on a remote account's balance after the movement `entryId`: the balance alarms, and a relay trip or
   * close sent once per movement; the command, when one was sent or left for the collector.
   */
  act(meterId: number, remote: RemoteStatus, entryId: number): Promise<MeterCommandRow | undefined>;
}

/** Above these a movement waits for a second person's approval (0: never). */
export interface ApprovalThresholds {
  /** Refunds and cancels, by the money they pay back. */
  readonly aboveFen: number;
  /** Adjustment energy owed to the customer, and preset cards, by their energy. */
  readonly aboveWh: number;
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
  readonly remote: RemoteFeeActions;
  readonly timeZone: string;
  /** The process's metrics (/metrics): what it counts as it works. */
  readonly metrics: Metrics;
  readonly approval: ApprovalThresholds;
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
