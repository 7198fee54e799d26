// Alarms' closed lists: kinds and severities (kept by the domain), states, what an alarm is about, the
// live feed's events, the monitoring view's colours, and how staff hear of alarms by e-mail.
export {
  type AlarmEvidenceField,
  type AlarmKind,
  alarmEvidenceFields,
  alarmKinds,
  type Severity,
  severities,
} from '@openami/domain';

/** `raised` until someone acknowledges it, `cleared` when its condition ends; `open` filters raised or acknowledged. */
export const alarmStates = ['raised', 'acknowledged', 'cleared'] as const;
export type AlarmState = (typeof alarmStates)[number];
export const alarmStateFilters = ['open', ...alarmStates] as const;

/** `site`: the whole site (the audit check's `audit-broken`), in no area: seen by staff who see every area. */
export const alarmObjectTypes = ['meter', 'port', 'terminal', 'site'] as const;
export type AlarmObjectType = (typeof alarmObjectTypes)[number];

/** The server-sent events of `GET /api/alarms/events`, each carrying the alarm as it now stands. */
export const alarmEventKinds = ['raised', 'refreshed', 'acknowledged', 'cleared'] as const;
export type AlarmEventKind = (typeof alarmEventKinds)[number];

/** Green normal, yellow alarm, red fault, grey never read (its state unknown). */
export const pointColours = ['green', 'yellow', 'red', 'grey'] as const;
export type PointColour = (typeof pointColours)[number];

/** `supply`: other meters of the view hang beneath it (a building's or transformer area's incoming meter). */
export const meterRoles = ['supply', 'consumer'] as const;
export type MeterRole = (typeof meterRoles)[number];

/** A staff member's alarm e-mail: each alarm, a daily digest, or none. */
export const alarmDeliveries = ['each', 'digest', 'off'] as const;
export type AlarmDelivery = (typeof alarmDeliveries)[number];
