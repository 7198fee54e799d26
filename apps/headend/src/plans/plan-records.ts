// Reading plans as the store keeps them (JSON columns) and back, checked on the way in: a plan the
// head-end cannot run is refused in words, never stored and never half-run.
import type { PlanProblemCode } from '@openami/domain';
import type { NewReadingPlan, ReadingPlanRow } from '@openami/storage';
import type { PlanKind, PlanTargets, ReadingPlan } from './default-plans.ts';
import { resolveItems } from './item-groups.ts';
import { nextRun, type Schedule } from './schedule.ts';

const KINDS: readonly PlanKind[] = ['read', 'daily-frozen', 'clock-check', 'time-sync'];

export interface StoredPlan extends ReadingPlan {
  readonly enabled: boolean;
}

const hex = (di: number) => di.toString(16).toUpperCase().padStart(8, '0');

export function planToRow(plan: ReadingPlan, enabled = true): NewReadingPlan {
  return {
    id: plan.id,
    nameZh: plan.name.zh,
    nameEn: plan.name.en,
    kind: plan.kind,
    items: JSON.stringify(plan.items.map(hex)),
    targets: JSON.stringify(plan.targets),
    schedule: JSON.stringify(plan.schedule),
    enabled: enabled ? 1 : 0,
  };
}

/** The plan a row describes, or why it cannot be run. */
export function planFromRow(row: ReadingPlanRow): StoredPlan | string {
  try {
    const items = JSON.parse(row.items) as unknown;
    const targets = JSON.parse(row.targets) as unknown;
    const schedule = JSON.parse(row.schedule) as unknown;
    const problem = planProblem({ kind: row.kind, items, targets, schedule });
    if (problem !== undefined) return `plan ${row.id}: ${problem}`;
    return {
      id: row.id,
      name: { zh: row.nameZh, en: row.nameEn },
      kind: row.kind as PlanKind,
      items: resolveItems(items as string[]),
      targets: targets as PlanTargets,
      schedule: schedule as Schedule,
      enabled: row.enabled === 1,
    };
  } catch (error) {
    return `plan ${row.id}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Why a plan cannot run: a code (`PLAN_PROBLEM_CODES`) the API words, its parameters, and English for logs. */
export interface PlanProblem {
  readonly code: PlanProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly text: string;
}

const problem = (
  code: PlanProblemCode,
  text: string,
  params: Readonly<Record<string, string | number>> = {},
): PlanProblem => ({ code, params, text });

/** Why a plan's parts cannot be run, in English (for logs); undefined when they can. */
export function planProblem(plan: {
  kind: unknown;
  items: unknown;
  targets: unknown;
  schedule: unknown;
}): string | undefined {
  return planProblemReason(plan)?.text;
}

/** Why a plan's parts cannot be run, as a code with its parameters; undefined when they can. */
export function planProblemReason(plan: {
  kind: unknown;
  items: unknown;
  targets: unknown;
  schedule: unknown;
}): PlanProblem | undefined {
  if (!KINDS.includes(plan.kind as PlanKind))
    return problem('bad-kind', `kind must be one of ${KINDS.join(', ')}`);
  if (!Array.isArray(plan.items) || !plan.items.every((i) => typeof i === 'string'))
    return problem('bad-items', 'items must be a list of item groups or identifiers');
  if (plan.kind === 'read' && plan.items.length === 0)
    return problem('no-items', 'a read plan needs at least one item');
  try {
    resolveItems(plan.items as string[]);
  } catch (error) {
    const item = (error as Error).message;
    return problem('unknown-item', `unknown data item ${item}`, { item });
  }
  const targets = plan.targets as Record<string, unknown> | null;
  if (typeof targets !== 'object' || targets === null)
    return problem('bad-targets', 'targets must be an object');
  for (const key of Object.keys(targets)) {
    const ids = targets[key];
    if (!['areas', 'meterTypes', 'meters'].includes(key))
      return problem('unknown-target', `unknown target ${key}`, { target: key });
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && /^[1-9][0-9]*$/.test(id)))
      return problem('bad-target-ids', `targets.${key} must be a list of record ids`, { target: key });
  }
  const schedule = plan.schedule as Schedule | null;
  if (typeof schedule !== 'object' || schedule === null)
    return problem('bad-schedule', 'schedule must be an object');
  if (!['interval', 'daily', 'monthly'].includes(schedule.kind))
    return problem('bad-schedule-kind', 'schedule kind must be interval, daily or monthly');
  if (
    schedule.kind === 'monthly' &&
    !(Number.isInteger(schedule.day) && schedule.day >= 1 && schedule.day <= 31)
  )
    return problem('bad-month-day', 'schedule: a monthly run needs a day from 1 to 31');
  if (
    schedule.kind === 'interval' &&
    schedule.offsetMinutes !== undefined &&
    !(
      Number.isInteger(schedule.offsetMinutes) &&
      schedule.offsetMinutes >= 0 &&
      schedule.offsetMinutes < schedule.everyMinutes
    )
  )
    return problem('bad-offset', 'schedule: the offset must be whole minutes less than the interval');
  try {
    nextRun(schedule, 0, 'UTC');
  } catch (error) {
    const text = `schedule: ${(error as Error).message}`;
    if (schedule.kind === 'interval')
      return problem('bad-interval', text, { minutes: String(schedule.everyMinutes) });
    if ('at' in schedule && /time of day/.test(text))
      return problem('bad-time-of-day', text, { at: String(schedule.at) });
    return problem('bad-schedule', text);
  }
  return undefined;
}

/** Why a stored plan cannot run, as a code; undefined when it can. */
export function planRowProblem(row: ReadingPlanRow): PlanProblem | undefined {
  try {
    return planProblemReason({
      kind: row.kind,
      items: JSON.parse(row.items) as unknown,
      targets: JSON.parse(row.targets) as unknown,
      schedule: JSON.parse(row.schedule) as unknown,
    });
  } catch (error) {
    return problem('unreadable', error instanceof Error ? error.message : String(error));
  }
}
