// Alarms: the list and its live feed, acknowledgement, rules per area and meter type, and the monitoring view.
import { Type } from '@sinclair/typebox';
import {
  alarmKinds,
  alarmObjectTypes,
  alarmStateFilters,
  alarmStates,
  meterRoles,
  pointColours,
  severities,
} from '../lists/alarms.ts';
import { areaKinds, meterStates, tableFormats } from '../lists/archive.ts';
import {
  count,
  epochMs,
  eventStream,
  id,
  idParams,
  json,
  literalUnion,
  nullable,
  ok,
  page,
  pageQuery,
  sheetFile,
  streamQuery,
} from './common.ts';

/** What an alarm is about, as people know it; the ids stay in `objectType` and `objectId`. */
export const alarmSubject = Type.Object(
  {
    meter: nullable(Type.Object({ factoryNo: Type.String(), commAddress: Type.String() })),
    customer: nullable(
      Type.Object(
        { name: Type.String(), unit: Type.String({ description: 'the room (门牌)' }) },
        { description: 'who holds the meter’s open account' },
      ),
    ),
    accountNo: nullable(Type.String()),
    terminal: nullable(Type.Object({ name: Type.String() }, { description: 'a terminal’s or a port’s' })),
    portNo: nullable(Type.Integer()),
  },
  { description: 'the meter (number, address, its holder’s room and account) or the terminal (name, port)' },
);

export const alarm = Type.Object({
  id,
  kind: literalUnion(alarmKinds),
  severity: literalUnion(severities),
  objectType: literalUnion(alarmObjectTypes),
  objectId: Type.String({ description: 'the meter or terminal id, or terminal:port' }),
  areaId: nullable(id),
  state: literalUnion(alarmStates),
  raisedAt: epochMs(),
  lastSeenAt: epochMs(),
  occurrences: count,
  evidence: json('what the engine saw, by kind (docs/alarms.md)'),
  acknowledgedAt: nullable(epochMs()),
  acknowledgedBy: nullable(id),
  acknowledgedByName: nullable(Type.String()),
  ackComment: nullable(Type.String()),
  clearedAt: nullable(epochMs()),
  clearReason: nullable(Type.String()),
  subject: alarmSubject,
});

/** Where a rule's setting comes from: the built-in default or the scope of an override. */
export const ruleSource = Type.Union([
  Type.Literal('default'),
  Type.Object({ areaId: nullable(id), meterTypeId: nullable(id) }),
]);

const thresholds = Type.Record(Type.String(), Type.Number());

export const effectiveAlarmRule = Type.Object({
  kind: literalUnion(alarmKinds),
  enabled: Type.Boolean(),
  severity: literalUnion(severities),
  params: thresholds,
  sources: Type.Record(Type.String(), ruleSource, {
    description: 'per setting (enabled, severity, each param)',
  }),
});

/** Several alarms acknowledged with one comment: those acknowledged, and those no longer raised, left as they are. */
export const alarmsAcknowledged = Type.Object({
  acknowledged: Type.Array(alarm),
  skipped: Type.Array(
    Type.Object(
      { id, state: literalUnion(alarmStates) },
      { description: 'already acknowledged or cleared (by somebody else, or by the engine)' },
    ),
  ),
});

export const alarmRuleOverride = Type.Object({
  kind: literalUnion(alarmKinds),
  areaId: nullable(id),
  meterTypeId: nullable(id),
  enabled: nullable(Type.Boolean()),
  severity: nullable(literalUnion(severities)),
  params: thresholds,
  updatedAt: epochMs(),
  updatedBy: nullable(id),
});

export const effectiveAlarmRules = Type.Object({
  areaId: nullable(id),
  meterTypeId: nullable(id),
  rules: Type.Array(effectiveAlarmRule),
  overrides: Type.Array(alarmRuleOverride),
});

export const monitoredArea = Type.Object({
  id,
  kind: literalUnion(areaKinds),
  code: Type.String(),
  name: Type.String(),
});

