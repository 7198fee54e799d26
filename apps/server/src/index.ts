export { type App, type AppOptions, buildApp } from './app.ts';
export { ConfigError, parseConfig, type ServerConfig } from './config.ts';
export { AppError, type ErrorCode, errorTable } from './errors.ts';
export { isWebAppBuilt } from './http/web-app.ts';
export {
  type PartLog,
  type RunningServer,
  type ServerComposer,
  type ServerParts,
  StartupError,
  startServer,
} from './server.ts';
export { type AuditCheck, checkAudit } from './services/audit-check.ts';
export {
  currentSignedHead,
  exportHead,
  headSigningKeys,
  publicKeyPem,
  type SignedAuditHead,
} from './services/audit-heads.ts';
export { addUser, type NewUserInput } from './services/users.ts';
export {
  checkLedger,
  type LedgerCheck,
  type LedgerDrift,
  rebuildLedger,
} from './services/vending/ledger-check.ts';
