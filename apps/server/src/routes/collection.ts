import { collectionApi } from '@openami/contract/schemas';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ServiceContext, serviceContext } from '../context.ts';
import { openEventStream } from '../http/event-stream.ts';
import type { RunEvent } from '../http/field.ts';
import { meterInScope } from '../policies/scope.ts';
import {
  createPlan,
  followStoredRun,
  listPlans,
  listRuns,
  meterCommands,
  meterRuns,
  readAreaNow,
  readMeterNow,
  runDetail,
  runMeters,
  runPlanNow,
  scopedProgress,
  scopedRun,
  sendCommand,
  updatePlan,
} from '../services/collection.ts';
import { sessionStillValid } from '../services/sessions.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['collection'];
export async function collectionRoutes({ app, services, settings }: RouteDeps): Promise<void> {
  app.post(
    '/api/meters/:id/read',
    {
      config: { access: 'meter.readNow' },
      schema: {
        tags,
        summary: 'Read chosen items of one meter now, ahead of scheduled collection; the reading is stored',
        ...collectionApi.readMeter,
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
        ...collectionApi.readArea,
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
        ...collectionApi.sendCommand,
      },
    },
    async (request) =>
      sendCommand(serviceContext(request, services), services.field, request.params.id, request.body),
  );

  app.get(
    '/api/meters/:id/commands',
    {
      config: { access: 'meter.read' },
      schema: { tags, summary: "A meter's latest commands", ...collectionApi.meterCommands },
    },
    async (request) => meterCommands(serviceContext(request, services), request.params.id),
  );

  app.get(
    '/api/meters/:id/runs',
    {
      config: { access: 'collection.read' },
      schema: {
        tags,
        summary: "A meter's outcome in the latest collection runs",
        ...collectionApi.meterRuns,
      },
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
        ...collectionApi.meterReadings,
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
        ...collectionApi.meterDaily,
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
      schema: { tags, summary: 'Monthly energy', ...collectionApi.meterMonthly },
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
      schema: {
        tags,
        summary: 'The reading plans: what, whom and when, and whether each runs',
        ...collectionApi.listPlans,
      },
    },
    async (request) => listPlans(serviceContext(request, services)),
  );

  app.post(
    '/api/collection/plans',
    {
      config: { access: 'collection.write' },
      schema: { tags, summary: 'Add a reading plan', ...collectionApi.createPlan },
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
        ...collectionApi.updatePlan,
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
        ...collectionApi.runPlan,
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
        ...collectionApi.listRuns,
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
        ...collectionApi.getRun,
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
        ...collectionApi.runMeters,
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
        ...collectionApi.runEvents,
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
        ...collectionApi.endedRuns,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const stream = openEventStream(reply, reauthorise(context));
      // A first comment tells the client the stream is open (and flushes the headers through proxies).
      stream.comment('runs');
      // Without a collector in this process nothing is announced; the pages poll as well.
      // Only the runs the caller may see, with their totals over the caller's areas.
      const { scope, userId } = context.principal;
      let sending: Promise<void> = Promise.resolve();
      const stop = services.field?.subscribeRuns((run) => {
        sending = sending
          .then(async () => {
            if (!(await services.store.collection.runVisible(run.id, scope, userId))) return;
            if (!(await stream.authorised())) return;
            stream.send('ended', await scopedRun(context, run));
          })
          .catch(() => undefined);
      });
      const maxSeconds = request.query.maxSeconds;
      const limit = maxSeconds === undefined ? undefined : setTimeout(() => stream.end(), maxSeconds * 1000);
      stream.onClose(() => {
        clearTimeout(limit);
        stop?.();
      });
    },
  );

  /** A stream re-checks its session now and then and before each event, and ends once it is gone. */
  function reauthorise(context: ServiceContext) {
    return {
      everyMs: settings.streamRecheckMs,
      check: () => sessionStillValid(services.store, context.principal, services.clock()),
    };
  }

  async function streamRun(request: FastifyRequest, reply: FastifyReply, runId: number): Promise<void> {
    const context = serviceContext(request, services);
    const stored = await runDetail(context, runId);
    const stream = openEventStream(reply, reauthorise(context));
    // The meters of the caller's areas the run may reach, counted once: the total a scoped viewer sees.
    let reachable: Promise<number> | undefined;
    const reachableInScope = () => {
      reachable ??= services.store.collection.reachableInScope(stored.run.areaId, context.principal.scope);
      return reachable;
    };
    // Progress and the end's totals over the caller's areas only, like the run's detail.
    let sending: Promise<void> = Promise.resolve();
    const send = (event: RunEvent) => {
      sending = sending
        .then(async () => {
          if (!(await stream.authorised())) return;
          stream.send(
            event.kind,
            event.kind === 'progress'
              ? await scopedProgress(context, stored.run, event.progress, reachableInScope)
              : event.kind === 'finished'
                ? await scopedRun(context, event.run)
                : event,
          );
          if (event.kind !== 'progress') stream.end();
        })
        .catch(() => stream.end());
    };
    // A run this process runs for an operator streams from the hub as each meter finishes; any other (a
    // scheduled run, a collector in another process) from the counts its recorder writes to the store.
    const stop = services.runs.follow(runId, send) ?? followStoredRun(context, stored.run, send);
    stream.onClose(stop);
  }
}
