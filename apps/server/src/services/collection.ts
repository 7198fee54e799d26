// Reading meters now, sending them commands, and what collection runs did: the operator's side of the
// head-end. The collector does the work on the wire; this checks who may ask for what, on which meters.
import type { ReadingForm } from '@openami/contract';
import { scopeIncludes } from '@openami/domain';
import {
  CommandRefused,
  type DataValue,
  DEFAULT_PLANS,
  itemInfo,
  type MeterOutcome,
  type PlanProblem,
  type PlanTargets,
  planProblemReason,
  planRowProblem,
  planToRow,
  type RunProgress,
  type RunRequest,
  type RunResult,
  resolveItems,
  type Schedule,
  writeProblem,
} from '@openami/headend/api';
import type {
  CollectionRunRow,
  MeterCommandRow,
  Page,
  PageRequest,
  PortRate,
  ReadingPlanRow,
  RunFilter,
  RunMeterRow,
  RunSort,
} from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError, type Locale, planProblemText } from '../errors.ts';
import type { FieldGateway, RunEvent, RunHub } from '../http/field.ts';
import { areaInScope, meterInScope } from '../policies/scope.ts';
import { actorOf } from './actor.ts';
import { recordAudit } from './audit.ts';
import { readingForm } from './reading-form.ts';

/** What "read now" reads when the request names nothing. */
const DEFAULT_ITEMS = ['energy', 'instantaneous', 'prepaid'];

export interface ReadNowResult {
  readonly meterId: number;
  readonly status: MeterOutcome['status'];
  readonly attempts: number;
  readonly durationMs: number;
  readonly readings: readonly {
    di: string;
    zh: string;
    en: string;
    unit?: string;
    value: DataValue;
    /** The value in a form a page words: set status flags, the meter's clock in the site's zone. */
    form: ReadingForm;
  }[];
  /** Items the meter does not hold, of those only some configurations hold: not failures. */
  readonly notHeld: readonly { di: string; zh: string; en: string }[];
  /** Each item that failed: why in English (`message`, for logs) and as a reason code the web words. */
  readonly failures: readonly {
    di: string;
    message: string;
    reasonCode: string;
    reasonParams: Readonly<Record<string, unknown>>;
  }[];
}

function fieldOf(field: FieldGateway | undefined): FieldGateway {
  if (field === undefined) throw new AppError('FIELD_UNAVAILABLE');
  return field;
}

function items(names: readonly string[] | undefined): number[] {
  try {
    return resolveItems(names === undefined || names.length === 0 ? DEFAULT_ITEMS : names);
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('UNKNOWN_ITEM', { item: error.message });
    throw error;
  }
}

const hex = (di: number) => di.toString(16).toUpperCase().padStart(8, '0');

export async function readMeterNow(
  context: ServiceContext,
  field: FieldGateway | undefined,
  meterId: number,
  itemNames: readonly string[] | undefined,
): Promise<ReadNowResult> {
  const gateway = fieldOf(field);
  const meter = await meterInScope(context, meterId);
  const wanted = items(itemNames);
  if (!gateway.collects(meter.id)) throw new AppError('METER_NOT_COLLECTED', { id: meter.id });
  await recordAudit(context.store, context, 'meter.read-now', 'meter', meter.id, {
    items: wanted.map(hex),
  });
  const outcome = await gateway.readMeter(meter.id, wanted, actorOf(context));
  return {
    meterId: meter.id,
    status: outcome.status,
    attempts: outcome.attempts,
    durationMs: Math.round(outcome.durationMs),
    readings: outcome.readings.map((r) => {
      const info = itemInfo(r.di);
      return {
        di: hex(r.di),
        zh: info?.zh ?? '',
        en: info?.en ?? '',
        ...(info?.unit === undefined ? {} : { unit: info.unit }),
        value: r.value,
        form: readingForm(r.value, context.timeZone),
      };
    }),
    notHeld: (outcome.notHeld ?? []).map((di) => {
      const info = itemInfo(di);
      return { di: hex(di), zh: info?.zh ?? '', en: info?.en ?? '' };
    }),
    failures: outcome.failures.map((f) => ({
      di: hex(f.di),
      message: f.message,
      reasonCode: f.why.code,
      reasonParams: f.why.params,
    })),
  };
}

/**
 * Starts reading every meter of an area now and returns as soon as the run is on record; progress goes to
 * `hub` for the clients that follow the run.
 */
