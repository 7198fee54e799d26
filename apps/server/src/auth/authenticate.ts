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
  lifetime: SessionLifetime,
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
  if (via === 'cookie') {
    const endsAt = found.createdAt + lifetime.maxMs;
    // However busy, a browser session ends its absolute lifetime after sign-in (a stolen cookie kept in use
    // is not good for ever).
    if (now >= endsAt) {
      await store.sessions.delete(hash);
      return undefined;
    }
    if (now - found.lastSeenAt > touchEveryMs) {
      await store.sessions.touch(hash, now, Math.min(now + lifetime.idleMs, endsAt));
    }
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
    stage: found.stage === 'enrol' ? 'enrol' : 'full',
  };
}

/** A browser session's lifetimes: idle (slides with use) and absolute (from sign-in). */
export interface SessionLifetime {
  readonly idleMs: number;
  readonly maxMs: number;
}

/**
 * Whether a cookie set in answer to `request` is marked Secure: by OPENAMI_COOKIE_SECURE, or under `auto`
 * when the request came over HTTPS (to this process, or a trusted proxy's `X-Forwarded-Proto`).
 */
export function cookieSecureFor(request: FastifyRequest, setting: 'auto' | 'true' | 'false'): boolean {
  if (setting === 'auto') return request.protocol === 'https';
  return setting === 'true';
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
