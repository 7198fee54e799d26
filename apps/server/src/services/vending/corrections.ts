import { cancellationOf, checkCancel, checkRefund, customerCard, type RemoteStatus } from '@openami/domain';
import { canonicalJson, type LedgerFactsRow, recordOnce } from '@openami/storage';
import type { AppServices, ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { accountInScope } from '../../policies/scope.ts';
import { refuseOnDrift, reportDrift } from './ledger-check.ts';
import { refuseLocalRefund, requireNotInMeter } from './local.ts';
import { auditMovement, operator, replayOrRefuse } from './movement.ts';
import type { CorrectionDetails } from './present.ts';
import { refusalError, requireCard } from './refusals.ts';
import { recordRelay, remoteStatus, withRelay } from './remote.ts';
import { loadSituation } from './situation.ts';

/**
 * 撤销: cancels the account's latest sale while its card has not been loaded into the meter. A new entry moves
 * everything back; the sale stays as it was. The card is rewritten to the purchase before.
 */
export async function cancelSale(
  context: ServiceContext,
  services: Pick<AppServices, 'remote' | 'alarms' | 'field'>,
  saleId: number,
  input: { readonly requestId: string; readonly reason: string; readonly card?: unknown },
) {
  const sale = await context.store.ledger.get(saleId);
  if (sale === undefined || sale.kind !== 'sale')
    throw new AppError('NOT_FOUND', { entity: 'sale', id: saleId });
  await accountInScope(context, sale.accountId);
  const fingerprint = canonicalJson({ kind: 'cancel', saleId });
  const recorded = await recordOnce(
    context.store,
    { accountId: sale.accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, sale.accountId, context, profile);
      // A local sale's money can come back only when the meter certainly does not hold it.
      if (situation.account.prepaidMode === 'local') await requireNotInMeter(tx, sale.id);
      refuseOnDrift(situation);
      let cardLoaded: boolean | undefined;
      let card: CorrectionDetails['card'] = null;
      if (situation.account.prepaidMode === 'card') {
        const image = requireCard(input.card);
        const data = image.data;
        // The card brought back must be the one carrying this sale.
        if (data.kind !== 'customer' || data.purchaseCount !== sale.purchaseCount) {
          throw refusalError({ code: 'cancel_not_last_sale', details: { entryId: sale.id } });
        }
        cardLoaded = data.loaded;
        // A cancel is rare: the account's entries are read here, not on every sale.
        const entries = await tx.ledger.facts(sale.accountId);
        const previousId = previousLiveSale(entries, sale.id);
        const previous = entries.find((e) => e.id === previousId);
        const purchaseCount = (sale.purchaseCount ?? 1) - 1;
        // Loaded again as the meter last said, when the card still carries its word for that purchase.
        const meterData = data.meterData?.purchaseCount === purchaseCount ? data.meterData : null;
        card = {
          ...customerCard(situation.card, { purchaseCount, purchaseKwh: previous?.writeKwh ?? 0 }),
          loaded: purchaseCount === 0 || meterData !== null,
          meterData,
        };
      }
      const ruled = checkCancel({ sale, balance: situation.balance, cardLoaded });
      if (!ruled.ok) throw refusalError(ruled.refusal);
      const reversal = cancellationOf(sale);
      const details: CorrectionDetails = { reason: input.reason, card };
      const entry = await tx.ledger.append({
        accountId: sale.accountId,
        ...reversal,
        writeKwh: null,
        priceTypeVersionId: sale.priceTypeVersionId,
        tariffVersionId: sale.tariffVersionId,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        invoiceNo: null,
        details,
        ...operator(context),
      });
      await auditMovement(context, tx, entry);
      // A trip the money taken back calls for is on record with it (see `recordRelay`).
      await recordRelay(tx, services, situation, entry, context.now);
      return entry;
    },
  ).catch(async (error: unknown) => {
    await reportDrift(context, services.alarms, error);
    throw error;
  });
  const result = replayOrRefuse(recorded, fingerprint, input.requestId);
  return withRelay(services.remote, {
    ...result,
    remote: await remoteAfter(context, sale.accountId, recorded),
  });
}