export async function readAreaNow(
  context: ServiceContext,
  field: FieldGateway | undefined,
  hub: RunHub,
  areaId: number,
  itemNames: readonly string[] | undefined,
): Promise<CollectionRunRow> {
  const gateway = fieldOf(field);
  const area = await areaInScope(context, areaId);
  const wanted = items(itemNames);
  await recordAudit(context.store, context, 'area.read-now', 'area', area.id, { items: wanted.map(hex) });
  return followRun(context, hub, (request) =>
    gateway.readArea(area.id, wanted, { ...request, actor: actorOf(context) }),
  );
}

export type CommandInput =
  | {
      readonly requestId: string;
      readonly kind: 'relay-trip' | 'relay-close';
      readonly validForMinutes?: number;
    }
  | { readonly requestId: string; readonly kind: 'write'; readonly di: string; readonly value: DataValue };

/** Sends a command and waits for its outcome (confirmed or failed); the collector persists and audits it. */
export async function sendCommand(
  context: ServiceContext,
  field: FieldGateway | undefined,
  meterId: number,
  input: CommandInput,
): Promise<MeterCommandRow> {
  const gateway = fieldOf(field);
  const meter = await meterInScope(context, meterId);
  if (!gateway.collects(meter.id)) throw new AppError('METER_NOT_COLLECTED', { id: meter.id });
  let request: Parameters<FieldGateway['command']>[1];
  if (input.kind === 'write') {
    const di = Number.parseInt(input.di, 16);
    const problem = writeProblem(di, input.value);
    if (problem?.kind === 'unknown-item') throw new AppError('UNKNOWN_ITEM', { item: problem.item });
    if (problem?.kind === 'read-only') {
      throw new AppError('ITEM_READ_ONLY', { item: problem.item, nameZh: problem.zh, nameEn: problem.en });
    }
    if (problem !== undefined) {
      const { item, zh, en, format, detail } = problem;
      throw new AppError('BAD_WRITE', { item, nameZh: zh, nameEn: en, format, detail });
    }
    request = { requestId: input.requestId, kind: 'write', di, value: input.value };
  } else {
    request = {
      requestId: input.requestId,
      kind: 'relay',
      action: input.kind === 'relay-trip' ? 'trip' : 'close',
      ...(input.validForMinutes === undefined ? {} : { validForMinutes: input.validForMinutes }),
    };
  }
  try {
    return await gateway.command(meter.id, request, actorOf(context));
  } catch (error) {
    if (error instanceof CommandRefused) {
      throw new AppError(
        error.code !== 'meter-not-collected' ? 'COMMAND_UNAVAILABLE' : 'METER_NOT_COLLECTED',
        {
          id: meter.id,
        },
      );
    }
    throw error;
  }
}

export async function meterCommands(context: ServiceContext, meterId: number): Promise<MeterCommandRow[]> {
  const meter = await meterInScope(context, meterId);
  return context.store.collection.commandsOfMeter(meter.id, 100);
}

/**
 * Runs a user limited to some areas may see: asked for in one of their areas, asked for by them, or having
 * tried a meter of theirs; their totals count only the meters in those areas. Users of every area see all.
 */
export async function listRuns(
  context: ServiceContext,
  filter: RunFilter,
  page: PageRequest<RunSort>,
): Promise<Page<CollectionRunRow>> {
  const { scope, userId } = context.principal;
  const result = await context.store.collection.listRuns(filter, page, scope, userId);
  if (scope.kind === 'all') return result;
  const items = [];
  for (const run of result.items) items.push(await scopedRun(context, run));
  return { ...result, items };
}

/** The run with its totals over the caller's areas only (as is for a user of every area). */
export async function scopedRun(context: ServiceContext, run: CollectionRunRow): Promise<CollectionRunRow> {
  if (context.principal.scope.kind === 'all') return run;
  return { ...run, ...(await context.store.collection.totalsInScope(run.id, context.principal.scope)) };
}

/**
 * A running run's progress as the caller may see it. Every area's viewer gets it as it is; a viewer limited
 * to some areas gets the counts over the meters of those areas the run has done so far (from what its
 * recorder stored), a total of the meters in those areas it may reach, and the meter just finished only when
 * it is one of theirs: never how another area's meters fare.
 */
