/**
 * Alarm rules a site sets (003 §5.4.2 c: alarm thresholds set remotely): per kind, whether it is raised, at
 * what severity, and the kind's thresholds. Each setting has a built-in default and may be overridden for the
 * whole site, per meter type, per area (inherited down the area tree) and per area and meter type together.
 *
 * Precedence, most specific first, setting by setting (an override may set only the severity and inherit
 * the rest):
 *   1. the meter's own area with its meter type, then that area for every type;
 *   2. the same for each ancestor area, nearest first;
 *   3. the site for the meter type;
 *   4. the site for every type;
 *   5. the built-in default.
 * The area comes before the meter type because an area is a place somebody answers for (a community with
 * many vacant flats, a building site); a meter type only says what hardware hangs there. Alarms on a port
 * follow its terminal's area and have no meter type.
 */
import { type AlarmKind, alarmKinds, alarmRules, type Severity } from './alarms.ts';

export const severities = ['critical', 'major', 'minor', 'info'] as const satisfies readonly Severity[];

export interface AlarmParameter {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Whole numbers only. */
  readonly integer: boolean;
  readonly zh: string;
  readonly en: string;
}

const whole = (value: number, min: number, max: number, zh: string, en: string): AlarmParameter => ({
  default: value,
  min,
  max,
  integer: true,
  zh,
  en,
});

/** The thresholds each kind takes, with their defaults and the range a site may set. */
export const alarmParameters: Readonly<Record<AlarmKind, Readonly<Record<string, AlarmParameter>>>> = {
  'low-balance': {},
  'balance-exhausted': {},
  'meter-unreachable': {
    runs: whole(3, 1, 100, '连续抄读失败次数', 'read runs failed in a row'),
  },
  'terminal-offline': {},
  'link-flapping': {},
  'port-success-low': {
    percent: whole(80, 1, 100, '端口抄读成功率下限（%）', 'lowest port success rate (%)'),
  },
  'clock-deviation': {
    seconds: whole(300, 1, 86_400, '时钟偏差上限（秒）', 'largest clock deviation (s)'),
  },
  'clock-invalid': {},
  'power-down': {},
  'cover-open': {},
  'terminal-cover-open': {},
  'relay-tripped': {},
  'register-backwards': {},
  'energy-implausible': {},
  'no-consumption': {
    days: whole(3, 1, 90, '连续零电量天数', 'days in a row without consumption'),
    // One step of a register that shows 0.01 kWh: below it the register did not move.
    noneBelowWh: whole(10, 1, 100_000, '低于此值视为零电量（Wh）', 'a day below this counts as none (Wh)'),
  },
  'consumption-spike': {
    factor: {
      default: 3,
      min: 1.1,
      max: 100,
      integer: false,
      zh: '超过历史日用电量中位数的倍数',
      en: 'times the median of its past days',
    },
    historyDays: whole(30, 7, 366, '历史天数', 'days of history'),
    minHistoryDays: whole(7, 1, 366, '至少需要的历史天数', 'fewest days of history to judge by'),
    floorWh: whole(10_000, 0, 10_000_000, '日用电量下限（Wh）', 'a spike uses at least (Wh)'),
  },
  'overload-trip': {},
  'ledger-drift': {},
  'audit-broken': {},
  'readings-lost': {},
};

export type AlarmParams = Readonly<Record<string, number>>;

/** What an override sets; anything it leaves out is inherited. */
export interface AlarmRuleSettings {
  readonly enabled?: boolean;
  readonly severity?: Severity;
  readonly params?: AlarmParams;
}

/** Where an override applies: an area (and beneath it) or the site (null), a meter type or every type (null). */
export interface AlarmRuleScope {
  readonly areaId: number | null;
  readonly meterTypeId: number | null;
}

export interface AlarmRuleOverride extends AlarmRuleScope, AlarmRuleSettings {
  readonly kind: AlarmKind;
}

/** Where a setting came from: `default` (built in) or the scope of the override that set it. */
export type RuleSource = 'default' | AlarmRuleScope;

export interface EffectiveAlarmRule {
  readonly kind: AlarmKind;
  readonly enabled: boolean;
  readonly severity: Severity;
  readonly params: AlarmParams;
  /** By setting (`enabled`, `severity`, each parameter's name). */
  readonly sources: Readonly<Record<string, RuleSource>>;
}

/** The object an alarm is about, as the rules see it. */
export interface RuleTarget {
  /** Materialised area path (`/1/4/9/`), or null for an object in no area. */
  readonly areaPath: string | null;
  readonly meterTypeId: number | null;
}

export function defaultAlarmRule(kind: AlarmKind): EffectiveAlarmRule {
  const params: Record<string, number> = {};
  const sources: Record<string, RuleSource> = { enabled: 'default', severity: 'default' };
  for (const [name, parameter] of Object.entries(alarmParameters[kind])) {
    params[name] = parameter.default;
    sources[name] = 'default';
  }
  return { kind, enabled: true, severity: alarmRules[kind].severity, params, sources };
}

