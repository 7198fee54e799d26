import { timingSafeEqual } from 'node:crypto';
import type { Store } from '@openami/storage';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { csrfHeader } from './authenticate.ts';
import { tokenHash } from './tokens.ts';

/**
 * A resident's cookie: its own name, and sent only to the resident API (`path`), so a staff route never
 * sees it and a resident route never sees the staff cookie. The two kinds of session cannot stand in for
 * each other.
 */
export const residentCookie = 'openami_resident';
export const residentCookiePath = '/api/resident';

/** A signed-in resident: one account, no role, no areas. */
export interface ResidentPrincipal {
  readonly kind: 'resident';
  readonly accountId: number;
  readonly accountNo: string;
  readonly tokenHash: string;
  readonly csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    resident: ResidentPrincipal | undefined;
  }
}

export async function authenticateResident(
  request: FastifyRequest,
  store: Store,
  now: number,
): Promise<ResidentPrincipal | undefined> {
  const token = request.cookies[residentCookie];
  if (token === undefined || token === '') return undefined;
  const hash = tokenHash(token);
  const found = await store.residentAccess.findSession(hash, now);
  if (found === undefined) return undefined;
  return {
    kind: 'resident',
    accountId: Number(found.accountId),
    accountNo: found.accountNo,
    tokenHash: hash,
    csrfToken: found.csrfToken,
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The resident's pages send the CSRF token they got at sign-in with every unsafe request. */
export function checkResidentCsrf(request: FastifyRequest, resident: ResidentPrincipal): void {
  if (safeMethods.has(request.method)) return;
  const sent = request.headers[csrfHeader];
  const expected = Buffer.from(resident.csrfToken);
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('CSRF_FAILED');
}