export async function scopedProgress(
  context: ServiceContext,
  run: CollectionRunRow,
  progress: RunProgress,
  reachable: () => Promise<number>,
): Promise<RunProgress> {
  const scope = context.principal.scope;
  if (scope.kind === 'all') return progress;
  const totals = await context.store.collection.totalsInScope(run.id, scope);
  const done = totals.metersTotal;
  let meter: Pick<RunProgress, 'meterId' | 'status'> = {};
  if (progress.meterId !== undefined) {
    const row = await context.store.meters.get(progress.meterId);
    const area = row === undefined ? undefined : await context.store.areas.get(row.areaId);
    if (area !== undefined && scopeIncludes(scope, area.path)) {
      meter = {
        meterId: progress.meterId,
        ...(progress.status === undefined ? {} : { status: progress.status }),
      };
    }
  }
  return {
    runId: progress.runId,
    total: Math.max(done, await reachable()),
    done,
    complete: totals.metersComplete,
    partial: totals.metersPartial,
    unreachable: totals.metersFailed,
    ...meter,
  };
}

/** A run the caller may see (see `listRuns`), or NOT_FOUND / AREA_FORBIDDEN, like any record by id. */
export async function runInScope(context: ServiceContext, runId: number): Promise<CollectionRunRow> {
  const run = await context.store.collection.getRun(runId);
  if (run === undefined) throw new AppError('NOT_FOUND', { entity: 'collection run', id: runId });
  const { scope, userId } = context.principal;
  if (!(await context.store.collection.runVisible(run.id, scope, userId)))
    throw new AppError('AREA_FORBIDDEN');
  return run;
}

export interface RunDetail {
  readonly run: CollectionRunRow;
  /** Read (complete or partial) over tried, in per cent with one decimal; null for a run with no meters. */
  readonly successRate: number | null;
  readonly ports: readonly PortRate[];
}

export async function runDetail(context: ServiceContext, runId: number): Promise<RunDetail> {
  const run = await scopedRun(context, await runInScope(context, runId));
  const read = run.metersComplete + run.metersPartial;
  // While a run goes on, its rate is over the meters done so far, not over those still to come.
  const tried = run.status === 'running' ? read + run.metersFailed : run.metersTotal;
  return {
    run,
    successRate: tried === 0 ? null : Math.round((read * 1000) / tried) / 10,
    ports: await context.store.collection.portRates(run.id, context.principal.scope),
  };
}

export async function runMeters(
  context: ServiceContext,
  runId: number,
  options: { failedOnly?: boolean; limit: number; offset: number },
): Promise<Page<RunMeterRow & { factoryNo: string; commAddress: string }>> {
  const run = await runInScope(context, runId);
  return context.store.collection.runMeters(run.id, context.principal.scope, options);
}

export async function meterRuns(context: ServiceContext, meterId: number) {
  const meter = await meterInScope(context, meterId);
  return context.store.collection.meterHistory(meter.id, 50);
}

export interface PlanView {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly kind: string;
  readonly items: readonly string[];
  readonly targets: PlanTargets;
  readonly schedule: Schedule;
  readonly enabled: boolean;
  readonly updatedAt: number;
  /** Why the head-end cannot run it (a plan written by hand into the database), or null. */
  readonly problem: string | null;
}

/** `BAD_PLAN` with the problem as a code the error handler words in the requester's language. */
function badPlan(problem: PlanProblem): AppError {
  return new AppError('BAD_PLAN', {
    reason: problem.text,
    problem: { code: problem.code, params: problem.params },
  });
}

function planView(row: ReadingPlanRow, locale: Locale): PlanView {
  const problem = planRowProblem(row);
  return {
    id: row.id,
    name: { zh: row.nameZh, en: row.nameEn },
    kind: row.kind,
    items: safeJson(row.items, []),
    targets: safeJson(row.targets, {}),
    schedule: safeJson(row.schedule, { kind: 'daily', at: '00:00' }),
    enabled: row.enabled === 1,
    updatedAt: row.updatedAt,
    problem: problem === undefined ? null : (planProblemText(problem, locale) ?? problem.text),
  };
}

function safeJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The site's reading plans; the defaults are there from the first start of a collector or this call. */
export async function listPlans(context: ServiceContext): Promise<PlanView[]> {
  await context.store.plans.seed(
    DEFAULT_PLANS.map((p) => planToRow(p)),
    context.now,
  );
  const plans = (await context.store.plans.list()).map((row) => planView(row, context.locale));
  const shown = [];
  for (const plan of plans) if (await planVisible(context, plan.targets)) shown.push(plan);
  return shown;
}

