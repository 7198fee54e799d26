// Collection: reading now, commands, reading plans and the runs they make, and what was read.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import {
  commandStates,
  meterCommandKinds,
  meterOutcomes,
  planKinds,
  runStatuses,
  runTriggers,
} from '../lists/collection.ts';
import {
  accepted,
  count,
  created,
  epochMs,
  eventStream,
  id,
  idParams,
  literalUnion,
  nullable,
  ok,
  page,
  pageQuery,
  params,
  patchBody,
  streamQuery,
} from './common.ts';
import {
  dailyAndFrozen,
  dayRange,
  itemsBody,
  monthlyEnergy,
  monthRange,
  readings,
  readNowResult,
  timeRange,
} from './readings.ts';

/** A reason the head-end gives: English text for logs, and the code with its parameters that pages word. */
const codedReason = {
  reason: nullable(Type.String({ description: 'English, for logs; shown only when there is no code' })),
  reasonCode: nullable(Type.String({ description: 'a reason code (reasonCodes), worded by the client' })),
  reasonParams: nullable(params),
};

export const meterCommand = Type.Object({
  id,
  meterId: id,
  kind: literalUnion(meterCommandKinds),
  params: Type.String({ description: 'the command as JSON' }),
  requestId: Type.String(),
  state: literalUnion(commandStates),
  ...codedReason,
  attempts: count,
  requestedBy: nullable(id),
  requestedAt: epochMs(),
  sentAt: nullable(epochMs()),
  finishedAt: nullable(epochMs()),
});

export const collectionRun = Type.Object({
  id,
  planId: Type.String(),
  kind: literalUnion(planKinds),
  trigger: literalUnion(runTriggers),
  requestedBy: nullable(id),
  areaId: nullable(id),
  startedAt: epochMs(),
  finishedAt: nullable(epochMs()),
  status: literalUnion(runStatuses),
  metersTotal: count,
  metersComplete: count,
  metersPartial: count,
  metersFailed: count,
  detail: nullable(Type.String({ description: 'English, for logs; the code is what a page words' })),
  detailCode: nullable(Type.String({ description: 'a run summary code or a reason code' })),
  detailParams: nullable(params),
});

export const portRate = Type.Object({
  terminalId: nullable(id),
  portNo: nullable(Type.Integer()),
  meters: count,
  read: count,
  failed: count,
});

export const runDetail = Type.Object({
  run: collectionRun,
  successRate: nullable(
    Type.Number({ description: 'per cent with one decimal; null for a run with no meters' }),
  ),
  ports: Type.Array(portRate),
});

const runMeterFields = {
  runId: id,
  meterId: id,
  terminalId: nullable(id),
  portNo: nullable(Type.Integer()),
  status: literalUnion(meterOutcomes),
  ...codedReason,
  attempts: count,
  durationMs: count,
  clockOffsetMs: nullable(Type.Integer({ description: "the meter's clock minus the station's" })),
};

export const runMeter = Type.Object({
  ...runMeterFields,
  factoryNo: Type.String(),
  commAddress: Type.String(),
});

/** A meter's outcome in one run (GET /api/meters/:id/runs). */
export const meterRunOutcome = Type.Object({
  ...runMeterFields,
  startedAt: epochMs(),
  planId: Type.String(),
});

/** The server-sent `progress` event of a run. */
export const runProgress = Type.Object({
  runId: id,
  total: count,
  done: count,
  complete: count,
  partial: count,
  unreachable: count,
  meterId: Type.Optional(id),
  status: Type.Optional(Type.String()),
});

