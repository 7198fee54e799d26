/**
 * What the HTTP API sends and accepts, as this application reads it (see the OpenAPI document at
 * /api/docs). The web depends on the API only, so these are written from the API, not imported from the
 * server; `e2e/web-contract.test.ts` checks the lists below against the server's own.
 */

export const roles = ['administrator', 'cashier', 'finance', 'maintenance', 'installer', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'area.read',
  'area.write',
  'terminal.read',
  'terminal.write',
  'meterType.read',
  'meterType.write',
  'priceType.read',
  'priceType.write',
  'meter.read',
  'meter.write',
  'meter.stockIn',
  'meter.readNow',
  'meter.command',
  'collection.read',
  'collection.write',
  'alarm.read',
  'alarm.acknowledge',
  'alarm.configure',
  'customer.read',
  'customer.write',
  'account.read',
  'account.write',
  'user.read',
  'user.write',
  'audit.read',
  'archive.export',
  'vending.read',
  'vending.sell',
  'vending.adjust',
  'vending.refund',
] as const;
export type Permission = (typeof permissions)[number];

export const areaKinds = [
  'region',
  'transformer_area',
  'community',
  'building',
  'unit',
  'floor',
  'meter_box',
  'other',
] as const;
export type AreaKind = (typeof areaKinds)[number];

export const meterStates = ['in_stock', 'installed', 'faulty', 'removed'] as const;
export type MeterState = (typeof meterStates)[number];

export const meterProtocols = ['dlt645_2007', 'dlt645_1997', 'modbus_rtu'] as const;
export const cardStandards = ['gb_t_18460', 'jb_t_8382', 'none'] as const;
export const terminalModes = ['tcp_server', 'tcp_client'] as const;
export const bauds = [600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const parities = ['N', 'E', 'O'] as const;
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}
/** The API's largest page. */
export const maxPageSize = 500;

