import type { LedgerEntryKind } from '@openami/domain';
import type { ColumnType, Generated } from 'kysely';

/**
 * The schema as TypeScript sees it (camelCase; CamelCasePlugin maps to snake_case columns). Times are UTC
 * epoch milliseconds, money is integer fen, energy integer Wh. Tables ending in `Versions` are append-only
 * snapshots: history points at a version row, live records at the current row.
 */
export interface Database {
  areas: AreasTable;
  terminals: TerminalsTable;
  terminalPorts: TerminalPortsTable;
  concentrators: ConcentratorsTable;
  meterTypes: MeterTypesTable;
  meterTypeVersions: MeterTypeVersionsTable;
  priceTypes: PriceTypesTable;
  priceTypeVersions: PriceTypeVersionsTable;
  meters: MetersTable;
  customers: CustomersTable;
  customerVersions: CustomerVersionsTable;
  accounts: AccountsTable;
  users: UsersTable;
  userAreas: UserAreasTable;
  sessions: SessionsTable;
  signInFailures: SignInFailuresTable;
  userTotp: UserTotpTable;
  userRecoveryCodes: UserRecoveryCodesTable;
  signInChallenges: SignInChallengesTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  readingEnergy: ReadingEnergyTable;
  readingInstant: ReadingInstantTable;
  readingDailyFrozen: ReadingDailyFrozenTable;
  energyDaily: EnergyDailyTable;
  energyMonthly: EnergyMonthlyTable;
  collectionRuns: CollectionRunsTable;
  collectionRunMeters: CollectionRunMetersTable;
  meterCommands: MeterCommandsTable;
  readingPlans: ReadingPlansTable;
  alarms: AlarmsTable;
  alarmRules: AlarmRulesTable;
  notifications: NotificationsTable;
  notificationAttempts: NotificationAttemptsTable;
  notificationPreferences: NotificationPreferencesTable;
  tariffVersions: TariffVersionsTable;
  vendingLedger: VendingLedgerTable;
  vendingProfiles: VendingProfilesTable;
  accountBalances: AccountBalancesTable;
  vendingCounters: VendingCountersTable;
  vendingCardTransfers: VendingCardTransfersTable;
  vendingCardReplacements: VendingCardReplacementsTable;
  vendingApprovals: VendingApprovalsTable;
  vendingSpecialCards: VendingSpecialCardsTable;
  vendingCardReadings: VendingCardReadingsTable;
  residentCodes: ResidentCodesTable;
  residentSessions: ResidentSessionsTable;
}

type Id = Generated<number>;
/** Set once on insert, never updated. */
type CreatedAt = ColumnType<number, number, never>;

export interface AreasTable {
  id: Id;
  parentId: number | null;
  kind: string;
  code: string;
  name: string;
  /** Materialised ancestor path, `/1/4/9/`, written once the id is known. */
  path: string;
  createdAt: CreatedAt;
  updatedAt: number;
}

export interface TerminalsTable {
  id: Id;
  areaId: number;
  name: string;
  model: string;
  /**
   * The terminal's own working mode, as its manual names it. tcp_server: it listens, one TCP port per RS-485
   * port (`address` is host:basePort; port N at basePort + N − 1) and the head-end dials it. tcp_client: it
   * dials the master station (GPRS DTUs); `address` holds its registration packet (ASCII, or `hex:…`).
   */
  mode: string;
  address: string;
  createdAt: CreatedAt;
  updatedAt: number;
}

/**
 * A GB/T 1376.1 concentrator: addressed by area code A1 (4 digits as text) and terminal address A2 (0–65535),
 * answering master station A3 (0–127). `online`, `lastLoginAt`, `lastHeartbeatAt` and `signalDbm` are the
 * head-end's to write (`ConcentratorRepository.recordFieldState`).
 */