/**
 * A user limited to some areas sees the plans that may read a meter of theirs: those over the whole field
 * (no areas or meters named: every meter, or every meter of some types) and those naming an area that
 * overlaps theirs (the area, one above it or one beneath it) or a meter in their areas.
 */
async function planVisible(context: ServiceContext, targets: PlanTargets): Promise<boolean> {
  const { scope } = context.principal;
  if (scope.kind === 'all') return true;
  const areas = targets.areas ?? [];
  const meters = targets.meters ?? [];
  if (areas.length === 0 && meters.length === 0) return true;
  for (const id of areas) {
    const area = await context.store.areas.get(Number(id));
    if (area !== undefined && scope.paths.some((p) => area.path.startsWith(p) || p.startsWith(area.path)))
      return true;
  }
  for (const id of meters) {
    const meter = await context.store.meters.get(Number(id));
    if (meter === undefined) continue;
    const area = await context.store.areas.get(meter.areaId);
    if (area !== undefined && scopeIncludes(scope, area.path)) return true;
  }
  return false;
}

export interface PlanInput {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly kind: string;
  readonly items: readonly string[];
  readonly targets: PlanTargets;
  readonly schedule: Schedule;
  readonly enabled?: boolean;
}

function checkPlan(plan: Omit<PlanInput, 'id' | 'name' | 'enabled'>): void {
  const problem = planProblemReason(plan);
  if (problem !== undefined) throw badPlan(problem);
}

/**
 * A plan puts traffic on every bus it targets: a user limited to some areas may only write or run plans
 * that target areas of theirs (and nothing else); plans over the whole field are for users of every area.
 */
async function requirePlanScope(context: ServiceContext, targets: PlanTargets): Promise<void> {
  if (context.principal.scope.kind === 'all') return;
  const areas = targets.areas ?? [];
  if (areas.length === 0 || (targets.meters?.length ?? 0) > 0 || (targets.meterTypes?.length ?? 0) > 0)
    throw new AppError('AREA_FORBIDDEN');
  for (const id of areas) await areaInScope(context, Number(id));
}

export async function createPlan(
  context: ServiceContext,
  field: FieldGateway | undefined,
  input: PlanInput,
): Promise<PlanView> {
  checkPlan(input);
  await requirePlanScope(context, input.targets);
  await listPlans(context);
  const row = await context.store.transaction(async (tx) => {
    if ((await tx.plans.get(input.id)) !== undefined)
      throw new AppError('ALREADY_EXISTS', { entity: 'reading plan', id: input.id });
    const created = await tx.plans.create(
      {
        id: input.id,
        nameZh: input.name.zh,
        nameEn: input.name.en,
        kind: input.kind,
        items: JSON.stringify(input.items),
        targets: JSON.stringify(input.targets),
        schedule: JSON.stringify(input.schedule),
        enabled: input.enabled === false ? 0 : 1,
      },
      context.now,
    );
    await recordAudit(tx, context, 'plan.created', 'reading plan', input.id, input);
    return created;
  });
  await field?.reloadPlans();
  return planView(row, context.locale);
}

export type PlanPatch = Partial<Omit<PlanInput, 'id' | 'kind'>>;

export async function updatePlan(
  context: ServiceContext,
  field: FieldGateway | undefined,
  id: string,
  patch: PlanPatch,
): Promise<PlanView> {
  await listPlans(context);
  // Scope checks read outside the transaction: SQLite has one connection, which the transaction holds.
  const existing = await context.store.plans.get(id);
  if (existing === undefined) throw new AppError('NOT_FOUND', { entity: 'reading plan', id });
  await requirePlanScope(context, planView(existing, context.locale).targets);
  if (patch.targets !== undefined) await requirePlanScope(context, patch.targets);
  const row = await context.store.transaction(async (tx) => {
    const before = await tx.plans.get(id);
    if (before === undefined) throw new AppError('NOT_FOUND', { entity: 'reading plan', id });
    const current = planView(before, context.locale);
    checkPlan({
      kind: current.kind,
      items: patch.items ?? current.items,
      targets: patch.targets ?? current.targets,
      schedule: patch.schedule ?? current.schedule,
    });
    const updated = await tx.plans.update(
      id,
      {
        ...(patch.name === undefined ? {} : { nameZh: patch.name.zh, nameEn: patch.name.en }),
        ...(patch.items === undefined ? {} : { items: JSON.stringify(patch.items) }),
        ...(patch.targets === undefined ? {} : { targets: JSON.stringify(patch.targets) }),
        ...(patch.schedule === undefined ? {} : { schedule: JSON.stringify(patch.schedule) }),
        ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
      },
      context.now,
    );
    const { problem: _problem, updatedAt: _updatedAt, ...before_ } = current;
    await recordAudit(tx, context, 'plan.updated', 'reading plan', id, { before: before_, patch });
    return updated ?? before;
  });
  await field?.reloadPlans();
  return planView(row, context.locale);
}

