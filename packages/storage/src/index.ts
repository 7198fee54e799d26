export { AuditKey, canonicalJson, entryHash, genesisHash } from './audit-chain.ts';
export {
  type Connection,
  connect,
  type DatabaseConfig,
  databaseUnavailable,
  type Engine,
  engineOfUrl,
  type PoolStats,
} from './connect.ts';
export type { Database } from './database.ts';
export {
  ReadingSpool,
  type ReadingSpoolOptions,
  type SpooledBatch,
  type SpoolStats,
  spoolFileName,
} from './ingest/reading-spool.ts';
export { type ReadingWriter, StoreSink, type StoreSinkOptions } from './ingest/store-sink.ts';
export {
  describeAhead,
  MigrationError,
  type MigrationOutcome,
  migrateToLatest,
  type SchemaStatus,
  schemaStatus,
} from './migrate.ts';
export { migrations } from './migrations/index.ts';
export { maxPageSize, type Page, type PageRequest, type SortDirection } from './paging.ts';
export { type OnceKey, type Recorded, recordOnce } from './record-once.ts';
export type * from './repositories/account-balances.ts';
export type * from './repositories/accounts.ts';
export type * from './repositories/alarm-rules.ts';
export type * from './repositories/alarms.ts';
export type * from './repositories/areas.ts';
export {
  type AuditEntry,
  type AuditFilter,
  AuditKeyMissingError,
  type AuditRow,
  type ChainHead,
  type ChainVerdict,
} from './repositories/audit-log.ts';
export type * from './repositories/card-transfers.ts';
export type * from './repositories/collection.ts';
export type * from './repositories/concentrators.ts';
export { firstMeasuringPoint, lastMeasuringPoint } from './repositories/concentrators.ts';
export type * from './repositories/customers.ts';
export { type ConstraintKind, constraintViolation } from './repositories/executor.ts';
export type { LedgerAuditMismatch } from './repositories/ledger-audit-match.ts';
export type * from './repositories/meter-types.ts';
export type * from './repositories/meters.ts';
export type * from './repositories/notification-preferences.ts';
export type * from './repositories/notifications.ts';
export type * from './repositories/price-types.ts';
export type * from './repositories/reading-plans.ts';
export type * from './repositories/readings.ts';
export { readingsChannel } from './repositories/readings.ts';
export type * from './repositories/resident-access.ts';
export type * from './repositories/resident-view.ts';
export {
  defaultRetentionBatch,
  type RetentionKind,
  retentionKinds,
} from './repositories/retention.ts';
export type * from './repositories/second-factors.ts';
export type * from './repositories/sessions.ts';
export type * from './repositories/sign-in-failures.ts';
export type * from './repositories/special-cards.ts';
export type * from './repositories/tariffs.ts';
export type * from './repositories/terminals.ts';
export type * from './repositories/users.ts';
export type * from './repositories/vending-approvals.ts';
export type * from './repositories/vending-ledger.ts';
export { grantRuntimeRole, type RuntimeGrants } from './runtime-role.ts';
export {
  backupSqliteFile,
  checkSqliteFile,
  type SqliteFileVerdict,
  sqliteFileInUse,
} from './sqlite-file.ts';
export { openStore, Repositories, Store } from './store.ts';
