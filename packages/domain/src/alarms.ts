/**
 * Alarm kinds, their severities and default rules (002 §3.6-3.7, 003 §5.3-5.4), and the pure decisions of
 * the alarm life cycle: raised, acknowledged, cleared when the condition ends. No I/O: the engine that feeds
 * observations in and stores alarms lives beside the head-end.
 */
export const alarmKinds = [
  'low-balance',
  'balance-exhausted',
  'meter-unreachable',
  'terminal-offline',
  'port-success-low',
  'clock-deviation',
  'power-down',
  'cover-open',
  'terminal-cover-open',
  'relay-tripped',
  'register-backwards',
  'energy-implausible',
] as const;
export type AlarmKind = (typeof alarmKinds)[number];

export type Severity = 'critical' | 'major' | 'minor' | 'info';

/**
 * `condition` alarms hold while a condition holds and clear when it has been absent for the damping time;
 * `event` alarms report something that happened (a cover opened) and clear once acknowledged.
 */
export type AlarmNature = 'condition' | 'event';

export interface AlarmKindRule {
  readonly severity: Severity;
  readonly nature: AlarmNature;
  /** What the alarm is about. */
  readonly object: 'meter' | 'terminal' | 'port';
  /** How the monitoring view colours the object while the alarm is open (002 §2.8): red fault, yellow alarm. */
  readonly colour: 'red' | 'yellow';
}

export const alarmRules: Readonly<Record<AlarmKind, AlarmKindRule>> = {
  'low-balance': { severity: 'minor', nature: 'condition', object: 'meter', colour: 'yellow' },
  'balance-exhausted': { severity: 'major', nature: 'condition', object: 'meter', colour: 'yellow' },
  'meter-unreachable': { severity: 'major', nature: 'condition', object: 'meter', colour: 'red' },
  'terminal-offline': { severity: 'critical', nature: 'condition', object: 'port', colour: 'red' },
  'port-success-low': { severity: 'major', nature: 'condition', object: 'port', colour: 'red' },
  'clock-deviation': { severity: 'minor', nature: 'condition', object: 'meter', colour: 'yellow' },
  'power-down': { severity: 'minor', nature: 'event', object: 'meter', colour: 'yellow' },
  'cover-open': { severity: 'critical', nature: 'event', object: 'meter', colour: 'yellow' },
  'terminal-cover-open': { severity: 'critical', nature: 'event', object: 'meter', colour: 'yellow' },
  'relay-tripped': { severity: 'major', nature: 'event', object: 'meter', colour: 'yellow' },
  'register-backwards': { severity: 'major', nature: 'event', object: 'meter', colour: 'red' },
  'energy-implausible': { severity: 'minor', nature: 'event', object: 'meter', colour: 'yellow' },
};

/** The thresholds of the default rules; sites override them (per area and meter type, later). */
export interface AlarmThresholds {
  /** Read runs in a row a meter must fail before it is reported unreachable. */
  readonly unreachableRuns: number;
  /** A port whose run success rate (per cent) is below this is reported. */
  readonly portSuccessPercent: number;
  /** Clock deviation beyond which a meter is reported, in ms. */
  readonly clockDeviationMs: number;
  /** A condition must stay absent this long before its alarm clears (damps flapping). */
  readonly clearAfterMs: number;
}

export const defaultThresholds: AlarmThresholds = {
  unreachableRuns: 3,
  portSuccessPercent: 80,
  clockDeviationMs: 5 * 60_000,
  clearAfterMs: 10 * 60_000,
};

/** One thing the engine saw about an object: a condition present or absent, or an event that happened. */
export interface Observation {
  readonly kind: AlarmKind;
  readonly objectId: string;
  /** true: the condition holds (or the event happened); false: the condition is absent. */
  readonly present: boolean;
  /** What shows it: the reading, counter or run that raised it. */
  readonly evidence?: Readonly<Record<string, unknown>>;
}

export interface OpenAlarm {
  readonly lastSeenAt: number;
  readonly state: 'raised' | 'acknowledged';
}

export type AlarmDecision =
  | { readonly action: 'raise' }
  | { readonly action: 'refresh' }
  | { readonly action: 'clear' }
  | { readonly action: 'none' };

/**
 * What to do with an observation, given the open alarm of the same kind on the same object (if any): the
 * same condition never raises a second alarm while one is open; a condition clears only after staying
 * absent for `clearAfterMs` since it was last seen, so a flapping condition stays one alarm.
 */
export function decide(
  observation: Observation,
  open: OpenAlarm | undefined,
  now: number,
  thresholds: AlarmThresholds = defaultThresholds,
): AlarmDecision {
  const rule = alarmRules[observation.kind];
  if (observation.present) return { action: open === undefined ? 'raise' : 'refresh' };
  if (open === undefined || rule.nature === 'event') return { action: 'none' };
  return now - open.lastSeenAt >= thresholds.clearAfterMs ? { action: 'clear' } : { action: 'none' };
}

/** Event alarms clear when acknowledged: the event is over, somebody has looked at it. */
export function clearsOnAcknowledge(kind: AlarmKind): boolean {
  return alarmRules[kind].nature === 'event';
}

export interface PrepaidLevels {
  /** Remaining energy the meter reports (00900100), Wh. */
  readonly remainingWh: number;
  /** The account's alarm level, Wh. */
  readonly alarmEnergyWh: number;
  /** Energy allowed below zero (赊欠限量), Wh. */
  readonly creditLimitWh: number;
}

/**
 * Low balance at or below the alarm level; exhausted at or below zero less the credit allowed (DOMAIN.md
 * §4: the relay trips there). Exactly one of the two is present, or neither.
 */
export function balanceObservations(meterId: string, levels: PrepaidLevels): Observation[] {
  const exhausted = levels.remainingWh <= -levels.creditLimitWh;
  const low = !exhausted && levels.remainingWh <= levels.alarmEnergyWh;
  const evidence = { ...levels };
  return [
    { kind: 'balance-exhausted', objectId: meterId, present: exhausted, evidence },
    { kind: 'low-balance', objectId: meterId, present: low, evidence },
  ];
}

/**
 * Event counters that went up since the previous reading: each increase is one event alarm. A counter
 * that went down (a meter cleared or replaced) raises nothing.
 */
export function counterObservations(
  meterId: string,
  previous: Readonly<Partial<Record<AlarmKind, number>>>,
  current: Readonly<Partial<Record<AlarmKind, number>>>,
): Observation[] {
  const observations: Observation[] = [];
  for (const [kind, count] of Object.entries(current) as [AlarmKind, number][]) {
    const before = previous[kind];
    if (before !== undefined && count > before) {
      observations.push({ kind, objectId: meterId, present: true, evidence: { before, after: count } });
    }
  }
  return observations;
}