/** Runs a plan now; answers with the run as soon as it is on record, progress going to `hub`. */
export async function runPlanNow(
  context: ServiceContext,
  field: FieldGateway | undefined,
  hub: RunHub,
  planId: string,
): Promise<CollectionRunRow> {
  const gateway = fieldOf(field);
  await listPlans(context);
  const stored = await context.store.plans.get(planId);
  if (stored === undefined) throw new AppError('NOT_FOUND', { entity: 'reading plan', id: planId });
  const plan = planView(stored, context.locale);
  const problem = planRowProblem(stored);
  if (problem !== undefined) throw badPlan(problem);
  await requirePlanScope(context, plan.targets);
  await gateway.reloadPlans();
  await recordAudit(context.store, context, 'plan.run-now', 'reading plan', planId);
  return followRun(context, hub, (request) =>
    gateway.runPlanNow(planId, { ...request, actor: actorOf(context) }),
  );
}

/**
 * Starts a run and resolves with its record once it exists; progress and the end go to `hub`. A run that
 * fails ends as its stored record, whose detail is a reason code the pages word.
 */
function followRun(
  context: ServiceContext,
  hub: RunHub,
  start: (request: Pick<RunRequest, 'onStart' | 'onProgress'>) => Promise<RunResult>,
): Promise<CollectionRunRow> {
  return new Promise<CollectionRunRow>((resolve, reject) => {
    let started: CollectionRunRow | undefined;
    start({
      onStart: (run) => {
        started = run;
        resolve(run);
      },
      onProgress: (progress) => hub.publish(progress.runId, { kind: 'progress', progress }),
    })
      .then((result) => hub.publish(result.run.id, { kind: 'finished', run: result.run }))
      .catch(async (error: unknown) => {
        if (started === undefined) return reject(error);
        const reason = error instanceof Error ? error.message : String(error);
        const stored = await context.store.collection.getRun(started.id).catch(() => undefined);
        hub.publish(
          started.id,
          stored === undefined || stored.status === 'running'
            ? { kind: 'failed', runId: started.id, reason }
            : { kind: 'finished', run: stored },
        );
      });
  });
}

/** A running run's progress as the store has it, the counts its recorder writes as meters finish. */
function progressOf(run: CollectionRunRow): RunEvent {
  return {
    kind: 'progress',
    progress: {
      runId: run.id,
      total: run.metersTotal,
      done: run.metersComplete + run.metersPartial + run.metersFailed,
      complete: run.metersComplete,
      partial: run.metersPartial,
      unreachable: run.metersFailed,
    },
  };
}

/**
 * Follows a run this process is not running (a collector in another process, or a scheduled run) from the
 * store: its progress every `intervalMs` while the counts move, then its record once it ended. Returns the
 * function that stops following.
 */
export function followStoredRun(
  context: ServiceContext,
  first: CollectionRunRow,
  listener: (event: RunEvent) => void,
  intervalMs = 1000,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const tell = (run: CollectionRunRow): boolean => {
    if (run.status !== 'running') {
      listener({ kind: 'finished', run });
      return false;
    }
    const event = progressOf(run);
    const key = JSON.stringify(event);
    if (key !== last) listener(event);
    last = key;
    return true;
  };
  const look = async () => {
    if (stopped) return;
    const run = await context.store.collection.getRun(first.id).catch(() => undefined);
    if (stopped) return;
    if (run === undefined) return listener({ kind: 'finished', run: first });
    if (tell(run)) timer = setTimeout(() => void look(), intervalMs);
  };
  if (tell(first)) timer = setTimeout(() => void look(), intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
