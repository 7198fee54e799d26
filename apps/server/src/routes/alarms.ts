import type { AlarmEvent } from '@openami/alarms';
import { alarmsApi } from '@openami/contract/schemas';
import { scopeIncludes } from '@openami/domain';
import { serviceContext } from '../context.ts';
import { openEventStream } from '../http/event-stream.ts';
import { effectiveAlarmRules, removeAlarmRule, setAlarmRule } from '../services/alarm-rules.ts';
import {
  type AlarmQuery,
  acknowledgeAlarm,
  acknowledgeAlarms,
  alarmTable,
  alarmView,
  getAlarm,
  listAlarms,
} from '../services/alarms.ts';
import { sessionStillValid } from '../services/sessions.ts';
import { contentTypes, writeTable } from '../sheets/table-file.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['alarms'];
const scopeOf = (query: { areaId?: number; meterTypeId?: number }) => ({
  areaId: query.areaId ?? null,
  meterTypeId: query.meterTypeId ?? null,
});

function alarmFilter(query: {
  kind?: string;
  state?: string;
  objectType?: string;
  objectId?: string;
  severity?: string;
  areaId?: number;
  from?: number;
  to?: number;
}): AlarmQuery {
  const { from, to, ...rest } = query;
  return {
    ...(rest as Omit<AlarmQuery, 'fromMs' | 'toMs'>),
    ...(from === undefined ? {} : { fromMs: from }),
    ...(to === undefined ? {} : { toMs: to }),
  };
}

export async function alarmRoutes({ app, services, settings }: RouteDeps): Promise<void> {
  app.get(
    '/api/alarms',
    {
      config: { access: 'alarm.read' },
      schema: {
        tags,
        summary:
          'Alarms in your areas by time, kind, state, severity, area and object; newest first by default',
        ...alarmsApi.list,
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...query } = request.query;
      return listAlarms(serviceContext(request, services), alarmFilter(query), {
        offset,
        limit,
        sort,
        direction,
      });
    },
  );

  app.get(
    '/api/alarms/export',
    {
      config: { access: 'alarm.read' },
      schema: {
        tags,
        summary: 'Alarms in your areas as .xlsx or .csv (at most 100 000, newest first)',
        ...alarmsApi.export,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const { format, ...query } = request.query;
      const rows = [];
      for (let offset = 0; offset < 100_000; offset += 500) {
        const page = await listAlarms(context, alarmFilter(query), {
          offset,
          limit: 500,
          sort: 'raisedAt',
          direction: 'desc',
        });
        rows.push(...page.items);
        if (offset + 500 >= page.total) break;
      }
      const body = await writeTable(format, alarmTable(rows, context.locale, context.timeZone), 'alarms');
      return reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="alarms.${format}"`)
        .send(body);
    },
  );

  app.get(
    '/api/alarms/events',
    {
      config: { access: 'alarm.read' },
      schema: {
        tags,
        summary:
          'Server-sent events: every alarm raised, refreshed, acknowledged or cleared in your areas, as it happens (`raised`, `refreshed`, `acknowledged`, `cleared`)',
        ...alarmsApi.events,
      },
    },
    async (request, reply) => {
      const context = serviceContext(request, services);
      const scope = context.principal.scope;
      const paths = new Map<number, string | undefined>();
      const visible = async (event: AlarmEvent): Promise<boolean> => {
        if (scope.kind === 'all') return true;
        const areaId = event.alarm.areaId;
        if (areaId === null) return false;
        if (!paths.has(areaId)) paths.set(areaId, (await services.store.areas.get(areaId))?.path);
        const path = paths.get(areaId);
        return path !== undefined && scopeIncludes(scope, path);
      };
      // Re-authorised now and then and before each event: a signed-out or disabled user's stream ends.
      const stream = openEventStream(reply, {
        everyMs: settings.streamRecheckMs,
        check: () => sessionStillValid(services.store, context.principal, services.clock()),
      });
      // A first comment tells the client the stream is open (and flushes the headers through proxies).
      stream.comment('alarms');
      // One event after another, in the order they happened, each with its subject looked up.
      let sending: Promise<void> = Promise.resolve();
      const stop = services.alarms.subscribe((event) => {
        const view = visible(event).then((show) =>
          show ? alarmView(services.store, event.alarm) : undefined,
        );
        sending = sending
          .then(() => view)
          .then(async (shown) => {
            if (shown !== undefined && (await stream.authorised())) stream.send(event.kind, shown);
          })
          .catch(() => undefined);
      });
      const maxSeconds = request.query.maxSeconds;
      const limit = maxSeconds === undefined ? undefined : setTimeout(() => stream.end(), maxSeconds * 1000);
      stream.onClose(() => {
        clearTimeout(limit);
        stop();
      });
    },
  );

  app.get(
    '/api/alarms/rules',
    {
      config: { access: 'alarm.read' },
      schema: {
        tags,
        summary:
          'Every kind’s effective rule (enabled, severity, thresholds) for an area and a meter type, with where each setting comes from, and the overrides that apply there',
        ...alarmsApi.rules,
      },
    },
    async (request) => effectiveAlarmRules(serviceContext(request, services), scopeOf(request.query)),
  );

  app.put(
    '/api/alarms/rules/:kind',
    {
      config: { access: 'alarm.configure' },
      schema: {
        tags,
        summary:
          'Set the override of a kind for an area and/or a meter type (replacing what was set there); settings left out are inherited. Precedence: area with type, area, each ancestor, site with type, site, default',
        ...alarmsApi.setRule,
      },
    },
    async (request) => {
      const { areaId, meterTypeId, ...settings } = request.body;
      return setAlarmRule(
        serviceContext(request, services),
        services.alarms,
        request.params.kind,
        scopeOf({
          ...(areaId === undefined ? {} : { areaId }),
          ...(meterTypeId === undefined ? {} : { meterTypeId }),
        }),
        settings,
      );
    },
  );

  app.delete(
    '/api/alarms/rules/:kind',
    {
      config: { access: 'alarm.configure' },
      schema: {
        tags,
        summary: 'Remove the override of a kind for an area and/or a meter type; the next one up applies',
        ...alarmsApi.removeRule,
      },
    },
    async (request) =>
      removeAlarmRule(
        serviceContext(request, services),
        services.alarms,
        request.params.kind,
        scopeOf(request.query),
      ),
  );

  app.get(
    '/api/alarms/:id',
    {
      config: { access: 'alarm.read' },
      schema: { tags, summary: 'One alarm with its evidence', ...alarmsApi.get },
    },
    async (request) => getAlarm(serviceContext(request, services), request.params.id),
  );

  app.post(
    '/api/alarms/acknowledge',
    {
      config: { access: 'alarm.acknowledge' },
      schema: {
        tags,
        summary:
          'Acknowledge several alarms with one comment (each audited); all must be in your areas. Those no longer raised are skipped and listed',
        ...alarmsApi.acknowledgeMany,
      },
    },
    async (request) =>
      acknowledgeAlarms(
        serviceContext(request, services),
        services.alarms,
        request.body.ids,
        request.body.comment,
      ),
  );

  app.post(
    '/api/alarms/:id/acknowledge',
    {
      config: { access: 'alarm.acknowledge' },
      schema: {
        tags,
        summary: 'Acknowledge an alarm with a comment; an event alarm (a cover opened) clears with it',
        ...alarmsApi.acknowledge,
      },
    },
    async (request) =>
      acknowledgeAlarm(
        serviceContext(request, services),
        services.alarms,
        request.params.id,
        request.body.comment,
      ),
  );
}