const recordIds = Type.Array(Type.String({ pattern: '^[1-9][0-9]*$' }), { maxItems: 1000 });
export const planTargets = Type.Object(
  {
    areas: Type.Optional(recordIds),
    meterTypes: Type.Optional(recordIds),
    meters: Type.Optional(recordIds),
  },
  { additionalProperties: false },
);
const clock = Type.String({ pattern: '^\\d{1,2}:\\d{2}$' });
export const schedule = Type.Union([
  Type.Object({
    kind: Type.Literal('interval'),
    everyMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    offsetMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1439 })),
  }),
  Type.Object({ kind: Type.Literal('daily'), at: clock }),
  Type.Object({ kind: Type.Literal('monthly'), day: Type.Integer({ minimum: 1, maximum: 31 }), at: clock }),
]);
const planName = Type.Object({
  zh: Type.String({ minLength: 1, maxLength: 100 }),
  en: Type.String({ minLength: 1, maxLength: 100 }),
});
const itemNames = Type.Array(Type.String({ pattern: '^([0-9A-Fa-f]{8}|[a-zA-Z]+)$' }), { maxItems: 64 });

/**
 * A part of a stored plan: what the schema says, or, for a plan written by hand into the database that does
 * not fit it, what is stored (its `problem` says why it cannot run).
 */
const asStored = <T extends TSchema>(schema: T) =>
  Type.Unsafe<Static<T>>({ anyOf: [schema, { description: 'as stored, when it does not fit' }] });

export const readingPlan = Type.Object({
  id: Type.String(),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  kind: literalUnion(planKinds),
  items: asStored(Type.Array(Type.String())),
  targets: asStored(planTargets),
  schedule: asStored(schedule),
  enabled: Type.Boolean(),
  updatedAt: epochMs(),
  problem: nullable(Type.String({ description: 'why the head-end cannot run it, or null' })),
});

const planId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' });
const planParams = Type.Object({ id: planId });
const planBody = Type.Object({
  id: planId,
  name: planName,
  kind: literalUnion(planKinds),
  items: itemNames,
  targets: planTargets,
  schedule,
  enabled: Type.Optional(Type.Boolean()),
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

export const collectionApi = {
  readMeter: { params: idParams, body: itemsBody, response: ok(readNowResult) },
  readArea: { params: idParams, body: itemsBody, response: accepted(collectionRun) },
  sendCommand: { params: idParams, body: commandBody, response: ok(meterCommand) },
  meterCommands: { params: idParams, response: ok(Type.Array(meterCommand)) },
  meterRuns: { params: idParams, response: ok(Type.Array(meterRunOutcome)) },
  meterReadings: { params: idParams, querystring: timeRange, response: ok(readings) },
  meterDaily: { params: idParams, querystring: dayRange, response: ok(dailyAndFrozen) },
  meterMonthly: { params: idParams, querystring: monthRange, response: ok(Type.Array(monthlyEnergy)) },
  listPlans: { response: ok(Type.Array(readingPlan)) },
  createPlan: { body: planBody, response: created(readingPlan) },
  updatePlan: {
    params: planParams,
    body: patchBody(Type.Omit(planBody, ['id', 'kind'])),
    response: ok(readingPlan),
  },
  runPlan: { params: planParams, response: accepted(collectionRun) },
  listRuns: {
    querystring: pageQuery(['startedAt', 'id'] as const, {
      planId: Type.Optional(Type.String({ maxLength: 64 })),
      kind: Type.Optional(literalUnion(planKinds)),
      status: Type.Optional(literalUnion(runStatuses)),
      from: Type.Optional(Type.Integer({ minimum: 0 })),
      to: Type.Optional(Type.Integer({ minimum: 0 })),
    }),
    response: ok(page(collectionRun)),
  },
  getRun: { params: idParams, response: ok(runDetail) },
  runMeters: {
    params: idParams,
    querystring: Type.Object({
      failedOnly: Type.Boolean({
        default: false,
        description: 'only the meters not read in full: unreachable, and partial reads with what they missed',
      }),
      offset: Type.Integer({ minimum: 0, default: 0 }),
      limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    }),
    response: ok(page(runMeter)),
  },
  runEvents: {
    params: idParams,
    response: eventStream(
      '`progress` (a run progress) as each meter finishes, then `finished` (the run) or `failed` ({ kind, runId, reason })',
    ),
  },
  endedRuns: {
    querystring: streamQuery,
    response: eventStream('`ended` (the run) as each run finishes or fails'),
  },
};
