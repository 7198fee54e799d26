import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { serviceContext } from '../context.ts';
import { openEventStream } from '../http/event-stream.ts';
import type { RunEvent } from '../http/field.ts';
import { idParams, literalUnion, pageQuery } from '../http/schemas.ts';
import { meterInScope } from '../policies/scope.ts';
import {
  createPlan,
  listPlans,
  listRuns,
  meterCommands,
  meterRuns,
  readAreaNow,
  readMeterNow,
  runDetail,
  runMeters,
  runPlanNow,
  sendCommand,
  updatePlan,
} from '../services/collection.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['collection'];
/** Item groups (`energy`, `instantaneous`, `prepaid`, `status`, `clock`) or DL/T 645-2007 identifiers. */
const itemsBody = Type.Object({
  items: Type.Optional(Type.Array(Type.String({ pattern: '^([0-9A-Fa-f]{8}|[a-z]+)$' }), { maxItems: 64 })),
});
const requestId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const commandBody = Type.Union([
  Type.Object({
    requestId,
    kind: literalUnion(['relay-trip', 'relay-close'] as const),
    validForMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  }),
  Type.Object({
    requestId,
    kind: Type.Literal('write'),
    di: Type.String({ pattern: '^[0-9A-Fa-f]{8}$' }),
    value: Type.Union([
      Type.Number(),
      Type.String({ maxLength: 64 }),
      Type.Object({}, { additionalProperties: true }),
    ]),
  }),
]);
const planId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' });
const planParams = Type.Object({ id: planId });
const recordIds = Type.Array(Type.String({ pattern: '^[1-9][0-9]*$' }), { maxItems: 1000 });
const planBody = Type.Object({
  id: planId,
  name: Type.Object({
    zh: Type.String({ minLength: 1, maxLength: 100 }),
    en: Type.String({ minLength: 1, maxLength: 100 }),
  }),
  kind: literalUnion(['read', 'daily-frozen', 'clock-check', 'time-sync'] as const),
  items: Type.Array(Type.String({ pattern: '^([0-9A-Fa-f]{8}|[a-z]+)$' }), { maxItems: 64 }),
  targets: Type.Object(
    {
      areas: Type.Optional(recordIds),
      meterTypes: Type.Optional(recordIds),
      meters: Type.Optional(recordIds),
    },
    { additionalProperties: false },
  ),
  schedule: Type.Union([
    Type.Object({
      kind: Type.Literal('interval'),
      everyMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
      offsetMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1439 })),
    }),
    Type.Object({ kind: Type.Literal('daily'), at: Type.String({ pattern: '^\\d{1,2}:\\d{2}$' }) }),
    Type.Object({
      kind: Type.Literal('monthly'),
      day: Type.Integer({ minimum: 1, maximum: 31 }),
      at: Type.String({ pattern: '^\\d{1,2}:\\d{2}$' }),
    }),
  ]),
  enabled: Type.Optional(Type.Boolean()),
});
const dayRange = Type.Object({
  from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
});
const monthRange = Type.Object({
  from: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
  to: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
});
const timeRange = Type.Object({
  from: Type.Integer({ minimum: 0, description: 'epoch ms, inclusive' }),
  to: Type.Integer({ minimum: 0, description: 'epoch ms, exclusive; at most 31 days after from' }),
});

