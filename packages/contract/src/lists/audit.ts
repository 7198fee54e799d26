// The audit log's closed lists: what is recorded, about what, and who acts without being a user. The web words
// each of them (locales `audit.*`); nothing in the log reaches a page as a code.

/** Every action the audit log records, by the part of the system that records it. */
export const auditActions = [
  'session.login',
  'session.loginFailed',
  'session.logout',
  'session.secondFactorFailed',
  'totp.enrolStart',
  'totp.enrol',
  'totp.disable',
  'totp.codeFailed',
  'user.passwordChange',
  'token.create',
  'token.revoke',
  'user.create',
  'user.update',
  'user.notifications',
  'area.create',
  'area.update',
  'area.delete',
  'area.read-now',
  'terminal.create',
  'terminal.update',
  'terminal.delete',
  'concentrator.create',
  'concentrator.update',
  'concentrator.delete',
  'meter.concentratorPoint',
  'meterType.create',
  'meterType.update',
  'meter.stockIn',
  'meter.stockInBatch',
  'meter.import',
  'meter.update',
  'meter.delete',
  'meter.read-now',
  'meter.command.requested',
  'meter.command.confirmed',
  'meter.command.failed',
  'customer.create',
  'customer.update',
  'customer.import',
  'account.open',
  'account.openBatch',
  'account.update',
  'account.close',
  'priceType.create',
  'priceType.update',
  'priceType.addTariff',
  'plan.created',
  'plan.updated',
  'plan.run-now',
  'alarm.acknowledged',
  'alarm.rule.set',
  'alarm.rule.removed',
  'vending.sale',
  'vending.cancel',
  'vending.refund',
  'vending.adjustment',
  'vending.charge',
  'vending.reprint',
  'vending.replaceCard',
  'vending.setPreset',
  'vending.replaceMeter',
  'vending.transferLockedCard',
  'vending.issueSpecialCard',
  'vending.readBackCard',
  'vending.ledgerDrift',
  'vending.ledgerCheck',
  'vending.ledgerRebuild',
  'vending.approvalRequested',
  'vending.approvalApproved',
  'vending.approvalRefused',
  'resident.codeRequested',
  'resident.signIn',
  'resident.signInFailed',
  'resident.signOut',
  'system.retention',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** What an audit entry is about (`entity`); its `entityId` is that thing's id, or `*` for a batch. */
export const auditEntities = [
  'user',
  'area',
  'terminal',
  'concentrator',
  'meterType',
  'meter',
  'customer',
  'account',
  'priceType',
  'reading plan',
  'alarm',
  'alarm rule',
  'card',
  'stored data',
  'approval',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

/**
 * Who acts without a user row, by the name entries carry (`actorName`, a ledger entry's `operatorName`): the
 * station's remote fee control, the collector, the console (`openami user add`, `openami read`) and the
 * demo's set-up. Residents act as `resident:<account no.>`.
 */
export const systemActors = ['station', 'collector', 'console', 'demo', 'retention'] as const;
export type SystemActor = (typeof systemActors)[number];

/** Where an entry came from when it was not over the network (`sourceIp`): this machine, or a console. */
export const localSources = ['local', 'console', 'demo'] as const;
export type LocalSource = (typeof localSources)[number];
