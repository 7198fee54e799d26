// The archive's changes reach the collector of this process at once: after a successful change to terminals,
// meters, meter types, areas or accounts (opening one installs its meter), the answer waits (a little) for the
// collector to take the store's field in, so that a meter just installed can be read or commanded next.
// A collector in another process compares the store's field version every few seconds instead.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldGateway } from './field.ts';

const ARCHIVES = /^\/api\/(terminals|meters|meter-types|areas|accounts)(\/|\?|$)/;
/** Collection's own requests under those paths change no archive. */
const COLLECTION = /^\/api\/meters\/\d+\/(read|commands)/;
/** The longest an answer waits for the collector (a terminal being dialled); the reload goes on after. */
const WAIT_MS = 2000;

function changesArchive(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  return ARCHIVES.test(request.url) && !COLLECTION.test(request.url);
}

export function followFieldChanges(app: FastifyInstance, field: FieldGateway | undefined): void {
  const changed = field?.fieldChanged?.bind(field);
  if (changed === undefined) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 || !changesArchive(request)) return payload;
    let timer: NodeJS.Timeout | undefined;
    const reload = changed().catch((error: unknown) =>
      request.log.warn({ err: error }, 'the collector could not take the changed field in'),
    );
    await Promise.race([
      reload,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    return payload;
  });
}
