import { permissionsOf } from '@openami/domain';
import { Type } from '@sinclair/typebox';
import { sessionCookie } from '../auth/authenticate.ts';
import { serviceContext } from '../context.ts';
import {
  createBearerToken,
  listBearerTokens,
  login,
  logout,
  presentUser,
  revokeBearerToken,
} from '../services/sessions.ts';
import type { RouteDeps } from './route-deps.ts';

export async function authRoutes({ app, services, settings }: RouteDeps): Promise<void> {
  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: settings.loginRateLimit, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the httpOnly session cookie and returns the CSRF token',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ maxLength: 256 }),
        }),
      },
    },
    async (request, reply) => {
      const now = services.clock();
      const result = await login(services.store, request.body, {
        sourceIp: request.ip,
        now,
        sessionTtlMs: settings.sessionTtlMs,
      });
      reply.setCookie(sessionCookie, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: settings.cookieSecure,
        path: '/',
        expires: new Date(result.expiresAt),
      });
      const areaIds = await services.store.users.areaIds(result.user.id);
      return {
        user: presentUser(result.user, areaIds),
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'session' }, schema: { tags: ['auth'], summary: 'Sign out: ends this session' } },
    async (request, reply) => {
      await logout(serviceContext(request, services));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'Who am I: the signed-in user, role and permissions' },
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
      };
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Create a bearer token for a machine client acting as you (shown once)',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          days: Type.Integer({ minimum: 1, maximum: 366, default: 90 }),
        }),
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
      schema: { tags: ['auth'], summary: 'Your live bearer tokens (not the secrets)' },
    },
    async (request) => listBearerTokens(serviceContext(request, services)),
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your bearer tokens',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
      },
    },
    async (request, reply) => {
      await revokeBearerToken(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );
}