/** Area ids of a path, nearest first: `/1/4/9/` → 9, 4, 1. */
export function areaIdsNearestFirst(path: string): number[] {
  return path
    .split('/')
    .filter((part) => part !== '')
    .map(Number)
    .reverse();
}

/** The scopes that apply to a target, most specific first (the precedence above). */
export function scopesByPrecedence(target: RuleTarget): AlarmRuleScope[] {
  const scopes: AlarmRuleScope[] = [];
  const typed = (areaId: number | null) => {
    if (target.meterTypeId !== null) scopes.push({ areaId, meterTypeId: target.meterTypeId });
    scopes.push({ areaId, meterTypeId: null });
  };
  for (const areaId of target.areaPath === null ? [] : areaIdsNearestFirst(target.areaPath)) typed(areaId);
  typed(null);
  return scopes;
}

const scopeKey = (scope: AlarmRuleScope) => `${scope.areaId ?? '*'}|${scope.meterTypeId ?? '*'}`;

/** The rule of one kind for one object: each setting from the most specific override that sets it. */
export function resolveAlarmRule(
  kind: AlarmKind,
  overrides: readonly AlarmRuleOverride[],
  target: RuleTarget,
): EffectiveAlarmRule {
  const byScope = new Map<string, AlarmRuleOverride>();
  for (const override of overrides) if (override.kind === kind) byScope.set(scopeKey(override), override);
  const base = defaultAlarmRule(kind);
  let enabled = base.enabled;
  let severity = base.severity;
  const params: Record<string, number> = { ...base.params };
  const sources: Record<string, RuleSource> = { ...base.sources };
  // From the least specific to the most, so the nearest override is written last.
  for (const scope of scopesByPrecedence(target).reverse()) {
    const override = byScope.get(scopeKey(scope));
    if (override === undefined) continue;
    const source = { areaId: scope.areaId, meterTypeId: scope.meterTypeId };
    if (override.enabled !== undefined) {
      enabled = override.enabled;
      sources.enabled = source;
    }
    if (override.severity !== undefined) {
      severity = override.severity;
      sources.severity = source;
    }
    for (const [name, value] of Object.entries(override.params ?? {})) {
      if (!(name in params)) continue;
      params[name] = value;
      sources[name] = source;
    }
  }
  return { kind, enabled, severity, params, sources };
}

/** Every kind's rule for one object. */
export function resolveAlarmRules(
  overrides: readonly AlarmRuleOverride[],
  target: RuleTarget,
): EffectiveAlarmRule[] {
  return alarmKinds.map((kind) => resolveAlarmRule(kind, overrides, target));
}

/** What is wrong with an override, in words (empty when nothing is). */
export function alarmRuleProblems(kind: AlarmKind, settings: AlarmRuleSettings): string[] {
  const problems: string[] = [];
  if (settings.severity !== undefined && !(severities as readonly string[]).includes(settings.severity))
    problems.push(`severity ${String(settings.severity)} is not one of ${severities.join(', ')}`);
  const allowed = alarmParameters[kind];
  for (const [name, value] of Object.entries(settings.params ?? {})) {
    const parameter = allowed[name];
    if (parameter === undefined) {
      const names = Object.keys(allowed);
      problems.push(
        `${kind} has no parameter ${name}${names.length === 0 ? '' : ` (it has ${names.join(', ')})`}`,
      );
    } else if (!Number.isFinite(value) || value < parameter.min || value > parameter.max) {
      problems.push(`${name} must be from ${parameter.min} to ${parameter.max}`);
    } else if (parameter.integer && !Number.isInteger(value)) {
      problems.push(`${name} must be a whole number`);
    }
  }
  return problems;
}

/** An override as the store keeps it: `enabled` 1, 0 or null, `params` a JSON object. */
export interface StoredAlarmRule {
  readonly kind: string;
  readonly areaId: number | null;
  readonly meterTypeId: number | null;
  readonly enabled: number | null;
  readonly severity: string | null;
  readonly params: string;
}

/** A stored override as the rules read it; undefined for a kind this version does not know. */
export function overrideFromStored(row: StoredAlarmRule): AlarmRuleOverride | undefined {
  if (!(alarmKinds as readonly string[]).includes(row.kind)) return undefined;
  let params: Record<string, number> = {};
  try {
    const parsed = JSON.parse(row.params) as unknown;
    if (parsed !== null && typeof parsed === 'object')
      params = Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      );
  } catch {
    params = {};
  }
  const severity = (severities as readonly string[]).includes(row.severity ?? '')
    ? (row.severity as Severity)
    : undefined;
  return {
    kind: row.kind as AlarmKind,
    areaId: row.areaId,
    meterTypeId: row.meterTypeId,
    ...(row.enabled === null ? {} : { enabled: row.enabled === 1 }),
    ...(severity === undefined ? {} : { severity }),
    params,
  };
}
