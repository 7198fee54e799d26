// A check for tests: every answer the response schema would change (a field it leaves out, a value it
// coerces) fails the request, naming the route and the fields, so the contract cannot fall behind the code.
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, FastifyReply } from 'fastify';

const written = new WeakMap<FastifyReply, string>();

export function checkResponses(app: FastifyInstance): void {
  app.addHook('preSerialization', async (_request, reply, payload) => {
    written.set(reply, JSON.stringify(payload));
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const raw = written.get(reply);
    if (raw === undefined || typeof payload !== 'string') return payload;
    written.delete(reply);
    const expected: unknown = JSON.parse(raw);
    const sent: unknown = JSON.parse(payload);
    if (isDeepStrictEqual(expected, sent)) return payload;
    const where = `${request.method} ${request.routeOptions.url ?? request.url} (${reply.statusCode})`;
    const problem = `the response schema of ${where} changes the answer: ${differences(expected, sent, '').join('; ')}`;
    // The test sees a 500 INTERNAL; the reason goes to its output, as the app logs nothing in tests.
    process.stderr.write(`${problem}\n`);
    throw new Error(problem);
  });
}

/** Where two JSON values differ, as paths with both sides. */
function differences(expected: unknown, sent: unknown, path: string): string[] {
  if (isDeepStrictEqual(expected, sent)) return [];
  const bothObjects =
    typeof expected === 'object' && expected !== null && typeof sent === 'object' && sent !== null;
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(sent)) {
    return [`${path || '/'}: ${JSON.stringify(expected)} sent as ${JSON.stringify(sent)}`];
  }
  const a = expected as Record<string, unknown>;
  const b = sent as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) => differences(a[key], b[key], `${path}/${key}`));
}
