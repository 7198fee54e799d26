import { type AuditAction, auditActions } from '@openami/contract';
import type { AuditEntry, LedgerEntryRow, Repositories } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { auditEntry } from '../audit.ts';
import { type CorrectionDetails, presentEntry, type SaleDetails } from './present.ts';

/** Who made a ledger entry, and when. */
export function operator(context: ServiceContext) {
  return {
    operatorUserId: context.principal.userId > 0 ? context.principal.userId : null,
    operatorName: context.principal.username,
    createdAt: context.now,
  };
}

/** The entry recorded for a request id, unless that id was first used for a different request. */
export function replayOrRefuse(
  recorded: { entry: LedgerEntryRow; replayed: boolean },
  fingerprint: string,
  requestId: string,
  written?: Partial<SaleDetails & CorrectionDetails>,
) {
  if (recorded.entry.requestFingerprint !== fingerprint)
    throw new AppError('REQUEST_ID_REUSED', { requestId });
  // A replay answers with what was stored; a new entry with the details it was just written with.
  const details = recorded.replayed ? undefined : written;
  return { replayed: recorded.replayed, ...presentEntry(recorded.entry, details) };
}

type MovementFacts = Pick<
  LedgerEntryRow,
  | 'id'
  | 'kind'
  | 'accountId'
  | 'requestId'
  | 'amountFen'
  | 'energyWh'
  | 'adjustmentWh'
  | 'invoiceNo'
  | 'refersToId'
>;

/** The audit action of a ledger entry's kind: `vending.sale`, `vending.charge`, … */
function movementAction(kind: string): AuditAction {
  const action = `vending.${kind}`;
  if (!(auditActions as readonly string[]).includes(action)) throw new Error(`no audit action for ${kind}`);
  return action as AuditAction;
}

/** The audit record of a money movement. */
export function movementAudit(context: ServiceContext, entry: MovementFacts): AuditEntry {
  return auditEntry(context, movementAction(entry.kind), 'account', entry.accountId, {
    entryId: entry.id,
    requestId: entry.requestId,
    amountFen: entry.amountFen,
    energyWh: entry.energyWh,
    adjustmentWh: entry.adjustmentWh,
    invoiceNo: entry.invoiceNo,
    refersToId: entry.refersToId,
  });
}

/** Every money movement goes to the audit log in its own transaction (DESIGN.md principle 3). */
export function auditMovement(context: ServiceContext, tx: Repositories, entry: LedgerEntryRow) {
  return tx.audit.append(movementAudit(context, entry));
}
