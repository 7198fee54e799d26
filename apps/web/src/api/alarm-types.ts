/** Alarms, alarm rules and the monitoring view as the API sends them (docs/alarms.md). */

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
  'no-consumption',
  'consumption-spike',
  'overload-trip',
] as const;
export type AlarmKind = (typeof alarmKinds)[number];

export const severities = ['critical', 'major', 'minor', 'info'] as const;
export type Severity = (typeof severities)[number];

/** `open` is a filter only: raised or acknowledged. */
export const alarmStates = ['raised', 'acknowledged', 'cleared'] as const;
export type AlarmState = (typeof alarmStates)[number];

export interface Alarm {
  readonly id: number;
  readonly kind: AlarmKind;
  readonly severity: Severity;
  readonly objectType: 'meter' | 'port' | 'terminal';
  readonly objectId: string;
  readonly areaId: number | null;
  readonly state: AlarmState;
  readonly raisedAt: number;
  readonly lastSeenAt: number;
  readonly occurrences: number;
  readonly evidence: unknown;
  readonly acknowledgedAt: number | null;
  readonly acknowledgedBy: number | null;
  readonly acknowledgedByName: string | null;
  readonly ackComment: string | null;
  readonly clearedAt: number | null;
  readonly clearReason: string | null;
}

/** The server-sent events of `GET /api/alarms/events`, each carrying the alarm as it now stands. */
export const alarmEventKinds = ['raised', 'refreshed', 'acknowledged', 'cleared'] as const;
export type AlarmEventKind = (typeof alarmEventKinds)[number];

/** Where a rule's setting comes from: the built-in default or the scope of an override. */
export type RuleSource = 'default' | { readonly areaId: number | null; readonly meterTypeId: number | null };

export interface EffectiveAlarmRule {
  readonly kind: AlarmKind;
  readonly enabled: boolean;
  readonly severity: Severity;
  readonly params: Readonly<Record<string, number>>;
  readonly sources: Readonly<Record<string, RuleSource>>;
}

export interface AlarmRuleOverride {
  readonly kind: AlarmKind;
  readonly areaId: number | null;
  readonly meterTypeId: number | null;
  readonly enabled: boolean | null;
  readonly severity: Severity | null;
  readonly params: Readonly<Record<string, number>>;
  readonly updatedAt: number;
  readonly updatedBy: number | null;
}

export interface EffectiveAlarmRules {
  readonly areaId: number | null;
  readonly meterTypeId: number | null;
  readonly rules: readonly EffectiveAlarmRule[];
  readonly overrides: readonly AlarmRuleOverride[];
}

/** Green normal, yellow alarm, red fault, grey never read (its state unknown). */
export type PointColour = 'green' | 'yellow' | 'red' | 'grey';

export interface MonitoredArea {
  readonly id: number;
  readonly kind: string;
  readonly code: string;
  readonly name: string;
}

/** `supply`: other meters of the view hang beneath it (a building's or transformer area's incoming meter). */
export type MeterRole = 'supply' | 'consumer';

export interface MonitoredMeter {
  readonly id: number;
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly state: string;
  readonly areaId: number;
  readonly parentMeterId: number | null;
  readonly role: MeterRole;
  /** Who holds its open account; `unit` is the room (门牌), e.g. `1-2-301`. */
  readonly customer: { readonly name: string; readonly unit: string } | null;
  readonly lastReadAt: number | null;
  readonly areas: readonly MonitoredArea[];
  readonly colour: PointColour;
  readonly alarms: readonly Pick<
    Alarm,
    'id' | 'kind' | 'severity' | 'state' | 'objectType' | 'objectId' | 'raisedAt'
  >[];
}

export interface MonitoringView {
  readonly areaId: number | null;
  readonly meters: readonly MonitoredMeter[];
  readonly counts: Readonly<Record<PointColour, number>>;
  readonly truncated: boolean;
  readonly at: number;
}
