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
  'link-flapping',
  'port-success-low',
  'clock-deviation',
  'clock-invalid',
  'power-down',
  'cover-open',
  'terminal-cover-open',
  'relay-tripped',
  'register-backwards',
  'energy-implausible',
  'no-consumption',
  'consumption-spike',
  'overload-trip',
  'ledger-drift',
  'audit-broken',
  'readings-lost',
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
  readonly object: 'meter' | 'terminal' | 'port' | 'site';
  /** How the monitoring view colours the object while the alarm is open (002 §2.8): red fault, yellow alarm. */
  readonly colour: 'red' | 'yellow';
}

export const alarmRules: Readonly<Record<AlarmKind, AlarmKindRule>> = {
  'low-balance': { severity: 'minor', nature: 'condition', object: 'meter', colour: 'yellow' },
  'balance-exhausted': { severity: 'major', nature: 'condition', object: 'meter', colour: 'yellow' },
  'meter-unreachable': { severity: 'major', nature: 'condition', object: 'meter', colour: 'red' },
  // One alarm for the whole terminal (every port's link down, or a read run read none of its meters); while
  // it is open it covers its meters' unreachable and its ports' weak-port alarms.
  'terminal-offline': { severity: 'critical', nature: 'condition', object: 'terminal', colour: 'red' },
  // A dial-in terminal's link dropping and coming back, or contested by refused newcomers, too often: a
  // failing modem or antenna, or somebody else sending its registration.
  'link-flapping': { severity: 'major', nature: 'condition', object: 'terminal', colour: 'red' },
  'port-success-low': { severity: 'major', nature: 'condition', object: 'port', colour: 'red' },
  'clock-deviation': { severity: 'minor', nature: 'condition', object: 'meter', colour: 'yellow' },
  // The meter's clock reads a date or time no calendar has (month 13, hour 25): its clock is broken, so its
  // time-of-use rates, freezes and event times are wrong; a time sync may not fix it (a fault, red).
  'clock-invalid': { severity: 'major', nature: 'condition', object: 'meter', colour: 'red' },
  'power-down': { severity: 'minor', nature: 'event', object: 'meter', colour: 'yellow' },
  'cover-open': { severity: 'critical', nature: 'event', object: 'meter', colour: 'yellow' },
  'terminal-cover-open': { severity: 'critical', nature: 'event', object: 'meter', colour: 'yellow' },
  'relay-tripped': { severity: 'major', nature: 'event', object: 'meter', colour: 'yellow' },
  'register-backwards': { severity: 'major', nature: 'event', object: 'meter', colour: 'red' },
  'energy-implausible': { severity: 'minor', nature: 'event', object: 'meter', colour: 'yellow' },
  // Abnormal use (003 §5.4.3 a): judged from the daily roll-ups when a day closes.
  'no-consumption': { severity: 'minor', nature: 'condition', object: 'meter', colour: 'yellow' },
  'consumption-spike': { severity: 'minor', nature: 'condition', object: 'meter', colour: 'yellow' },
  // The meter opened its relay for capacity (限容, DOMAIN.md §4; 003 §5.4.2 b over-current).
  'overload-trip': { severity: 'major', nature: 'condition', object: 'meter', colour: 'yellow' },
  // The account's kept balance differs from its ledger (someone changed the summary row, or a defect did):
  // the station's books, raised on the account's meter so it shows where the account is.
  'ledger-drift': { severity: 'critical', nature: 'condition', object: 'meter', colour: 'yellow' },
  // The scheduled audit check found the audit chain broken, an exported head no longer in it, a ledger entry
  // without its audit record, or a kept balance off its ledger: the site's books, one alarm for the site.
  'audit-broken': { severity: 'critical', nature: 'condition', object: 'site', colour: 'red' },
  // The collector read meters it could not keep: its spool filled while the database was down, or the
  // database refused a buffered batch again and again. Told once the database answers again.
  'readings-lost': { severity: 'critical', nature: 'event', object: 'site', colour: 'red' },
};