export interface ConcentratorsTable {
  id: Id;
  areaId: number;
  name: string;
  areaCode: string;
  terminalAddress: number;
  masterAddress: number;
  model: string;
  /** The protocol variant it speaks (a `Q1376Variant` of the codec, e.g. `gb2013`). */
  variant: string;
  notes: string;
  /** 1 while it holds a logged-in link to the head-end, else 0. */
  online: ColumnType<number, number | undefined, number>;
  lastLoginAt: number | null;
  lastHeartbeatAt: number | null;
  signalDbm: number | null;
  createdAt: CreatedAt;
  updatedAt: number;
}

export interface TerminalPortsTable {
  id: Id;
  terminalId: number;
  portNo: number;
  baud: number;
  parity: string;
  dataBits: number;
  stopBits: number;
  protocol: string;
}

interface MeterTypeFields {
  code: string;
  name: string;
  model: string;
  constantImpPerKwh: number;
  ratedCurrentMa: number;
  maxCurrentMa: number;
  phases: number;
  protocol: string;
  cardStandard: string;
}

export interface MeterTypesTable extends MeterTypeFields {
  id: Id;
  version: number;
  createdAt: CreatedAt;
  updatedAt: number;
}

export interface MeterTypeVersionsTable extends MeterTypeFields {
  id: Id;
  meterTypeId: number;
  version: number;
  createdAt: CreatedAt;
  createdBy: number | null;
}

interface PriceTypeFields {
  code: string;
  name: string;
  /** Tariffs carry sub-fen precision (0.5283 yuan/kWh = 52 830 milli-fen/kWh). */
  unitPriceMilliFenPerKwh: number;
}

export interface PriceTypesTable extends PriceTypeFields {
  id: Id;
  version: number;
  createdAt: CreatedAt;
  updatedAt: number;
}

export interface PriceTypeVersionsTable extends PriceTypeFields {
  id: Id;
  priceTypeId: number;
  version: number;
  createdAt: CreatedAt;
  createdBy: number | null;
}

export interface MetersTable {
  id: Id;
  factoryNo: string;
  commAddress: string;
  meterTypeId: number;
  /** The meter type as it was when this meter was stocked in. */
  meterTypeVersionId: number;
  state: string;
  startingReadingWh: number;
  areaId: number;
  terminalPortId: number | null;
  /** The concentrator it is read through, with `measuringPoint` (pn 1–2040); never with a terminal port. */
  concentratorId: ColumnType<number | null, number | null | undefined, number | null>;
  measuringPoint: ColumnType<number | null, number | null | undefined, number | null>;
  parentMeterId: number | null;
  ptPrimary: number;
  ptSecondary: number;
  ctPrimary: number;
  ctSecondary: number;
  multiplier: number;
  stockedInAt: number;
  createdAt: CreatedAt;
  updatedAt: number;
}

interface CustomerFields {
  code: string;
  name: string;
  unit: string;
  address: string;
  idNumber: string;
  areaId: number;
}

export interface CustomersTable extends CustomerFields {
  id: Id;
  version: number;
  createdAt: CreatedAt;
  updatedAt: number;
}

export interface CustomerVersionsTable extends CustomerFields {
  id: Id;
  customerId: number;
  version: number;
  createdAt: CreatedAt;
  createdBy: number | null;
}

export interface AccountsTable {
  id: Id;
  accountNo: string;
  customerId: number;
  meterId: number;
  priceTypeId: number;
  prepaidMode: string;
  alarmEnergyWh: number;
  creditLimitWh: number;
  hoardingLimitWh: number;
  capacityLimitMode: number;
  /** JSON array of phone numbers for SMS (002 §3.7). */
  phones: string;
  state: string;
  openedAt: number;
  closedAt: number | null;
  createdAt: CreatedAt;
  updatedAt: number;
}

export interface UsersTable {
  id: Id;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  /** 1 when the user acts on every area, regardless of `userAreas`. */
  allAreas: number;
  locale: string;
  disabled: number;
  failedLogins: number;
  lockedUntil: number | null;
  createdAt: CreatedAt;
  updatedAt: number;
}

