// The site's alarm rules as staff see and set them: the effective rule of every kind for an area and a meter
// type, with where each setting comes from; overrides set and removed only for areas one may act on (the
// whole site and site-wide meter-type rules need every area), each change audited and handed to the engine
// at once.
import type { AlarmEngine } from '@openami/alarms';
import {
  type AlarmKind,
  type AlarmRuleScope,
  type AlarmRuleSettings,
  alarmRuleProblems,
  type EffectiveAlarmRule,
  overrideFromStored,
  resolveAlarmRules,
  scopesByPrecedence,
} from '@openami/domain';
import type { AlarmRuleRow } from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireArea } from '../policies/scope.ts';
import { recordAudit } from './audit.ts';

export interface AlarmRuleView {
  readonly kind: string;
  readonly areaId: number | null;
  readonly meterTypeId: number | null;
  readonly enabled: boolean | null;
  readonly severity: string | null;
  readonly params: Record<string, number>;
  readonly updatedAt: number;
  readonly updatedBy: number | null;
}

export interface EffectiveRules {
  readonly areaId: number | null;
  readonly meterTypeId: number | null;
  readonly rules: readonly EffectiveAlarmRule[];
  /** The overrides that apply here, most specific first. */
  readonly overrides: readonly AlarmRuleView[];
}

function ruleView(row: AlarmRuleRow): AlarmRuleView {
  const override = overrideFromStored(row);
  return {
    kind: row.kind,
    areaId: row.areaId,
    meterTypeId: row.meterTypeId,
    enabled: row.enabled === null ? null : row.enabled === 1,
    severity: row.severity,
    params: { ...(override?.params ?? {}) },
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** The area must exist and be the caller's; no area (the whole site) needs every area. */
async function requireScope(context: ServiceContext, scope: AlarmRuleScope): Promise<string | null> {
  if (scope.meterTypeId !== null && (await context.store.meterTypes.get(scope.meterTypeId)) === undefined)
    throw new AppError('NOT_FOUND', { entity: 'meter type', id: scope.meterTypeId });
  if (scope.areaId === null) {
    if (context.principal.scope.kind !== 'all') throw new AppError('AREA_FORBIDDEN');
    return null;
  }
  const area = await context.store.areas.get(scope.areaId);
  if (area === undefined) throw new AppError('NOT_FOUND', { entity: 'area', id: scope.areaId });
  requireArea(context.principal, area.path);
  return area.path;
}

export async function effectiveAlarmRules(
  context: ServiceContext,
  scope: AlarmRuleScope,
): Promise<EffectiveRules> {
  let areaPath: string | null = null;
  if (scope.areaId !== null) {
    const area = await context.store.areas.get(scope.areaId);
    if (area === undefined) throw new AppError('NOT_FOUND', { entity: 'area', id: scope.areaId });
    requireArea(context.principal, area.path);
    areaPath = area.path;
  }
  const rows = await context.store.alarmRules.list();
  const overrides = rows.map(overrideFromStored).filter((o) => o !== undefined);
  const target = { areaPath, meterTypeId: scope.meterTypeId };
  const order = scopesByPrecedence(target).map((s) => `${s.areaId}|${s.meterTypeId}`);
  const rank = (row: AlarmRuleRow) => order.indexOf(`${row.areaId}|${row.meterTypeId}`);
  return {
    ...scope,
    rules: resolveAlarmRules(overrides, target),
    overrides: rows
      .filter((row) => rank(row) >= 0)
      .sort((a, b) => rank(a) - rank(b))
      .map(ruleView),
  };
}

export async function setAlarmRule(
  context: ServiceContext,
  engine: AlarmEngine,
  kind: AlarmKind,
  scope: AlarmRuleScope,
  settings: AlarmRuleSettings,
): Promise<AlarmRuleView> {
  const problems = alarmRuleProblems(kind, settings);
  if (problems.length > 0) throw new AppError('BAD_ALARM_RULE', { problems: problems.join('; ') });
  await requireScope(context, scope);
  const userId = context.principal.userId > 0 ? context.principal.userId : null;
  const rule = await context.store.transaction(async (tx) => {
    const written = await tx.alarmRules.put(
      {
        kind,
        ...scope,
        enabled: settings.enabled ?? null,
        severity: settings.severity ?? null,
        params: settings.params ?? {},
      },
      userId,
      context.now,
    );
    await recordAudit(tx, context, 'alarm.rule.set', 'alarm rule', written.rule.id, {
      kind,
      ...scope,
      before: written.before === undefined ? null : ruleView(written.before),
      after: ruleView(written.rule),
    });
    return written.rule;
  });
  engine.rulesChanged();
  return ruleView(rule);
}

export async function removeAlarmRule(
  context: ServiceContext,
  engine: AlarmEngine,
  kind: AlarmKind,
  scope: AlarmRuleScope,
): Promise<AlarmRuleView> {
  await requireScope(context, scope);
  const removed = await context.store.transaction(async (tx) => {
    const row = await tx.alarmRules.remove({ kind, ...scope });
    if (row === undefined) throw new AppError('NOT_FOUND', { entity: 'alarm rule', kind, ...scope });
    await recordAudit(tx, context, 'alarm.rule.removed', 'alarm rule', row.id, {
      kind,
      ...scope,
      before: ruleView(row),
    });
    return row;
  });
  engine.rulesChanged();
  return ruleView(removed);
}
