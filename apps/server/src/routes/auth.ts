import { authApi } from '@openami/contract/schemas';
import { permissionsOf } from '@openami/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cookieSecureFor, sessionCookie } from '../auth/authenticate.ts';
import { serviceContext } from '../context.ts';
import { changeOwnPassword } from '../services/own-password.ts';
import {
  confirmTotpEnrolment,
  disableTotp,
  secondFactorStatus,
  startTotpEnrolment,
} from '../services/second-factor.ts';
import {
  createBearerToken,
  listBearerTokens,
  logout,
  presentUser,
  revokeBearerToken,
} from '../services/sessions.ts';
import { completeSignIn, login, type SessionOpened, type SignInRequest } from '../services/sign-in.ts';
import type { RouteDeps } from './route-deps.ts';

export async function authRoutes({ app, services, settings }: RouteDeps): Promise<void> {
  const signInRequest = (request: FastifyRequest): SignInRequest => ({
    sourceIp: request.ip,
    now: services.clock(),
    policy: settings,
  });
  const sessionAnswer = async (request: FastifyRequest, reply: FastifyReply, opened: SessionOpened) => {
    reply.setCookie(sessionCookie, opened.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecureFor(request, settings.cookieSecure),
      path: '/',
      expires: new Date(opened.expiresAt),
    });
    const areaIds = await services.store.users.areaIds(opened.user.id);
    return {
      user: presentUser(opened.user, areaIds),
      csrfToken: opened.csrfToken,
      expiresAt: opened.expiresAt,
      mustEnrol: opened.mustEnrol,
    };
  };
  const rateLimit = { max: settings.loginRateLimit, timeWindow: 60_000 };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in; sets the httpOnly session cookie and returns the CSRF token, or, with a second factor on, a challenge for the code',
        ...authApi.login,
      },
    },
    async (request, reply) => {
      const outcome = await login(services.store, request.body, signInRequest(request));
      if (outcome.kind === 'secondFactor') {
        return { secondFactor: 'totp' as const, challenge: outcome.challenge, expiresAt: outcome.expiresAt };
      }
      return sessionAnswer(request, reply, outcome);
    },
  );

  app.post(
    '/api/auth/login/second-factor',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: "Sign in, step two: the authenticator app's code or a recovery code for the challenge",
        ...authApi.loginSecondFactor,
      },
    },
    async (request, reply) =>
      sessionAnswer(
        request,
        reply,
        await completeSignIn(services.store, request.body, signInRequest(request)),
      ),
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'session', duringEnrolment: true },
      schema: { tags: ['auth'], summary: 'Sign out: ends this session', ...authApi.logout },
    },
    async (request, reply) => {
      await logout(serviceContext(request, services));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'session', duringEnrolment: true },
      schema: {
        tags: ['auth'],
        summary: 'Who am I: the signed-in user, role, permissions and second factor',
        ...authApi.me,
      },
    },
    async (request) => {
      const context = serviceContext(request, services);
      const user = await services.store.users.get(context.principal.userId);
      const areaIds = await services.store.users.areaIds(context.principal.userId);
      return {
        user: user === undefined ? undefined : presentUser(user, areaIds),
        permissions: permissionsOf(context.principal.role),
        via: context.principal.via,
        csrfToken: context.principal.via === 'cookie' ? context.principal.csrfToken : undefined,
        secondFactor: await secondFactorStatus(context, settings),
        timeZone: context.timeZone,
      };
    },
  );

  app.post(
    '/api/auth/totp/enrolment',
    {
      config: { access: 'session', duringEnrolment: true },
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling an authenticator app: a new secret, shown once, in force once confirmed',
        ...authApi.startTotp,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startTotpEnrolment(serviceContext(request, services))),
  );

  app.post(
    '/api/auth/totp/confirmation',
    {
      config: { access: 'session', duringEnrolment: true },
      schema: {
        tags: ['auth'],
        summary: 'Confirm enrolment with a code from the app; returns the recovery codes (shown once)',
        ...authApi.confirmTotp,
      },
    },
    async (request) => confirmTotpEnrolment(serviceContext(request, services), request.body.code),
  );

  app.post(
    '/api/auth/totp/disable',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Turn two-step verification off (password and a current code)',
        ...authApi.disableTotp,
      },
    },
    async (request, reply) => {
      await disableTotp(serviceContext(request, services), request.body, settings);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'session', rateLimit },
      schema: {
        tags: ['auth'],
        summary:
          'Change your own password (the current one is asked for); your other sessions and tokens end',
        ...authApi.changePassword,
      },
    },
    async (request, reply) => {
      await changeOwnPassword(serviceContext(request, services), request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Create a bearer token for a machine client acting as you (shown once; not with a token)',
        ...authApi.createToken,
      },
    },
    async (request, reply) => {
      const created = await createBearerToken(serviceContext(request, services), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'Your live bearer tokens (not the secrets)', ...authApi.listTokens },
    },
    async (request) => listBearerTokens(serviceContext(request, services)),
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'Revoke one of your bearer tokens', ...authApi.revokeToken },
    },
    async (request, reply) => {
      await revokeBearerToken(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );
}
