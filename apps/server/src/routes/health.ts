import { createHash, timingSafeEqual } from 'node:crypto';
import { healthApi } from '@openami/contract/schemas';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { busGauges, expositionContentType } from '../http/metrics.ts';
import { readiness, storeGauges } from '../services/health.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['operations'];
const plain = 'text/plain; charset=utf-8';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The connection's own address (never X-Forwarded-For) is this machine's. */
const fromLoopback = (request: FastifyRequest) => {
  const address = request.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
};

/**
 * /metrics answers a scrape that sends the configured bearer token; without a token configured, only
 * requests from this machine. Compared in constant time.
 */
function mayScrape(request: FastifyRequest, token: string | undefined): boolean {
  if (token === undefined) return fromLoopback(request);
  const header = request.headers.authorization ?? '';
  const sent = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return timingSafeEqual(digest(sent), digest(token));
}

export async function healthRoutes({ app, services, settings }: RouteDeps): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Liveness: the process answers', ...healthApi.healthz },
    },
    async (_request, reply) => reply.type(plain).send('ok\n'),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Readiness: the store answers and its migrations are current; 503 with why otherwise',
        ...healthApi.readyz,
      },
    },
    async (_request, reply) => {
      const ready = await readiness(services.store);
      if (ready.ready) return reply.type(plain).send('ready\n');
      return reply.status(503).type(plain).send(`not ready: ${ready.why}\n`);
    },
  );
  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Prometheus metrics; with OPENAMI_METRICS_TOKEN set, the bearer token; otherwise from loopback only',
        security: [{ bearer: [] }],
        ...healthApi.metrics,
      },
    },
    async (request, reply) => {
      if (!mayScrape(request, settings.metricsToken)) throw new AppError('UNAUTHENTICATED');
      const text = await services.metrics.exposition(async () => {
        busGauges(services.field, services.metrics);
        await storeGauges(services.store, services.metrics, services.field);
      });
      return reply.type(expositionContentType).send(text);
    },
  );
}