export interface User {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly allAreas: boolean;
  readonly areaIds: readonly number[];
  readonly locale: string;
  readonly disabled: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SignedIn {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

export interface WhoAmI {
  readonly user: User | undefined;
  readonly permissions: readonly Permission[];
  readonly via: 'cookie' | 'bearer';
  readonly csrfToken: string | undefined;
}

export interface Area {
  readonly id: number;
  readonly parentId: number | null;
  readonly kind: AreaKind;
  readonly code: string;
  readonly name: string;
  readonly path: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface TerminalPort {
  readonly id?: number;
  readonly portNo: number;
  readonly baud: number;
  readonly parity: string;
  readonly dataBits: number;
  readonly stopBits: number;
  readonly protocol: string;
}

export interface Terminal {
  readonly id: number;
  readonly areaId: number;
  readonly name: string;
  readonly model: string;
  readonly mode: string;
  readonly address: string;
  readonly ports?: readonly TerminalPort[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface MeterType {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly model: string;
  readonly constantImpPerKwh: number;
  readonly ratedCurrentMa: number;
  readonly maxCurrentMa: number;
  readonly phases: number;
  readonly protocol: string;
  readonly cardStandard: string;
  readonly version: number;
}

export interface Meter {
  readonly id: number;
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly meterTypeId: number;
  readonly state: MeterState;
  readonly startingReadingWh: number;
  readonly areaId: number;
  readonly terminalPortId: number | null;
  readonly parentMeterId: number | null;
  readonly ptPrimary: number;
  readonly ptSecondary: number;
  readonly ctPrimary: number;
  readonly ctSecondary: number;
  readonly multiplier: number;
  readonly stockedInAt: number;
  readonly updatedAt: number;
}

export interface Customer {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly address: string;
  readonly idNumber: string;
  readonly areaId: number;
  readonly version: number;
  readonly updatedAt: number;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  readonly actorUserId: number | null;
  readonly actorName: string;
  readonly sourceIp: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly details: unknown;
  readonly hash: string;
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly brokenEntryId: number; readonly reason: string };

export interface RowProblem {
  readonly line: number;
  readonly column: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportReport {
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly RowProblem[];
}

/** Item groups "read now" and the plans name; a plan may also name DL/T 645-2007 identifiers. */
export const itemGroups = ['energy', 'instantaneous', 'prepaid', 'status', 'clock'] as const;
export type ItemGroup = (typeof itemGroups)[number];
/** The DL/T 645-2007 identifiers of each group, as the head-end expands them into a plan's items. */
export const itemGroupIdentifiers: Readonly<Record<ItemGroup, readonly string[]>> = {
  energy: ['00010000', '00010100', '00010200', '00010300', '00010400', '00020000'],
  instantaneous: ['02010100', '02020100', '02030000', '02060000', '02800002'],
  prepaid: ['00900100', '00900200'],
  status: ['04000501', '04000503', '04000507', '03110000', '03300D00', '03300E00', '1D000001', '1E000001'],
  clock: ['04000101', '04000102'],
};

/** How one meter's read went: every item, some refused, or no answer at all. */
export const meterOutcomes = ['complete', 'partial', 'unreachable'] as const;
export type MeterOutcome = (typeof meterOutcomes)[number];

export interface ReadNowResult {
  readonly meterId: number;
  readonly status: MeterOutcome;
  readonly attempts: number;
  readonly durationMs: number;
  readonly readings: readonly {
    readonly di: string;
    readonly zh: string;
    readonly en: string;
    readonly unit?: string;
    readonly value: unknown;
  }[];
  /** `message` is English (for logs); the reason code is what the page words. */
  readonly failures: readonly {
    readonly di: string;
    readonly message: string;
    readonly reasonCode?: string | null;
    readonly reasonParams?: Readonly<Record<string, unknown>> | null;
  }[];
}

export const commandKinds = ['relay-trip', 'relay-close', 'write'] as const;
export type CommandKind = (typeof commandKinds)[number];
export const commandStates = ['pending', 'sending', 'confirmed', 'failed'] as const;
export type CommandState = (typeof commandStates)[number];

export interface MeterCommand {
  readonly id: number;
  readonly meterId: number;
  readonly kind: CommandKind;
  readonly params: string;
  readonly requestId: string;
  readonly state: CommandState;
  /** English, for logs; pages show the reason code worded (shared/reason-text.ts), this when there is none. */
  readonly reason: string | null;
  readonly reasonCode: string | null;
  readonly reasonParams: Readonly<Record<string, unknown>> | null;
  readonly attempts: number;
  readonly requestedBy: number | null;
  readonly requestedAt: number;
  readonly sentAt: number | null;
  readonly finishedAt: number | null;
}

export interface EnergyReading {
  readonly meterId: number;
  readonly readAt: number;
  readonly activeImportWh: number;
  readonly remainingMoneyFen: number | null;
  /** Validation flags, comma-separated; null when the reading looked right. */
  readonly flags: string | null;
}

export interface InstantReading {
  readonly meterId: number;
  readonly readAt: number;
  readonly voltageL1V: number | null;
  readonly currentL1A: number | null;
  readonly activePowerW: number | null;
  readonly powerFactor: number | null;
  readonly frequencyHz: number | null;
}

export interface Readings {
  readonly energy: readonly EnergyReading[];
  readonly instant: readonly InstantReading[];
}

export interface DailyEnergy {
  readonly meterId: number;
  /** Site-local day, YYYY-MM-DD. */
  readonly day: string;
  readonly energyWh: number;
}

export const planKinds = ['read', 'daily-frozen', 'clock-check', 'time-sync'] as const;
export type PlanKind = (typeof planKinds)[number];
export const runStatuses = ['running', 'finished', 'failed', 'interrupted', 'skipped'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const runTriggers = ['schedule', 'operator'] as const;

export type Schedule =
  | { readonly kind: 'interval'; readonly everyMinutes: number; readonly offsetMinutes?: number }
  | { readonly kind: 'daily'; readonly at: string }
  | { readonly kind: 'monthly'; readonly day: number; readonly at: string };
export const scheduleKinds = ['interval', 'daily', 'monthly'] as const;

export interface PlanTargets {
  readonly areas?: readonly string[];
  readonly meterTypes?: readonly string[];
  readonly meters?: readonly string[];
}

export interface ReadingPlan {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly kind: PlanKind;
  readonly items: readonly string[];
  readonly targets: PlanTargets;
  readonly schedule: Schedule;
  readonly enabled: boolean;
  readonly updatedAt: number;
  /** Why the head-end cannot run it, or null. */
  readonly problem: string | null;
}

export interface CollectionRun {
  readonly id: number;
  readonly planId: string;
  readonly kind: PlanKind;
  readonly trigger: string;
  readonly requestedBy: number | null;
  readonly areaId: number | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly status: RunStatus;
  readonly metersTotal: number;
  readonly metersComplete: number;
  readonly metersPartial: number;
  readonly metersFailed: number;
  /** English, for logs; the page words the code (shared/reason-text.ts), and shows this when there is none. */
  readonly detail: string | null;
  readonly detailCode?: string | null;
  readonly detailParams?: Readonly<Record<string, unknown>> | null;
}

export interface PortRate {
  readonly terminalId: number | null;
  readonly portNo: number | null;
  readonly meters: number;
  readonly read: number;
  readonly failed: number;
}

export interface RunDetail {
  readonly run: CollectionRun;
  /** Per cent with one decimal; null for a run with no meters. */
  readonly successRate: number | null;
  readonly ports: readonly PortRate[];
}

export interface RunMeter {
  readonly runId: number;
  readonly meterId: number;
  readonly terminalId: number | null;
  readonly portNo: number | null;
  readonly status: MeterOutcome;
  /** English, for logs; pages show the reason code worded (shared/reason-text.ts), this when there is none. */
  readonly reason: string | null;
  readonly reasonCode: string | null;
  readonly reasonParams: Readonly<Record<string, unknown>> | null;
  readonly attempts: number;
  readonly durationMs: number;
  readonly factoryNo: string;
  readonly commAddress: string;
}

/** A meter's outcome in one run (GET /api/meters/:id/runs). */
export interface MeterRunOutcome extends Omit<RunMeter, 'factoryNo' | 'commAddress'> {
  readonly startedAt: number;
  readonly planId: string;
}

/** The server-sent `progress` event of a run. */
export interface RunProgress {
  readonly runId: number;
  readonly total: number;
  readonly done: number;
  readonly complete: number;
  readonly partial: number;
  readonly unreachable: number;
}
