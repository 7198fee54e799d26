import type { Permission } from '@openami/domain';

/**
 * What a route demands of its caller: `public` (no sign-in), `session` (any signed-in user), one
 * permission, or `resident` (a signed-in resident, through the resident's own session; no staff session
 * passes it, and a resident's session passes nothing else). Every route states one; the route-table test
 * fails on a route that does not.
 */
export type Access = 'public' | 'session' | 'resident' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The route answers a session that must enrol a second factor first (who-am-I, enrolment, sign-out);
     * every other route refuses it with SECOND_FACTOR_ENROLMENT_REQUIRED.
     */
    duringEnrolment?: boolean;
  }
}
