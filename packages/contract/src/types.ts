// What the API sends, as TypeScript types: each the static type of its schema. Type-only, so a client that
// imports them (the web) takes no schema code into its bundle.
import type { Static, TSchema } from '@sinclair/typebox';
import type * as s from './schemas/index.ts';

/** What the API answers, read-only all the way down: clients read answers, they do not change them. */
export type Answer<T extends TSchema> = DeepReadonly<Static<T>>;
type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** One page of a list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

export type ErrorBody = Answer<typeof s.errorBody>;

export type User = Answer<typeof s.user>;
export type SignedIn = Answer<typeof s.signedIn>;
export type WhoAmI = Answer<typeof s.whoAmI>;
export type SecondFactorDue = Answer<typeof s.secondFactorDue>;
export type SecondFactorStatus = Answer<typeof s.secondFactorStatus>;
export type TotpEnrolment = Answer<typeof s.totpEnrolment>;
export type BearerToken = Answer<typeof s.bearerToken>;
export type NotificationPreference = Answer<typeof s.notificationPreference>;

export type Area = Answer<typeof s.area>;
export type Terminal = Answer<typeof s.terminal>;
/** A terminal port's line settings, as a request gives them. */
export type PortSettings = Static<typeof s.portSettings>;
export type TerminalPort = Answer<typeof s.terminalPort>;
export type TerminalWithPorts = Answer<typeof s.terminalWithPorts>;
export type Concentrator = Answer<typeof s.concentrator>;
export type ConcentratorMeter = Answer<typeof s.concentratorMeter>;
export type MeterType = Answer<typeof s.meterType>;
export type MeterTypeVersion = Answer<typeof s.meterTypeVersion>;
export type PriceType = Answer<typeof s.priceType>;
export type PriceTypeVersion = Answer<typeof s.priceTypeVersion>;
export type TariffVersion = Answer<typeof s.tariffVersion>;
export type Meter = Answer<typeof s.meter>;
/** A meter in the list, with the open account on it and its customer (the household). */
export type MeterListItem = Answer<typeof s.meterListItem>;
export type MeterAccountView = Answer<typeof s.meterAccount>;
export type PrepaidBalance = Answer<typeof s.prepaidBalance>;
export type Customer = Answer<typeof s.customer>;
/** A customer in the list, with its accounts (number, meter, phones) and the open accounts' phones. */
export type CustomerListItem = Answer<typeof s.customerListItem>;
export type CustomerVersion = Answer<typeof s.customerVersion>;
export type Account = Answer<typeof s.account>;
export type AuditEntry = Answer<typeof s.auditEntry>;
export type ChainVerdict = Answer<typeof s.chainVerdict>;
export type RowProblem = Answer<typeof s.rowProblem>;
export type ImportReport = Answer<typeof s.importReport>;

export type EnergyReading = Answer<typeof s.energyReading>;
export type InstantReading = Answer<typeof s.instantReading>;
export type Readings = Answer<typeof s.readings>;
export type DailyEnergy = Answer<typeof s.dailyEnergy>;
export type DailyFreeze = Answer<typeof s.dailyFreeze>;
export type MonthlyEnergy = Answer<typeof s.monthlyEnergy>;
export type DailyAndFrozen = Answer<typeof s.dailyAndFrozen>;
export type ReadNowResult = Answer<typeof s.readNowResult>;
/** A value read in a form a page words: set status flags, the meter's clock. */
export type ReadingForm = Answer<typeof s.readingForm>;
export type MeterCommand = Answer<typeof s.meterCommand>;
export type CollectionRun = Answer<typeof s.collectionRun>;
export type PortRate = Answer<typeof s.portRate>;
export type RunDetail = Answer<typeof s.runDetail>;
export type RunMeter = Answer<typeof s.runMeter>;
export type MeterRunOutcome = Answer<typeof s.meterRunOutcome>;
export type RunProgress = Answer<typeof s.runProgress>;
export type PlanTargets = Answer<typeof s.planTargets>;
export type Schedule = Answer<typeof s.schedule>;
export type ReadingPlan = Answer<typeof s.readingPlan>;

export type Alarm = Answer<typeof s.alarm>;
export type Approval = Answer<typeof s.approval>;
export type AlarmsAcknowledged = Answer<typeof s.alarmsAcknowledged>;
export type RuleSource = Answer<typeof s.ruleSource>;
export type EffectiveAlarmRule = Answer<typeof s.effectiveAlarmRule>;
export type AlarmRuleOverride = Answer<typeof s.alarmRuleOverride>;
export type EffectiveAlarmRules = Answer<typeof s.effectiveAlarmRules>;
export type MonitoredArea = Answer<typeof s.monitoredArea>;
export type MonitoredMeter = Answer<typeof s.monitoredMeter>;
export type MonitoringView = Answer<typeof s.monitoringView>;

export type CardImage = Answer<typeof s.cardImage>;
export type CardData = Answer<typeof s.cardData>;
export type CustomerCardData = Answer<typeof s.customerCardData>;
export type MeterReadingOnCard = Answer<typeof s.meterReadingOnCard>;
export type AccountMatch = Answer<typeof s.accountMatch>;
export type EntryDetails = Answer<typeof s.entryDetails>;
export type LedgerEntry = Answer<typeof s.ledgerEntry>;
export type VendingSummary = Answer<typeof s.vendingSummary>;
export type PricedSale = Answer<typeof s.pricedSale>;
export type Quote = Answer<typeof s.quote>;
export type RemoteStatus = Answer<typeof s.remoteStatus>;
export type Delivery = Answer<typeof s.delivery>;
export type SaleResult = Answer<typeof s.saleResult>;
export type CorrectionResult = Answer<typeof s.correctionResult>;
export type RecordedEntry = Answer<typeof s.recordedEntry>;
export type ChargeResult = Answer<typeof s.chargeResult>;
export type TopUp = Answer<typeof s.topUp>;
export type LockedCardTransfer = Answer<typeof s.lockedCardTransfer>;
export type SpecialCardMade = Answer<typeof s.specialCardMade>;
export type ReadbackReading = Answer<typeof s.readbackReading>;
export type CardReadback = Answer<typeof s.cardReadback>;
export type Receipt = Answer<typeof s.receipt>;
export type SalesGroup = Answer<typeof s.salesGroup>;
export type CashierSalesGroup = Answer<typeof s.cashierSalesGroup>;
export type SalesReport = Answer<typeof s.salesReport>;
export type ReconciliationReport = Answer<typeof s.reconciliationReport>;
export type LedgerCheck = Answer<typeof s.ledgerCheck>;

export type EnergyRow = Answer<typeof s.energyRow>;
export type ReportPeriod = Answer<typeof s.reportPeriod>;
export type EnergyReport = Answer<typeof s.energyReport>;
export type MeterRef = Answer<typeof s.meterRef>;
export type LineLossRow = Answer<typeof s.lineLossRow>;
export type LevelTotal = Answer<typeof s.levelTotal>;
export type LineLossReport = Answer<typeof s.lineLossReport>;

export type ResidentAccount = Answer<typeof s.residentAccount>;
export type DailyUse = Answer<typeof s.dailyUse>;
export type ResidentPurchase = Answer<typeof s.residentPurchase>;
export type ResidentAlarm = Answer<typeof s.residentAlarm>;
