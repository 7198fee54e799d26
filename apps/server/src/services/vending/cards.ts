import { type CustomerCardData, replacementCard } from '@openami/domain';
import { type CardReplacementRow, canonicalJson, constraintViolation } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { accountInScope } from '../../policies/scope.ts';
import { recordAudit } from '../audit.ts';
import { operator } from './movement.ts';
import { loadSituation } from './situation.ts';

/** What a replacement answers; kept with it, so that a repeated request answers the same. */
interface ReplacementDetails {
  readonly reason: string;
  readonly card: CustomerCardData;
}

/**
 * 补卡 (001 §4.1.4, FAQ 2, 3, 12): a lost or locked card is replaced by one carrying the last purchase under
 * the next card serial; the old card is refused from then on. No money moves; the audit log records it. The
 * same request id returns the first replacement's card (a retried request must not void the card its first
 * answer had written), however often and however concurrently it is repeated.
 */
export async function replaceCard(
  context: ServiceContext,
  accountId: number,
  input: { readonly requestId: string; readonly reason: string },
) {
  await accountInScope(context, accountId);
  const fingerprint = canonicalJson({ kind: 'card_replacement', reason: input.reason });
  const replay = (row: CardReplacementRow) => {
    if (row.requestFingerprint !== fingerprint) {
      throw new AppError('REQUEST_ID_REUSED', { requestId: input.requestId });
    }
    return { replayed: true, accountId, card: (JSON.parse(row.details) as ReplacementDetails).card };
  };
  try {
    return await context.store.transaction(async (tx) => {
      const profile = await tx.ledger.lockAccount(accountId, context.now);
      const earlier = await tx.cardTransfers.replacementByRequest(accountId, input.requestId);
      if (earlier !== undefined) return replay(earlier);
      const situation = await loadSituation(tx, accountId, context, profile);
      const last =
        situation.balance.lastSaleId === null ? undefined : await tx.ledger.get(situation.balance.lastSaleId);
      const lastPurchase =
        last?.purchaseCount != null && last.writeKwh != null && last.meterId === situation.meter.id
          ? { purchaseCount: last.purchaseCount, purchaseKwh: last.writeKwh }
          : undefined;
      const card = replacementCard(situation.card, lastPurchase);
      await tx.ledger.updateProfile(accountId, { cardSerial: card.cardSerial }, context.now);
      const details: ReplacementDetails = { reason: input.reason, card };
      const { operatorUserId, operatorName, createdAt } = operator(context);
      await tx.cardTransfers.recordReplacement({
        accountId,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        cardSerial: card.cardSerial,
        operatorUserId,
        operatorName,
        details,
        createdAt,
      });
      await recordAudit(tx, context, 'vending.replaceCard', 'account', accountId, {
        requestId: input.requestId,
        reason: input.reason,
        cardSerial: card.cardSerial,
        purchaseCount: card.purchaseCount,
      });
      return { replayed: false, accountId, card };
    });
  } catch (error) {
    if (constraintViolation(error) === 'unique') {
      const winner = await context.store.cardTransfers.replacementByRequest(accountId, input.requestId);
      if (winner !== undefined) return replay(winner);
    }
    throw error;
  }
}

/**
 * 预置电量 (001 §4.1.3, appendix 3): records the preset card's credit given to the account's meter at
 * installation, so the first sale can deduct it (JB/T 8382) or require more than it (both standards).
 */
export async function setPresetEnergy(
  context: ServiceContext,
  accountId: number,
  input: { readonly presetKwh: number },
) {
  await accountInScope(context, accountId);
  return context.store.transaction(async (tx) => {
    const before = await tx.ledger.lockAccount(accountId, context.now);
    const after = await tx.ledger.updateProfile(accountId, { presetKwh: input.presetKwh }, context.now);
    await recordAudit(tx, context, 'vending.setPreset', 'account', accountId, {
      presetKwh: [before.presetKwh, after.presetKwh],
    });
    return { accountId, presetKwh: after.presetKwh, cardSerial: after.cardSerial };
  });
}