export interface UserAreasTable {
  userId: number;
  areaId: number;
}

export interface SessionsTable {
  /** SHA-256 of the token; the token itself is never stored. */
  tokenHash: string;
  userId: number;
  kind: string;
  name: string;
  csrfToken: string;
  createdAt: CreatedAt;
  expiresAt: number;
  lastSeenAt: number;
  sourceIp: string;
  /** `full`, or `enrol`: the user must enrol a second factor before doing anything else. */
  stage: ColumnType<string, string | undefined, string>;
}

export interface SignInFailuresTable {
  /** As typed at sign-in, whether or not such a user exists. */
  username: string;
  sourceIp: string;
  failures: number;
  lockedUntil: number | null;
  lastFailedAt: number;
}

export interface UserTotpTable {
  userId: number;
  /** The shared secret, base32 (RFC 4648), as the authenticator app holds it. */
  secret: string;
  confirmedAt: number | null;
  /** The last 30-second time step whose code was accepted; 0 for none. */
  lastStep: number;
  createdAt: CreatedAt;
}

export interface UserRecoveryCodesTable {
  id: Id;
  userId: number;
  /** SHA-256 of the code; the code itself is shown once. */
  codeHash: string;
  usedAt: number | null;
}

export interface SignInChallengesTable {
  tokenHash: string;
  userId: number;
  sourceIp: string;
  attempts: number;
  expiresAt: number;
}

export interface AuditLogTable {
  id: Id;
  at: number;
  actorUserId: number | null;
  actorName: string;
  sourceIp: string;
  action: string;
  entity: string;
  entityId: string;
  /** JSON text, canonical (sorted keys), so that the hash can be recomputed from the row. */
  details: string;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  lastId: number;
  lastHash: string;
  /** The hash `lastHash` replaced: the last entry's `prevHash`. */
  prevHash: Generated<string>;
  /** The first entry hashed with HMAC under the audit key; null while none is (`audit-chain.ts`). */
  keyedFrom: number | null;
}

export interface ReadingEnergyTable {
  meterId: number;
  readAt: number;
  activeImportWh: number;
  activeExportWh: number | null;
  tariff1Wh: number | null;
  tariff2Wh: number | null;
  tariff3Wh: number | null;
  tariff4Wh: number | null;
  reactiveImportVarh: number | null;
  reactiveExportVarh: number | null;
  remainingEnergyWh: number | null;
  remainingMoneyFen: number | null;
  statusWord: number | null;
  receivedAt: number;
  /** Validation flags, comma-separated (`register-backwards`, `rollover`, `exceeds-capacity`); null when none. */
  flags: string | null;
  /** Null: read over the wire by the head-end; `card`: brought back by a check or meter-reading card. */
  source: string | null;
}

/** Phases L1, L2, L3 are DL/T 645's A, B and C phases (A相/B相/C相). */
export interface ReadingInstantTable {
  meterId: number;
  readAt: number;
  voltageL1V: number | null;
  voltageL2V: number | null;
  voltageL3V: number | null;
  currentL1A: number | null;
  currentL2A: number | null;
  currentL3A: number | null;
  activePowerW: number | null;
  reactivePowerVar: number | null;
  powerFactor: number | null;
  frequencyHz: number | null;
  receivedAt: number;
}

export interface ReadingDailyFrozenTable {
  meterId: number;
  /** Site-local calendar day, `YYYY-MM-DD`. */
  day: string;
  frozenAt: number;
  activeImportWh: number;
  tariff1Wh: number | null;
  tariff2Wh: number | null;
  tariff3Wh: number | null;
  tariff4Wh: number | null;
  receivedAt: number;
}

export interface EnergyDailyTable {
  meterId: number;
  day: string;
  energyWh: number;
  firstReadingWh: number;
  lastReadingWh: number;
  samples: number;
  /** When the first and last readings of the day were taken; null on rows written before they were kept. */
  firstReadAt: number | null;
  lastReadAt: number | null;
}

