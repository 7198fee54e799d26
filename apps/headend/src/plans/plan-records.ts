// Reading plans as the store keeps them (JSON columns) and back, checked on the way in: a plan the
// head-end cannot run is refused in words, never stored and never half-run.
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

/** Why a plan's parts cannot be run, in words; undefined when they can. */
export function planProblem(plan: {
  kind: unknown;
  items: unknown;
  targets: unknown;
  schedule: unknown;
}): string | undefined {
  if (!KINDS.includes(plan.kind as PlanKind)) return `kind must be one of ${KINDS.join(', ')}`;
  if (!Array.isArray(plan.items) || !plan.items.every((i) => typeof i === 'string'))
    return 'items must be a list of item groups or identifiers';
  if (plan.kind === 'read' && plan.items.length === 0) return 'a read plan needs at least one item';
  try {
    resolveItems(plan.items as string[]);
  } catch (error) {
    return `unknown data item ${(error as Error).message}`;
  }
  const targets = plan.targets as Record<string, unknown> | null;
  if (typeof targets !== 'object' || targets === null) return 'targets must be an object';
  for (const key of Object.keys(targets)) {
    const ids = targets[key];
    if (!['areas', 'meterTypes', 'meters'].includes(key)) return `unknown target ${key}`;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && /^[1-9][0-9]*$/.test(id)))
      return `targets.${key} must be a list of record ids`;
  }
  const schedule = plan.schedule as Schedule | null;
  if (typeof schedule !== 'object' || schedule === null) return 'schedule must be an object';
  if (!['interval', 'daily', 'monthly'].includes(schedule.kind))
    return 'schedule kind must be interval, daily or monthly';
  if (
    schedule.kind === 'monthly' &&
    !(Number.isInteger(schedule.day) && schedule.day >= 1 && schedule.day <= 31)
  )
    return 'schedule: a monthly run needs a day from 1 to 31';
  if (
    schedule.kind === 'interval' &&
    schedule.offsetMinutes !== undefined &&
    !(
      Number.isInteger(schedule.offsetMinutes) &&
      schedule.offsetMinutes >= 0 &&
      schedule.offsetMinutes < schedule.everyMinutes
    )
  )
    return 'schedule: the offset must be whole minutes less than the interval';
  try {
    nextRun(schedule, 0, 'UTC');
  } catch (error) {
    return `schedule: ${(error as Error).message}`;
  }
  return undefined;
}
