import { timingSafeEqual } from 'node:crypto';
import { everyArea, isRole, normaliseScope } from '@openami/domain';
import type { Store } from '@openami/storage';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Principal } from './principal.ts';
import { bearerPrefix, tokenHash } from './tokens.ts';

export const sessionCookie = 'openami_session';
export const csrfHeader = 'x-csrf-token';

/** Sliding expiry is written at most this often, so a busy page does not write on every request. */
const touchEveryMs = 60_000;

/**
 * Finds who sent the request: a bearer token (machine clients) or the session cookie (browsers). Returns
 * undefined when neither is present or valid; the access check decides whether that is an error.
 */
export async function authenticate(
  request: FastifyRequest,
  store: Store,
  now: number,
  sessionTtlMs: number,
): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  const bearer = authorization?.startsWith('Bearer ')
    ? authorization.slice('Bearer '.length).trim()
    : undefined;
  const cookieToken = request.cookies[sessionCookie];
  const token = bearer ?? cookieToken;
  if (token === undefined || token === '') return undefined;
  const via = bearer === undefined ? 'cookie' : 'bearer';
  if (via === 'bearer' && !token.startsWith(bearerPrefix)) return undefined;

  const hash = tokenHash(token);
  const found = await store.sessions.findWithUser(hash, now);
  if (found === undefined || found.kind !== via || found.disabled !== 0 || !isRole(found.role))
    return undefined;
  if (via === 'cookie' && now - found.lastSeenAt > touchEveryMs) {
    await store.sessions.touch(hash, now, now + sessionTtlMs);
  }
  const scope = found.allAreas === 1 ? everyArea : normaliseScope(await store.users.areaPaths(found.userId));
  return {
    userId: found.userId,
    username: found.username,
    role: found.role,
    scope,
    via,
    tokenHash: hash,
    csrfToken: found.csrfToken,
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browsers send cookies on cross-site requests; the CSRF token, which only our pages can read (it comes in
 * the login response), proves the request came from one of them. Bearer tokens are never sent implicitly.
 */
export function checkCsrf(request: FastifyRequest, principal: Principal): void {
  if (principal.via !== 'cookie' || safeMethods.has(request.method)) return;
  const sent = request.headers[csrfHeader];
  const expected = Buffer.from(principal.csrfToken);
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('CSRF_FAILED');
}