export interface EnergyMonthlyTable {
  meterId: number;
  /** `YYYY-MM`, site-local. */
  month: string;
  energyWh: number;
  firstReadingWh: number;
  lastReadingWh: number;
  days: number;
}

export interface CollectionRunsTable {
  id: Id;
  planId: string;
  /** `read`, `daily-frozen`, `clock-check`, `time-sync`. */
  kind: string;
  /** `schedule` or `operator`. */
  trigger: string;
  requestedBy: number | null;
  areaId: number | null;
  startedAt: number;
  finishedAt: number | null;
  /**
   * `running`, `finished`, `failed` (the run itself broke), `interrupted` (the process stopped), `skipped`
   * (its time came while the previous run of the plan was still going).
   */
  status: string;
  metersTotal: number;
  metersComplete: number;
  metersPartial: number;
  metersFailed: number;
  /** English: the run's counts, or why it failed or was skipped (for logs; what older runs show). */
  detail: string | null;
  /** The same as a stable code for people (the web words it); null on runs from before. */
  detailCode: string | null;
  /** JSON: the code's parameters. */
  detailParams: string | null;
}

export interface CollectionRunMetersTable {
  runId: number;
  meterId: number;
  terminalId: number | null;
  portNo: number | null;
  /** `complete`, `partial` (some items refused), `unreachable`. */
  status: string;
  /** English, as the head-end wrote it (for logs; what rows from before reason codes show). */
  reason: string | null;
  /** Why, as a stable code for people (the web words it); null on success and on rows from before. */
  reasonCode: string | null;
  /** JSON: the code's parameters. */
  reasonParams: string | null;
  attempts: number;
  durationMs: number;
  /** Clock checks: meter clock minus station clock. */
  clockOffsetMs: number | null;
}

export interface MeterCommandsTable {
  id: Id;
  meterId: number;
  /** `relay-trip`, `relay-close`, `write`. */
  kind: string;
  /** JSON: the command's parameters (data identifier and value for writes). */
  params: string;
  /** Chosen by the client; a repeated request id returns the first command, never a second one. */
  requestId: string;
  /** `pending` (persisted, not yet sent), `sending`, `confirmed`, `failed`. */
  state: string;
  /** English, as the head-end wrote it (for logs; what rows from before reason codes show). */
  reason: string | null;
  /** Why, as a stable code for people (the web words it); null on success and on rows from before. */
  reasonCode: string | null;
  /** JSON: the code's parameters. */
  reasonParams: string | null;
  attempts: number;
  requestedBy: number | null;
  requestedAt: number;
  sentAt: number | null;
  finishedAt: number | null;
}

export interface ReadingPlansTable {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  /** JSON array of DL/T 645-2007 identifiers as eight hex digits. */
  items: string;
  /** JSON `{ areas?, meterTypes?, meters? }` of ids as strings. */
  targets: string;
  /** JSON schedule: `{ kind: 'interval', everyMinutes, offsetMinutes? }`, `daily` or `monthly`. */
  schedule: string;
  /** 1 runs on schedule, 0 switched off (plans are never deleted: runs name them). */
  enabled: number;
  createdAt: CreatedAt;
  updatedAt: number;
}

export interface AlarmsTable {
  id: Id;
  kind: string;
  severity: string;
  /** `meter` (id: the meter's id), `port` (id: `terminal:port`), `terminal`. */
  objectType: string;
  objectId: string;
  areaId: number | null;
  /** `raised`, `acknowledged`, `cleared`. */
  state: string;
  raisedAt: number;
  /** When the condition was last seen holding (or the event last happened again). */
  lastSeenAt: number;
  occurrences: number;
  /** JSON: the readings, counters or run that showed the condition. */
  evidence: string;
  acknowledgedAt: number | null;
  acknowledgedBy: number | null;
  acknowledgedByName: string | null;
  ackComment: string | null;
  clearedAt: number | null;
  /** `condition-ended`, `acknowledged` (event alarms). */
  clearReason: string | null;
}

