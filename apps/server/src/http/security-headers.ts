// Headers every answer carries: API answers are never stored by a browser or a proxy (they hold personal
// data and money), and an answer over HTTPS tells the browser to use nothing else for a year.
import type { FastifyInstance } from 'fastify';

/** A year: long enough that a browser that has been here once never tries plain HTTP again. */
export const strictTransportSecurity = 'max-age=31536000';

/**
 * `Cache-Control: no-store` on everything under /api/, and HSTS on every answer that went over HTTPS: TLS
 * to this process, or a trusted proxy's `X-Forwarded-Proto: https` (OPENAMI_TRUST_PROXY).
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/')) reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') reply.header('strict-transport-security', strictTransportSecurity);
    return payload;
  });
}