export const monitoredMeter = Type.Object({
  id,
  factoryNo: Type.String(),
  commAddress: Type.String(),
  state: literalUnion(meterStates),
  areaId: id,
  parentMeterId: nullable(id),
  role: literalUnion(meterRoles),
  customer: nullable(
    Type.Object(
      { name: Type.String(), unit: Type.String({ description: 'the room (门牌), e.g. 1-2-301' }) },
      { description: 'who holds its open account' },
    ),
  ),
  lastReadAt: nullable(epochMs()),
  areas: Type.Array(monitoredArea, { description: 'from the top down to its own' }),
  colour: literalUnion(pointColours),
  alarms: Type.Array(
    Type.Pick(alarm, ['id', 'kind', 'severity', 'state', 'objectType', 'objectId', 'raisedAt']),
  ),
});

export const monitoringView = Type.Object({
  areaId: nullable(id),
  meters: Type.Array(monitoredMeter),
  counts: Type.Object({ green: count, yellow: count, red: count, grey: count }),
  truncated: Type.Boolean(),
  at: epochMs(),
});

const filters = {
  kind: Type.Optional(literalUnion(alarmKinds)),
  state: Type.Optional(literalUnion(alarmStateFilters)),
  objectType: Type.Optional(literalUnion(alarmObjectTypes)),
  objectId: Type.Optional(Type.String({ maxLength: 64 })),
  severity: Type.Optional(literalUnion(severities)),
  areaId: Type.Optional(Type.Integer({ minimum: 1, description: 'alarms in this area or beneath it' })),
  from: Type.Optional(Type.Integer({ minimum: 0, description: 'raised at or after, epoch ms' })),
  to: Type.Optional(Type.Integer({ minimum: 0, description: 'raised before, epoch ms' })),
};
const ruleScope = {
  areaId: Type.Optional(
    Type.Integer({ minimum: 1, description: 'an area (and beneath it); left out: the whole site' }),
  ),
  meterTypeId: Type.Optional(Type.Integer({ minimum: 1, description: 'a meter type; left out: every type' })),
};
const kindParams = Type.Object({ kind: literalUnion(alarmKinds) });

export const alarmsApi = {
  list: {
    querystring: pageQuery(['raisedAt', 'id', 'severity'] as const, filters),
    response: ok(page(alarm)),
  },
  export: {
    querystring: Type.Object({ format: literalUnion(tableFormats, { default: 'xlsx' }), ...filters }),
    response: sheetFile('The alarms, newest first'),
  },
  events: {
    querystring: streamQuery,
    response: eventStream(
      '`raised`, `refreshed`, `acknowledged`, `cleared`, each with the alarm as it now stands',
    ),
  },
  rules: { querystring: Type.Object(ruleScope), response: ok(effectiveAlarmRules) },
  setRule: {
    params: kindParams,
    body: Type.Object({
      ...ruleScope,
      enabled: Type.Optional(Type.Boolean()),
      severity: Type.Optional(literalUnion(severities)),
      params: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Number())),
    }),
    response: ok(alarmRuleOverride),
  },
  removeRule: { params: kindParams, querystring: Type.Object(ruleScope), response: ok(alarmRuleOverride) },
  get: { params: idParams, response: ok(alarm) },
  acknowledgeMany: {
    body: Type.Object({
      ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500, uniqueItems: true }),
      comment: Type.String({ minLength: 1, maxLength: 500 }),
    }),
    response: ok(alarmsAcknowledged),
  },
  acknowledge: {
    params: idParams,
    body: Type.Object({ comment: Type.String({ minLength: 1, maxLength: 500 }) }),
    response: ok(alarm),
  },
};

export const monitoringApi = {
  meters: {
    querystring: Type.Object({
      areaId: Type.Optional(Type.Integer({ minimum: 1, description: 'an area and everything beneath it' })),
    }),
    response: ok(monitoringView),
  },
};