/** A site's override of one alarm kind's rule for an area and a meter type (null: all); nulls inherit. */
export interface AlarmRulesTable {
  id: Id;
  kind: string;
  areaId: number | null;
  meterTypeId: number | null;
  /** 1 raised, 0 not raised, null inherited. */
  enabled: number | null;
  severity: string | null;
  /** JSON object of the thresholds set here, by name; those left out are inherited. */
  params: string;
  updatedAt: number;
  updatedBy: number | null;
}

/** Effective-dated tariff structures of a price type; `definition` is canonical JSON (domain `Tariff`). */
export interface TariffVersionsTable {
  id: Id;
  priceTypeId: number;
  version: number;
  effectiveFrom: number;
  kind: string;
  definition: string;
  createdAt: CreatedAt;
  createdBy: number | null;
}

/**
 * Append-only: one row per movement of money or energy (domain `ledger.ts` states the signs). `details` is
 * canonical JSON: the price explanation, the card written, the reason.
 */
export interface VendingLedgerTable {
  id: Id;
  accountId: number;
  meterId: number;
  kind: LedgerEntryKind;
  amountFen: number;
  energyWh: number;
  adjustmentWh: number;
  purchaseCount: number | null;
  writeKwh: number | null;
  refersToId: number | null;
  tierCycle: string | null;
  priceTypeVersionId: number | null;
  tariffVersionId: number | null;
  requestId: string;
  requestFingerprint: string;
  invoiceNo: string | null;
  operatorUserId: number | null;
  operatorName: string;
  details: string;
  createdAt: CreatedAt;
}

/**
 * Derived: each account's vending ledger summed, kept in the transaction of every append (domain
 * `ledger-summary.ts`). The purchase count is for `purchaseMeterId`, the cycle energy for `tierCycle`.
 */
export interface AccountBalancesTable {
  accountId: number;
  entries: number;
  lastEntryId: number;
  balanceFen: number;
  consumedFen: number;
  netEnergyWh: number;
  consumedWh: number;
  pendingAdjustmentWh: number;
  lastSaleId: number | null;
  purchaseMeterId: number | null;
  purchaseCount: number;
  tierCycle: string | null;
  cycleEnergyWh: number;
}

export interface VendingProfilesTable {
  accountId: number;
  cardSerial: number;
  presetKwh: number;
  replacedMeterId: number | null;
  updatedAt: number;
}

export interface VendingCountersTable {
  name: string;
  value: number;
}

/**
 * Append-only: a locked customer card moved to a new card (001 FAQ 12). `voidCardId` is unique: a card is
 * void once and for good. `details` is canonical JSON: what was read off the locked card, the new card's
 * image, any figure where the card disagreed with the ledger, the reason.
 */
export interface VendingCardTransfersTable {
  id: Id;
  accountId: number;
  requestId: string;
  requestFingerprint: string;
  voidCardId: string;
  newCardId: string;
  newCardSerial: number;
  purchaseCount: number;
  undeliveredKwh: number;
  operatorUserId: number | null;
  operatorName: string;
  details: string;
  createdAt: CreatedAt;
}

/**
 * Append-only: a card replaced (补卡, 001 §4.1.4), once per (account, request id). `details` is canonical
 * JSON: the replacement card's data and the reason, so that a repeated request answers as the first did.
 */
export interface VendingCardReplacementsTable {
  id: Id;
  accountId: number;
  requestId: string;
  requestFingerprint: string;
  cardSerial: number;
  operatorUserId: number | null;
  operatorName: string;
  details: string;
  createdAt: CreatedAt;
}

/**
 * Append-only: a special card made at the counter (制作专用卡, 001 §4.1): `kind` is `preset`, `clear`, `check`
 * or `meter_reading`; a clear card names its area and perhaps its meter, a preset card its energy. The
 * request id is unique per operator. `details` is canonical JSON: the clear card's area code and meter number,
 * the card's password counter, the reason.
 */
