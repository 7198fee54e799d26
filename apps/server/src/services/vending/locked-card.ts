import { type CardImage, planLockedCardTransfer } from '@openami/domain';
import {
  type CardTransferRow,
  canonicalJson,
  constraintViolation,
  type Repositories,
} from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { accountInScope } from '../../policies/scope.ts';
import { recordAudit } from '../audit.ts';
import { operator } from './movement.ts';
import { refusalError, requireCard } from './refusals.ts';
import { loadSituation } from './situation.ts';

export interface LockedCardInput {
  /** Chosen by the client, once per transfer: repeating it returns the first result. */
  readonly requestId: string;
  /** The locked card as the reader read it (docs/card-image.md). */
  readonly lockedCard: unknown;
  /** The blank card that becomes the customer's card. */
  readonly newCard: unknown;
  readonly reason: string;
}

/** What a transfer keeps beside its figures, so that a replay answers exactly what the first answer said. */
interface TransferDetails {
  readonly reason: string;
  readonly reading: unknown;
  readonly card: CardImage;
  readonly discrepancies: readonly string[];
}

function presentTransfer(row: CardTransferRow, replayed: boolean) {
  const { requestFingerprint: _fingerprint, details, ...fields } = row;
  return { replayed, ...fields, ...(JSON.parse(details) as TransferDetails) };
}

export type TransferView = ReturnType<typeof presentTransfer>;

/**
 * 001 FAQ 12: a customer card locked by three wrong passwords. What it still shows moves to a blank card,
 * which becomes the account's card under the next serial; the locked card is recorded as void, so neither
 * it nor its id can be used again. The purchase on the new card is the ledger's (`planLockedCardTransfer`),
 * so a doctored image gains nothing. No money moves; the audit log records it. The same request id returns
 * the first transfer, however often it is repeated.
 */
export async function transferLockedCard(
  context: ServiceContext,
  accountId: number,
  input: LockedCardInput,
): Promise<TransferView> {
  await accountInScope(context, accountId);
  const lockedCard = requireCard(input.lockedCard);
  const newCard = requireCard(input.newCard);
  const fingerprint = canonicalJson({ kind: 'locked_card_transfer', lockedCard, newCard });
  const replay = (row: CardTransferRow) => {
    if (row.requestFingerprint !== fingerprint) {
      throw new AppError('REQUEST_ID_REUSED', { requestId: input.requestId });
    }
    return presentTransfer(row, true);
  };
  try {
    return await context.store.transaction(async (tx) => {
      const profile = await tx.ledger.lockAccount(accountId, context.now);
      const earlier = await tx.cardTransfers.byRequest(accountId, input.requestId);
      if (earlier !== undefined) return replay(earlier);
      return presentTransfer(
        await transfer(tx, context, accountId, profile, { ...input, lockedCard, newCard }, fingerprint),
        false,
      );
    });
  } catch (error) {
    if (constraintViolation(error) === 'unique') {
      const winner = await context.store.cardTransfers.byRequest(accountId, input.requestId);
      if (winner !== undefined) return replay(winner);
    }
    throw error;
  }
}

async function transfer(
  tx: Repositories,
  context: ServiceContext,
  accountId: number,
  profile: Awaited<ReturnType<Repositories['ledger']['lockAccount']>>,
  input: LockedCardInput & { readonly lockedCard: CardImage; readonly newCard: CardImage },
  fingerprint: string,
): Promise<CardTransferRow> {
  const situation = await loadSituation(tx, accountId, context, profile);
  if (situation.account.state !== 'open') throw new AppError('ACCOUNT_CLOSED');
  if (situation.account.prepaidMode !== 'card') {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ field: 'lockedCard', problem: 'the account is not an IC-card account' }],
    });
  }
  for (const card of [input.lockedCard, input.newCard]) {
    // A card voided by an earlier transfer stays void, whatever its image says now.
    if ((await tx.cardTransfers.voiding(card.cardId)) !== undefined) {
      throw refusalError({ code: 'card_void', details: { cardId: card.cardId } });
    }
  }
  const last =
    situation.balance.lastSaleId === null ? undefined : await tx.ledger.get(situation.balance.lastSaleId);
  const lastPurchase =
    last?.purchaseCount != null && last.writeKwh != null && last.meterId === situation.meter.id
      ? { purchaseCount: last.purchaseCount, purchaseKwh: last.writeKwh }
      : undefined;
  const plan = planLockedCardTransfer({
    account: situation.card,
    lockedCard: input.lockedCard,
    newCard: input.newCard,
    lastPurchase,
  });
  if (!plan.ok) throw refusalError(plan.refusal);
  await tx.ledger.updateProfile(accountId, { cardSerial: plan.card.data.cardSerial }, context.now);
  const details: TransferDetails = {
    reason: input.reason,
    reading: plan.reading,
    card: plan.card,
    discrepancies: plan.discrepancies,
  };
  const { operatorUserId, operatorName, createdAt } = operator(context);
  const row = await tx.cardTransfers.record({
    accountId,
    requestId: input.requestId,
    requestFingerprint: fingerprint,
    voidCardId: plan.voidCardId,
    newCardId: plan.card.cardId,
    newCardSerial: plan.card.data.cardSerial,
    purchaseCount: plan.card.data.purchaseCount,
    undeliveredKwh: plan.undeliveredKwh,
    operatorUserId,
    operatorName,
    details,
    createdAt,
  });
  await recordAudit(tx, context, 'vending.transferLockedCard', 'account', accountId, {
    transferId: row.id,
    requestId: input.requestId,
    reason: input.reason,
    voidCardId: plan.voidCardId,
    newCardId: plan.card.cardId,
    cardSerial: plan.card.data.cardSerial,
    purchaseCount: plan.card.data.purchaseCount,
    undeliveredKwh: plan.undeliveredKwh,
    discrepancies: plan.discrepancies.join('; '),
  });
  return row;
}
