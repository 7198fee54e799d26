import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Vite names bundled files by their content hash, so they can be cached for good. */
const immutable = 'public, max-age=31536000, immutable';

/**
 * What the pages may load: scripts only from this origin (no inline script, no eval), so an injected
 * `<script>` or `onerror=` does not run; no plug-ins; no `<base>` elsewhere; forms post here only; nobody
 * frames them. Styles may be inline: antd writes its styles at run time, and the receipt carries its own.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The pages act with the user's session, so no other site may frame them (clickjacking), they run only
 * their own scripts, and browsers may not second-guess a file's type.
 */
const pageHeaders = {
  'x-frame-options': 'DENY',
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
} as const;

export function isWebAppBuilt(webRoot: string): boolean {
  return existsSync(join(webRoot, 'index.html'));
}

/**
 * Serves the built web application (`apps/web/dist`) beside the API. Its pages are client routes, so a GET
 * for a path without a file extension outside /api/ answers with index.html and the browser's router takes
 * over; a missing asset stays a 404.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    wildcard: true,
    cacheControl: false,
    index: ['index.html'],
    setHeaders: (response, path) => {
      response.setHeader('cache-control', path.includes('/assets/') ? immutable : 'no-cache');
      for (const [name, value] of Object.entries(pageHeaders)) response.setHeader(name, value);
    },
  });
}

export function isClientRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  return !path.startsWith('/api/') && path !== '/api' && !/\.[A-Za-z0-9]+$/.test(path);
}

export function sendWebApp(reply: FastifyReply): FastifyReply {
  return reply
    .headers({ ...pageHeaders, 'cache-control': 'no-cache' })
    .type('text/html; charset=utf-8')
    .sendFile('index.html');
}