export interface VendingSpecialCardsTable {
  id: Id;
  requestId: string;
  requestFingerprint: string;
  kind: string;
  cardId: string;
  areaId: number | null;
  meterId: number | null;
  presetKwh: number | null;
  operatorUserId: number | null;
  operatorName: string;
  details: string;
  createdAt: CreatedAt;
}

/**
 * Append-only: a meter's reading brought back by a check or meter-reading card and stored as an energy
 * reading at `readAt` (001 §4.1.2). `readingKey` (a hash of the card, its issue, the meter and the figures)
 * is unique, so a card read back twice stores its readings once. Energies are meter-side whole kWh.
 */
export interface VendingCardReadingsTable {
  id: Id;
  readingKey: string;
  cardId: string;
  cardKind: string;
  issueId: number | null;
  meterId: number;
  readAt: number;
  remainingKwh: number;
  totalKwh: number;
  purchaseCount: number;
  statusWord: number;
  operatorUserId: number | null;
  operatorName: string;
  createdAt: CreatedAt;
}

export interface NotificationsTable {
  id: Id;
  /** Queuing the same message twice (a retried alarm) is a no-op. */
  dedupeKey: string;
  alarmId: number | null;
  /** `log`, `webhook`, `sms`. */
  channel: string;
  recipient: string;
  /** JSON: the message (text per language, template values). */
  body: string;
  /**
   * `pending`, `sending` (leased by a worker until `leaseUntil`), `delivered`, `failed` (gave up), `held`
   * (kept back by a rate limit or quiet hours until `nextAttemptAt`, see `holdReason`), `folded` (sent as
   * part of the summary `foldedInto`).
   */
  state: string;
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  /** `resident` or `staff`: quiet hours are for residents. Null on rows queued before it was recorded. */
  audience: string | null;
  /** What the message is about: `alarm:<kind>:<objectType>:<objectId>`, `summary`, `digest`. */
  topic: string | null;
  /** When the rate limits let it through: it counts against its recipient's window from then. */
  admittedAt: number | null;
  /** Why it was held last: `rate-limit`, `repeat` (the same alarm again), `quiet-hours`. */
  holdReason: string | null;
  foldedInto: number | null;
}

/** How a staff user wants alarm notifications: by e-mail one by one, in a daily digest, or not at all. */
export interface NotificationPreferencesTable {
  userId: number;
  email: string | null;
  /** `each`, `digest`, `off`. */
  delivery: string;
  updatedAt: number;
  updatedBy: number | null;
}

export interface NotificationAttemptsTable {
  id: Id;
  notificationId: number;
  at: number;
  ok: number;
  /** What the provider answered (or why there was no answer). */
  answer: string;
}

/** One-time sign-in codes sent to residents; `accountId` is null for an account number that matched nothing. */
export interface ResidentCodesTable {
  id: Id;
  accountNo: string;
  accountId: number | null;
  phone: string;
  codeSalt: string;
  /** SHA-256 of salt and code; the code itself is never stored. */
  codeHash: string;
  sourceIp: string;
  attempts: number;
  createdAt: CreatedAt;
  expiresAt: number;
  usedAt: number | null;
}

/** A resident's session: one account, no role. */
export interface ResidentSessionsTable {
  tokenHash: string;
  accountId: number;
  csrfToken: string;
  sourceIp: string;
  createdAt: CreatedAt;
  expiresAt: number;
}

/**
 * A money movement above the site's amount, waiting for a second person (issue 15 gap 7). `state`:
 * `pending` → `approving` (claimed by an approver, the operation running) → `approved`; or `refused`.
 * `request` is the operation's input as JSON; `result` what the approved operation answered, as JSON.
 */
export interface VendingApprovalsTable {
  id: Id;
  kind: string;
  accountId: number | null;
  areaId: number | null;
  amountFen: number | null;
  energyWh: number | null;
  request: string;
  requestId: string;
  state: string;
  requestedBy: number;
  requestedByName: string;
  requestedAt: number;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  result: string | null;
}
