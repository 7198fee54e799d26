import type { Permission } from '@openami/domain';

/**
 * What a route demands of its caller: `public` (no sign-in), `session` (any signed-in user) or one
 * permission. Every route states one; the route-table test fails on a route that does not.
 */
export type Access = 'public' | 'session' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
