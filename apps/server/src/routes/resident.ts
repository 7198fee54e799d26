import { residentApi } from '@openami/contract/schemas';
import type { FastifyRequest } from 'fastify';
import { cookieSecureFor } from '../auth/authenticate.ts';
import { type ResidentPrincipal, residentCookie, residentCookiePath } from '../auth/resident.ts';
import type { AppServices } from '../context.ts';
import { AppError } from '../errors.ts';
import { requestCode, signOutResident, verifyCode } from '../services/resident/sign-in.ts';
import {
  type ResidentContext,
  residentAccount,
  residentAlarms,
  residentDailyUsage,
  residentPurchases,
} from '../services/resident/view.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['resident'];
function residentOf(request: FastifyRequest): ResidentPrincipal {
  const resident = request.resident;
  if (resident === undefined) throw new AppError('UNAUTHENTICATED');
  return resident;
}

function residentContext(request: FastifyRequest, services: AppServices): ResidentContext {
  return {
    store: services.store,
    resident: residentOf(request),
    now: services.clock(),
    timeZone: services.timeZone,
  };
}

/**
 * The resident's self-service API (002 §2.2): sign in with the account number and a code sent by SMS, then
 * read the account's balance, daily use, purchases and alarms. Read-only; every route but the two sign-in
 * steps asks for a resident's session (`access: 'resident'`), which no staff session satisfies.
 */
export async function residentRoutes({ app, services, settings }: RouteDeps): Promise<void> {
  const rateLimit = { max: settings.loginRateLimit, timeWindow: 60_000 };

  app.post(
    '/api/resident/code',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary:
          'Send a one-time sign-in code to a phone number on the account (same answer whether or not it is)',
        ...residentApi.requestCode,
      },
    },
    async (request, reply) => {
      const sent = await requestCode(services.store, request.body, {
        sourceIp: request.ip,
        now: services.clock(),
        channel: settings.residentCodeChannel,
      });
      return reply.status(202).send(sent);
    },
  );

  app.post(
    '/api/resident/session',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: "Sign in with the code: sets the resident's session cookie and returns the CSRF token",
        ...residentApi.signIn,
      },
    },
    async (request, reply) => {
      const signedIn = await verifyCode(services.store, request.body, {
        sourceIp: request.ip,
        now: services.clock(),
      });
      reply.setCookie(residentCookie, signedIn.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: cookieSecureFor(request, settings.cookieSecure),
        path: residentCookiePath,
        expires: new Date(signedIn.expiresAt),
      });
      return { accountNo: signedIn.accountNo, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt };
    },
  );

  app.delete(
    '/api/resident/session',
    {
      config: { access: 'resident' },
      schema: { tags, summary: "Sign out: ends the resident's session", ...residentApi.signOut },
    },
    async (request, reply) => {
      await signOutResident(services.store, residentOf(request), {
        sourceIp: request.ip,
        now: services.clock(),
      });
      reply.clearCookie(residentCookie, { path: residentCookiePath });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/resident/account',
    {
      config: { access: 'resident' },
      schema: {
        tags,
        summary: "The resident's account: balance by its mode, meter, last reading",
        ...residentApi.account,
      },
    },
    async (request) => {
      const context = residentContext(request, services);
      return { ...(await residentAccount(context)), csrfToken: context.resident.csrfToken };
    },
  );

  app.get(
    '/api/resident/usage/daily',
    {
      config: { access: 'resident' },
      schema: {
        tags,
        summary: "The meter's daily energy over the last days (site-local)",
        ...residentApi.dailyUsage,
      },
    },
    async (request) => residentDailyUsage(residentContext(request, services), request.query.days),
  );

  app.get(
    '/api/resident/purchases',
    {
      config: { access: 'resident' },
      schema: { tags, summary: "The account's purchases, newest first", ...residentApi.purchases },
    },
    async (request) => residentPurchases(residentContext(request, services), request.query.limit),
  );

  app.get(
    '/api/resident/alarms',
    {
      config: { access: 'resident' },
      schema: { tags, summary: "The alarms of the account's meter, newest first", ...residentApi.alarms },
    },
    async (request) => residentAlarms(residentContext(request, services), request.query.limit),
  );
}