/**
 * What a correction calls for on a remote account's relay: money taken back can take the balance to the
 * trip threshold (002), and the meter is then tripped as after a charge (the relay command is sent here,
 * once per entry). Null for other accounts.
 */
async function remoteAfter(
  context: ServiceContext,
  accountId: number,
  recorded: { entry: { amountFen: number }; replayed: boolean },
): Promise<RemoteStatus | null> {
  const situation = await loadSituation(context.store, accountId, context);
  if (situation.account.prepaidMode !== 'remote') return null;
  return remoteStatus(context.store, situation, recorded.replayed ? 0 : recorded.entry.amountFen);
}

/** The live sale before `saleId`, skipping cancelled ones: what the card held before it. */
function previousLiveSale(entries: readonly LedgerFactsRow[], saleId: number): number | undefined {
  const cancelled = new Set(entries.filter((e) => e.kind === 'cancel').map((e) => e.refersToId));
  return entries.filter((e) => e.kind === 'sale' && e.id < saleId && !cancelled.has(e.id)).at(-1)?.id;
}

/** 退费: money paid back (and the energy it paid for taken back), never more than the account holds. */
export async function refund(
  context: ServiceContext,
  services: Pick<AppServices, 'remote' | 'alarms' | 'field'>,
  accountId: number,
  input: {
    readonly requestId: string;
    readonly amountFen: number;
    readonly energyWh: number;
    readonly reason: string;
  },
) {
  await accountInScope(context, accountId);
  const fingerprint = canonicalJson({ kind: 'refund', amountFen: input.amountFen, energyWh: input.energyWh });
  const recorded = await recordOnce(
    context.store,
    { accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, accountId, context, profile);
      // The money of a local account is in its meter; no refund entry can take it back out. A top-up the
      // meter did not take is cancelled instead (its sale reversed, its purchase count freed).
      if (situation.account.prepaidMode === 'local')
        await refuseLocalRefund(tx, situation.balance.lastSaleId);
      refuseOnDrift(situation);
      const ruled = checkRefund({
        balance: situation.balance,
        amountFen: input.amountFen,
        energyWh: input.energyWh,
      });
      if (!ruled.ok) throw refusalError(ruled.refusal);
      const details: CorrectionDetails = { reason: input.reason };
      const entry = await tx.ledger.appendInvoiced({
        accountId,
        meterId: situation.meter.id,
        kind: 'refund',
        amountFen: -input.amountFen,
        energyWh: -input.energyWh,
        adjustmentWh: 0,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: situation.basis.priceTypeVersionId,
        tariffVersionId: situation.basis.tariffVersionId,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        details,
        ...operator(context),
      });
      await auditMovement(context, tx, entry);
      // A trip the money taken back calls for is on record with it (see `recordRelay`).
      await recordRelay(tx, services, situation, entry, context.now);
      return entry;
    },
  ).catch(async (error: unknown) => {
    await reportDrift(context, services.alarms, error);
    throw error;
  });
  const result = replayOrRefuse(recorded, fingerprint, input.requestId);
  return withRelay(services.remote, { ...result, remote: await remoteAfter(context, accountId, recorded) });
}

/**
 * 找补电量 (001 appendix 3): energy owed to the customer (+, e.g. a replaced meter's remaining energy, FAQ 8)
 * or owed back (−, an audit found energy used off the meter). The next sale carries it onto the card.
 */
export async function adjust(
  context: ServiceContext,
  accountId: number,
  input: { readonly requestId: string; readonly adjustmentWh: number; readonly reason: string },
) {
  await accountInScope(context, accountId);
  const fingerprint = canonicalJson({ kind: 'adjustment', adjustmentWh: input.adjustmentWh });
  const recorded = await recordOnce(
    context.store,
    { accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, accountId, context, profile);
      const details: CorrectionDetails = { reason: input.reason };
      const entry = await tx.ledger.append({
        accountId,
        meterId: situation.meter.id,
        kind: 'adjustment',
        amountFen: 0,
        energyWh: 0,
        adjustmentWh: input.adjustmentWh,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: null,
        tariffVersionId: null,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        invoiceNo: null,
        details,
        ...operator(context),
      });
      await auditMovement(context, tx, entry);
      return entry;
    },
  );
  return replayOrRefuse(recorded, fingerprint, input.requestId);
}
