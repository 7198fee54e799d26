// Collection's closed lists: what can be read, how a read went, commands, plans and runs.
import { ITEM_GROUPS, type ItemGroup } from '@openami/protocol';

export type { ItemGroup };

/** Item groups "read now" and the plans name; a plan may also name DL/T 645-2007 identifiers. */
export const itemGroups = Object.keys(ITEM_GROUPS) as ItemGroup[];

const hex = (identifiers: readonly number[]) =>
  identifiers.map((di) => di.toString(16).toUpperCase().padStart(8, '0'));

/** The DL/T 645-2007 identifiers of each group, as eight hex digits (DI3 first), as a plan lists them. */
export const itemGroupIdentifiers: Readonly<Record<ItemGroup, readonly string[]>> = {
  energy: hex(ITEM_GROUPS.energy),
  instantaneous: hex(ITEM_GROUPS.instantaneous),
  prepaid: hex(ITEM_GROUPS.prepaid),
  status: hex(ITEM_GROUPS.status),
  clock: hex(ITEM_GROUPS.clock),
  dailyFrozen: hex(ITEM_GROUPS.dailyFrozen),
};

/** How one meter's read went: every item, some refused, or no answer at all. */
export const meterOutcomes = ['complete', 'partial', 'unreachable'] as const;
export type MeterOutcome = (typeof meterOutcomes)[number];

/** What an operator may send a meter from its page: relay trip and close, a parameter write. */
export const commandKinds = ['relay-trip', 'relay-close', 'write'] as const;
export type CommandKind = (typeof commandKinds)[number];
/** What a meter's commands may be: an operator's, or a local fee-control sale's top-up (03H). */
export const meterCommandKinds = [...commandKinds, 'top-up'] as const;
export type MeterCommandKind = (typeof meterCommandKinds)[number];
export const commandStates = ['pending', 'sending', 'confirmed', 'failed'] as const;
export type CommandState = (typeof commandStates)[number];

export const planKinds = ['read', 'daily-frozen', 'clock-check', 'time-sync'] as const;
export type PlanKind = (typeof planKinds)[number];
export const scheduleKinds = ['interval', 'daily', 'monthly'] as const;
export type ScheduleKind = (typeof scheduleKinds)[number];

export const runStatuses = ['running', 'finished', 'failed', 'interrupted', 'skipped'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const runTriggers = ['schedule', 'operator'] as const;
export type RunTrigger = (typeof runTriggers)[number];

/** The events a run's stream sends: progress as meters finish, then how it ended. */
export const runEventKinds = ['progress', 'finished', 'failed'] as const;

/**
 * The one-bit flags of the meters' status and mode words (DL/T 645-2007 Table A.5: running status words 1-7,
 * the load record mode word), by the names a read-now answer lists the set ones under (`form.set`); pages word
 * each name. A contract test holds this list to the protocol's tables.
 */
export const statusFlags = [
  'demandBlockMode',
  'clockBatteryLow',
  'readingBatteryLow',
  'activePowerReverse',
  'reactivePowerReverse',
  'phaseAActiveReverse',
  'phaseBActiveReverse',
  'phaseCActiveReverse',
  'phaseAReactiveReverse',
  'phaseBReactiveReverse',
  'phaseCReactiveReverse',
  'secondDailyTable',
  'programmingAllowed',
  'relayOpen',
  'secondTimeZoneTable',
  'relayCommandOpen',
  'preTripAlarm',
  'secondTariffPrices',
  'secondStepPrices',
  'voltageLoss',
  'undervoltage',
  'overvoltage',
  'currentLoss',
  'overcurrent',
  'overload',
  'powerReverse',
  'phaseBreak',
  'currentBreak',
  'voltageReverseSequence',
  'currentReverseSequence',
  'voltageUnbalance',
  'currentUnbalance',
  'auxiliarySupplyLoss',
  'powerDown',
  'demandOverLimit',
  'powerFactorLow',
  'currentSevereUnbalance',
  'coverOpen',
  'terminalCoverOpen',
  'voltageCurrent',
  'power',
  'powerFactor',
  'energy',
  'quadrantReactive',
  'demand',
] as const;
export type StatusFlag = (typeof statusFlags)[number];

/** The status words' fields of several bits (status word 3), and the values each may take. */
export const statusFieldValues = {
  /** 0 mains, 1 auxiliary supply, 2 battery. */
  supply: [0, 1, 2],
  /** 0 not prepaid, 1 energy prepaid, 2 money prepaid. */
  meterType: [0, 1, 2],
} as const;
export type StatusField = keyof typeof statusFieldValues;