export async function collectionRoutes({ app, services }: RouteDeps): Promise<void> {
  app.post(
    '/api/meters/:id/read',
    {
      config: { access: 'meter.readNow' },
      schema: {
        tags,
        summary: 'Read chosen items of one meter now, ahead of scheduled collection; the reading is stored',
        params: idParams,
        body: itemsBody,
      },
    },
    async (request) =>
      readMeterNow(serviceContext(request, services), services.field, request.params.id, request.body.items),
  );

  app.post(
    '/api/areas/:id/read',
    {
      config: { access: 'meter.readNow' },
      schema: {
        tags,
        summary:
          'Read every meter of an area (and beneath it) now; answers at once with the run, whose progress streams from /api/collection/runs/{id}/events',
        params: idParams,
        body: itemsBody,
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await readAreaNow(
            serviceContext(request, services),
            services.field,
            services.runs,
            request.params.id,
            request.body.items,
          ),
        ),
  );

  app.post(
    '/api/meters/:id/commands',
    {
      config: { access: 'meter.command' },
      schema: {
        tags,
        summary:
          'Relay trip or close, or a parameter write: persisted and audited, sent, confirmed by reading back; the same requestId returns the first command',
        params: idParams,
        body: commandBody,
      },
    },
    async (request) =>
      sendCommand(serviceContext(request, services), services.field, request.params.id, request.body),
  );

  app.get(
    '/api/meters/:id/commands',
    {
      config: { access: 'meter.read' },
      schema: { tags, summary: "A meter's latest commands", params: idParams },
    },
    async (request) => meterCommands(serviceContext(request, services), request.params.id),
  );

  app.get(
    '/api/meters/:id/runs',
    {
      config: { access: 'collection.read' },
      schema: { tags, summary: "A meter's outcome in the latest collection runs", params: idParams },
    },
    async (request) => meterRuns(serviceContext(request, services), request.params.id),
  );

  app.get(
    '/api/meters/:id/readings',
    {
      config: { access: 'meter.read' },
      schema: {
        tags,
        summary: 'Energy registers (with validation flags) and instantaneous values read in a time range',
        params: idParams,
        querystring: timeRange,
      },
    },
    async (request) => {
      const meter = await meterInScope(serviceContext(request, services), request.params.id);
      const to = Math.min(request.query.to, request.query.from + 31 * 86_400_000);
      const [energy, instant] = await Promise.all([
        services.store.readings.energyBetween(meter.id, request.query.from, to),
        services.store.readings.instantBetween(meter.id, request.query.from, to),
      ]);
      return { energy, instant };
    },
  );

  app.get(
    '/api/meters/:id/energy/daily',
    {
      config: { access: 'meter.read' },
      schema: {
        tags,
        summary: 'Daily energy (site-local days) and the daily frozen registers',
        params: idParams,
        querystring: dayRange,
      },
    },
    async (request) => {
      const meter = await meterInScope(serviceContext(request, services), request.params.id);
      const [days, frozen] = await Promise.all([
        services.store.readings.daily(meter.id, request.query.from, request.query.to),
        services.store.readings.dailyFrozen(meter.id, request.query.from, request.query.to),
      ]);
      return { days, frozen };
    },
  );

  app.get(
    '/api/meters/:id/energy/monthly',
    {
      config: { access: 'meter.read' },
      schema: { tags, summary: 'Monthly energy', params: idParams, querystring: monthRange },
    },
    async (request) => {
      const meter = await meterInScope(serviceContext(request, services), request.params.id);
      return services.store.readings.monthly(meter.id, request.query.from, request.query.to);
    },
  );

  app.get(
    '/api/collection/plans',
    {
      config: { access: 'collection.read' },
      schema: { tags, summary: 'The reading plans: what, whom and when, and whether each runs' },
    },
    async (request) => listPlans(serviceContext(request, services)),
  );

  app.post(
    '/api/collection/plans',
    {
      config: { access: 'collection.write' },
      schema: { tags, summary: 'Add a reading plan', body: planBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPlan(serviceContext(request, services), services.field, request.body)),
  );

  app.patch(
    '/api/collection/plans/:id',
    {
      config: { access: 'collection.write' },
      schema: {
        tags,
        summary: 'Change a plan’s items, targets, schedule or name, or switch it off and on',
        params: planParams,
        body: Type.Partial(Type.Omit(planBody, ['id', 'kind'])),
      },
    },
    async (request) =>
      updatePlan(serviceContext(request, services), services.field, request.params.id, request.body),
  );

  app.post(
    '/api/collection/plans/:id/run',
    {
      config: { access: 'collection.write' },
      schema: {
        tags,
        summary:
          'Run a plan now; answers at once with the run, whose progress streams from /api/collection/runs/{id}/events',
        params: planParams,
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await runPlanNow(
            serviceContext(request, services),
            services.field,
            services.runs,
            request.params.id,
          ),
        ),
  );

  app.get(
    '/api/collection/runs',
    {
      config: { access: 'collection.read' },
      schema: {
        tags,
        summary: 'Collection runs, newest first by default, with their totals',
        querystring: pageQuery(['startedAt', 'id'] as const, {
          planId: Type.Optional(Type.String({ maxLength: 64 })),
          kind: Type.Optional(literalUnion(['read', 'daily-frozen', 'clock-check', 'time-sync'] as const)),
          status: Type.Optional(
            literalUnion(['running', 'finished', 'failed', 'interrupted', 'skipped'] as const),
          ),
          from: Type.Optional(Type.Integer({ minimum: 0 })),
          to: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, from, to, ...filter } = request.query;
      return listRuns(
        serviceContext(request, services),
        {
          ...filter,
          ...(from === undefined ? {} : { fromMs: from }),
          ...(to === undefined ? {} : { toMs: to }),
        },
        { offset, limit, sort, direction },
      );
    },
  );

  app.get(
    '/api/collection/runs/:id',
    {
      config: { access: 'collection.read' },
      schema: {
        tags,
        summary: 'One run: totals, success rate, and the success rate of each terminal port',
        params: idParams,
      },
    },
    async (request) => runDetail(serviceContext(request, services), request.params.id),
  );

  app.get(
    '/api/collection/runs/:id/meters',
    {
      config: { access: 'collection.read' },
      schema: {
        tags,
        summary: "The run's meters in your areas, with each failure's reason",
        params: idParams,
        querystring: Type.Object({
          failedOnly: Type.Boolean({ default: false }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        }),
      },
    },
    async (request) => runMeters(serviceContext(request, services), request.params.id, request.query),
  );

  app.get(
    '/api/collection/runs/:id/events',
    {
      config: { access: 'collection.read' },
      schema: {
        tags,
        summary:
          'Server-sent events: `progress` as each meter finishes, then `finished` (or `failed`) with the run',
        params: idParams,
      },
    },
    async (request, reply) => streamRun(request, reply, request.params.id),
  );

  app.get(
    '/api/collection/runs/events',
    {
      config: { access: 'collection.read' },
      schema: {
        tags,
        summary:
          'Server-sent events: `ended` with each run (scheduled or asked for) as it finishes or fails, for lists and counts that follow them',
        querystring: Type.Object({
          maxSeconds: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 86_400,
              description: 'close the stream after this long; clients reconnect',
            }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const stream = openEventStream(reply);
      // A first comment tells the client the stream is open (and flushes the headers through proxies).
      stream.comment('runs');
      // Without a collector in this process nothing is announced; the pages poll as well.
      const stop = services.field?.subscribeRuns((run) => stream.send('ended', run));
      const maxSeconds = request.query.maxSeconds;
      const limit = maxSeconds === undefined ? undefined : setTimeout(() => stream.end(), maxSeconds * 1000);
      stream.onClose(() => {
        clearTimeout(limit);
        stop?.();
      });
    },
  );

  async function streamRun(request: FastifyRequest, reply: FastifyReply, runId: number): Promise<void> {
    const context = serviceContext(request, services);
    const stored = await runDetail(context, runId);
    const stream = openEventStream(reply);
    const send = (event: RunEvent) => {
      stream.send(
        event.kind,
        event.kind === 'progress' ? event.progress : event.kind === 'finished' ? event.run : event,
      );
      if (event.kind !== 'progress') stream.end();
    };
    const stop = services.runs.follow(runId, send);
    if (stop === undefined) {
      // Not running here: what the store says is the end of the story.
      send(
        stored.run.status === 'running'
          ? { kind: 'failed', runId, reason: 'the run is not running in this server' }
          : { kind: 'finished', run: stored.run },
      );
      return;
    }
    stream.onClose(stop);
  }
}