/**
 * Every field the alarm engine puts in an alarm's evidence, with what its value is, so that a reader's
 * language can word the field and show the value in its unit (Wh as kWh, fen as yuan, ms as seconds):
 * `count`/`number`/`percent` plain figures, `wh` energy, `fen` money, `ms` a duration, `time` epoch ms,
 * `day` a site-local date, `boolean`, `flags` reading flags, `days` a list of days and their energy,
 * `relay` status word 3's relay bits, `reason` a head-end reason code, `log` English lines for logs.
 */
export const alarmEvidenceFields = {
  runsInARow: 'count',
  reasons: 'log',
  cause: 'reason',
  before: 'count',
  after: 'count',
  foundOpen: 'boolean',
  openings: 'count',
  readAt: 'time',
  activeImportWh: 'wh',
  flags: 'flags',
  remainingWh: 'wh',
  alarmEnergyWh: 'wh',
  creditLimitWh: 'wh',
  relayOpen: 'boolean',
  balanceFen: 'fen',
  alarmFen: 'fen',
  creditFen: 'fen',
  offsetMs: 'ms',
  clockProblem: 'log',
  limitMs: 'ms',
  runId: 'count',
  meters: 'count',
  read: 'count',
  percent: 'percent',
  limit: 'percent',
  ports: 'count',
  linksDown: 'count',
  linkUp: 'boolean',
  closedDay: 'day',
  days: 'days',
  energyWh: 'wh',
  noneBelowWh: 'wh',
  medianWh: 'wh',
  historyDays: 'count',
  factor: 'number',
  floorWh: 'wh',
  limitWh: 'wh',
  statusWord3: 'relay',
  reconnects: 'count',
  refusedTakeovers: 'count',
  windowMs: 'ms',
  rows: 'count',
  since: 'time',
} as const;
export type AlarmEvidenceField = keyof typeof alarmEvidenceFields;

/** What each kind is called, for exports, messages and the monitoring page. */
export const alarmKindNames: Readonly<Record<AlarmKind, { readonly zh: string; readonly en: string }>> = {
  'low-balance': { zh: '余额不足', en: 'Low balance' },
  'balance-exhausted': { zh: '余额耗尽', en: 'Balance exhausted' },
  'meter-unreachable': { zh: '电表通信失败', en: 'Meter unreachable' },
  'terminal-offline': { zh: '终端离线', en: 'Terminal offline' },
  'link-flapping': { zh: '终端链路频繁断线', en: 'Terminal link flapping' },
  'port-success-low': { zh: '端口抄读成功率低', en: 'Port success rate low' },
  'clock-deviation': { zh: '电表时钟偏差', en: 'Meter clock deviation' },
  'clock-invalid': { zh: '电表时钟错误', en: 'Meter clock invalid' },
  'power-down': { zh: '掉电', en: 'Power down' },
  'cover-open': { zh: '开表盖', en: 'Meter cover opened' },
  'terminal-cover-open': { zh: '开端钮盒', en: 'Terminal cover opened' },
  'relay-tripped': { zh: '跳闸', en: 'Relay tripped' },
  'register-backwards': { zh: '电量倒走', en: 'Register went backwards' },
  'energy-implausible': { zh: '电量异常', en: 'Implausible energy' },
  'no-consumption': { zh: '长期零电量', en: 'No consumption' },
  'consumption-spike': { zh: '日用电量突增', en: 'Daily consumption spike' },
  'overload-trip': { zh: '过载跳闸', en: 'Overload trip' },
  'ledger-drift': { zh: '余额与流水不符', en: 'Balance differs from ledger' },
  'audit-broken': { zh: '审计日志或流水被改动', en: 'Audit log or ledger tampered' },
  'readings-lost': { zh: '抄读数据丢失', en: 'Readings lost' },
};

/**
 * A condition must stay absent this long before its alarm clears (damps flapping). The thresholds of each
 * kind (runs, percentages, days) are rules that sites set per area and meter type: see `alarm-rules.ts`.
 */
export const DEFAULT_CLEAR_AFTER_MS = 10 * 60_000;

