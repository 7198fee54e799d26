export { type App, type AppOptions, buildApp } from './app.ts';
/** The TOTP code of a secret at a time: for end-to-end tests that play the user's authenticator app. */
export { totpCode } from './auth/totp.ts';
export { ConfigError, parseConfig, type ServerConfig } from './config.ts';
export { AppError, type ErrorCode, errorTable } from './errors.ts';
export { loggerOptions, scrubText, scrubValue } from './http/logging.ts';
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
export { type RetentionRemoval, runRetention } from './services/retention.ts';
export { addUser, type NewUserInput } from './services/users.ts';
export {
  checkLedger,
  type LedgerCheck,
  type LedgerDrift,
  rebuildLedger,
} from './services/vending/ledger-check.ts';
