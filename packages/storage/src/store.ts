import type { Kysely } from 'kysely';
import type { AuditKey } from './audit-chain.ts';
import { type Connection, connect, type DatabaseConfig, type Engine } from './connect.ts';
import type { Database } from './database.ts';
import { AccountRepository } from './repositories/accounts.ts';
import { AlarmRuleRepository } from './repositories/alarm-rules.ts';
import { AlarmRepository } from './repositories/alarms.ts';
import { AreaRepository } from './repositories/areas.ts';
import { AuditLog } from './repositories/audit-log.ts';
import { CardTransferRepository } from './repositories/card-transfers.ts';
import { CollectionRepository } from './repositories/collection.ts';
import { ConcentratorRepository } from './repositories/concentrators.ts';
import { CustomerRepository } from './repositories/customers.ts';
import type { Executor } from './repositories/executor.ts';
import { LedgerAuditMatch } from './repositories/ledger-audit-match.ts';
import { MeterTypeRepository } from './repositories/meter-types.ts';
import { MeterRepository } from './repositories/meters.ts';
import { NotificationPreferenceRepository } from './repositories/notification-preferences.ts';
import { NotificationRepository } from './repositories/notifications.ts';
import { PriceTypeRepository } from './repositories/price-types.ts';
import { ReadingPlanRepository } from './repositories/reading-plans.ts';
import { ReadingRepository } from './repositories/readings.ts';
import { ResidentAccessRepository } from './repositories/resident-access.ts';
import { ResidentViewRepository } from './repositories/resident-view.ts';
import { RetentionRepository } from './repositories/retention.ts';
import { SecondFactorRepository } from './repositories/second-factors.ts';
import { SessionRepository } from './repositories/sessions.ts';
import { SignInFailureRepository } from './repositories/sign-in-failures.ts';
import { SpecialCardRepository } from './repositories/special-cards.ts';
import { TariffRepository } from './repositories/tariffs.ts';
import { TerminalRepository } from './repositories/terminals.ts';
import { UserRepository } from './repositories/users.ts';
import { ApprovalRepository } from './repositories/vending-approvals.ts';
import { VendingLedgerRepository } from './repositories/vending-ledger.ts';

/** Every repository over one executor: the pool, or one transaction. */
export class Repositories {
  readonly engine: Engine;
  readonly areas: AreaRepository;
  readonly terminals: TerminalRepository;
  readonly concentrators: ConcentratorRepository;
  readonly meterTypes: MeterTypeRepository;
  readonly priceTypes: PriceTypeRepository;
  readonly meters: MeterRepository;
  readonly customers: CustomerRepository;
  readonly accounts: AccountRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly signInFailures: SignInFailureRepository;
  readonly secondFactors: SecondFactorRepository;
  readonly audit: AuditLog;
  readonly readings: ReadingRepository;
  readonly collection: CollectionRepository;
  readonly plans: ReadingPlanRepository;
  readonly alarms: AlarmRepository;
  readonly alarmRules: AlarmRuleRepository;
  readonly notifications: NotificationRepository;
  readonly notificationPreferences: NotificationPreferenceRepository;
  readonly tariffs: TariffRepository;
  readonly ledger: VendingLedgerRepository;
  readonly ledgerAudit: LedgerAuditMatch;
  readonly cardTransfers: CardTransferRepository;
  readonly specialCards: SpecialCardRepository;
  readonly approvals: ApprovalRepository;
  readonly residentAccess: ResidentAccessRepository;
  readonly residentView: ResidentViewRepository;
  readonly retention: RetentionRepository;

  constructor(executor: Executor) {
    this.engine = executor.engine;
    this.areas = new AreaRepository(executor);
    this.terminals = new TerminalRepository(executor);
    this.concentrators = new ConcentratorRepository(executor);
    this.meterTypes = new MeterTypeRepository(executor);
    this.priceTypes = new PriceTypeRepository(executor);
    this.meters = new MeterRepository(executor);
    this.customers = new CustomerRepository(executor);
    this.accounts = new AccountRepository(executor);
    this.users = new UserRepository(executor);
    this.sessions = new SessionRepository(executor);
    this.signInFailures = new SignInFailureRepository(executor);
    this.secondFactors = new SecondFactorRepository(executor);
    this.audit = new AuditLog(executor);
    this.readings = new ReadingRepository(executor);
    this.collection = new CollectionRepository(executor);
    this.plans = new ReadingPlanRepository(executor);
    this.alarms = new AlarmRepository(executor);
    this.alarmRules = new AlarmRuleRepository(executor);
    this.notifications = new NotificationRepository(executor);
    this.notificationPreferences = new NotificationPreferenceRepository(executor);
    this.tariffs = new TariffRepository(executor);
    this.ledger = new VendingLedgerRepository(executor);
    this.ledgerAudit = new LedgerAuditMatch(executor);
    this.cardTransfers = new CardTransferRepository(executor);
    this.specialCards = new SpecialCardRepository(executor);
    this.approvals = new ApprovalRepository(executor);
    this.residentAccess = new ResidentAccessRepository(executor);
    this.residentView = new ResidentViewRepository(executor);
    this.retention = new RetentionRepository(executor);
  }
}

export class Store extends Repositories {
  readonly #connection: Connection;
  readonly #auditKey: AuditKey | undefined;

  constructor(connection: Connection, auditKey?: AuditKey) {
    super(auditKey === undefined ? connection : { db: connection.db, engine: connection.engine, auditKey });
    this.#connection = connection;
    this.#auditKey = auditKey;
  }

  /** Whether appends are keyed (OPENAMI_AUDIT_KEY given). */
  get auditKeyed(): boolean {
    return this.#auditKey !== undefined;
  }

  /** For migrations and the status check only; everything else goes through a repository. */
  get db(): Kysely<Database> {
    return this.#connection.db;
  }

  /** Runs `work` in one transaction: all its writes land, or none do. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.#connection.db.transaction().execute((tx) =>
      work(
        new Repositories({
          db: tx,
          engine: this.#connection.engine,
          ...(this.#auditKey === undefined ? {} : { auditKey: this.#auditKey }),
        }),
      ),
    );
  }

  /** See `Connection.listen`: undefined on SQLite. */
  get listen(): Connection['listen'] {
    return this.#connection.listen;
  }

  /** See `Connection.poolStats`: undefined on SQLite. */
  get poolStats(): Connection['poolStats'] {
    return this.#connection.poolStats;
  }

  close(): Promise<void> {
    return this.#connection.close();
  }
}

/** Opens the database; with `auditKey` (OPENAMI_AUDIT_KEY) the audit chain is appended keyed. */
export function openStore(config: DatabaseConfig & { readonly auditKey?: AuditKey }): Store {
  return new Store(connect(config), config.auditKey);
}