/** One thing the engine saw about an object: a condition present or absent, or an event that happened. */
export interface Observation {
  readonly kind: AlarmKind;
  readonly objectId: string;
  /** true: the condition holds (or the event happened); false: the condition is absent. */
  readonly present: boolean;
  /** What shows it: the reading, counter or run that raised it. */
  readonly evidence?: Readonly<Record<string, unknown>>;
  /**
   * An absent condition a good read proves over (the meter answered, the port's meters were read): its alarm
   * clears at once instead of after the damping time, which is for conditions seen only by their absence.
   */
  readonly provenAbsent?: boolean;
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
  clearAfterMs: number = DEFAULT_CLEAR_AFTER_MS,
): AlarmDecision {
  const rule = alarmRules[observation.kind];
  if (observation.present) return { action: open === undefined ? 'raise' : 'refresh' };
  if (open === undefined || rule.nature === 'event') return { action: 'none' };
  if (observation.provenAbsent === true) return { action: 'clear' };
  return now - open.lastSeenAt >= clearAfterMs ? { action: 'clear' } : { action: 'none' };
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

/** The cover alarms and the status word 7 bit each follows. */
const coverFlags = [
  ['cover-open', 'coverOpen'],
  ['terminal-cover-open', 'terminalCoverOpen'],
] as const;

/**
 * Covers found open in status word 7: a cover open is an alarm whether or not its counter moved (the first
 * read after a start only sets the counters' baseline, and a meter may count an opening before the station
 * first sees it). A cover raises once when it is found open (the first read, or open after a read that found
 * it closed); one whose counter rose in the same read is already reported by `counterObservations`.
 */
export function coverObservations(
  meterId: string,
  previous: Readonly<Record<'coverOpen' | 'terminalCoverOpen', boolean>> | undefined,
  current: Readonly<Record<'coverOpen' | 'terminalCoverOpen', boolean>>,
  counts: Readonly<Partial<Record<AlarmKind, number>>>,
  counted: readonly Observation[],
): Observation[] {
  const observations: Observation[] = [];
  for (const [kind, flag] of coverFlags) {
    if (!current[flag] || previous?.[flag] === true) continue;
    if (counted.some((o) => o.kind === kind && o.present)) continue;
    const count = counts[kind];
    observations.push({
      kind,
      objectId: meterId,
      present: true,
      evidence: { foundOpen: true, ...(count === undefined ? {} : { openings: count }) },
    });
  }
  return observations;
}

/**
 * The relay bits of status word 3 (DL/T 645-2007 Table A.5: bit 4 relay open, bit 6 relay commanded open,
 * bit 7 pre-trip alarm, which prepaid meters raise at their alarm level and keep while exhausted).
 */
export interface RelayStatus {
  readonly relayOpen: boolean;
  readonly relayCommandOpen: boolean;
  readonly preTripAlarm: boolean;
}

/**
 * An overload trip: the relay is open although nobody commanded it open and no prepaid reason shows (no
 * pre-trip alarm, the balance not exhausted). The one reason left to a meter that opens its own relay is its
 * capacity limit (限容: power above the maximum for the trip delay). Present while the relay stays open;
 * absent once it closes again (a networked meter closes after its restore time).
 */
export function overloadObservation(
  meterId: string,
  status: RelayStatus & { readonly raw?: number },
  balanceExhausted: boolean,
): Observation {
  const present = status.relayOpen && !status.relayCommandOpen && !status.preTripAlarm && !balanceExhausted;
  return { kind: 'overload-trip', objectId: meterId, present, evidence: { statusWord3: status } };
}

/**
 * Alarms are kept at least 12 months (003 §5.3.2 d: abnormal-state records ≥ 12 months; §5.4.2 d: history
 * queryable and exportable ≥ 12 months). Nothing deletes an alarm raised after the cutoff.
 */
export const ALARM_RETENTION_MONTHS = 12;

/** The instant before which cleared alarms may be purged: `keepMonths` calendar months (UTC) before `now`. */
export function alarmRetentionCutoff(now: number, keepMonths: number = ALARM_RETENTION_MONTHS): number {
  if (!Number.isInteger(keepMonths) || keepMonths < ALARM_RETENTION_MONTHS)
    throw new RangeError(`alarms are kept at least ${ALARM_RETENTION_MONTHS} months, not ${keepMonths}`);
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - keepMonths);
  // A month-end start can overflow into the next month (29 February less 12 months is 1 March): never
  // later than 366 days a year back.
  return Math.min(cutoff.getTime(), now - Math.ceil(keepMonths / 12) * 366 * 86_400_000);
}
