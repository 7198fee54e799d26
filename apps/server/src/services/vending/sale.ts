import {
  type CardSaleEnergy,
  type CardSalePlan,
  cardEnergyStepWh,
  cardSaleEnergy,
  energyForMoney,
  explainPriced,
  type Priced,
  planCardSale,
  pricedToJson,
  priceEnergy,
} from '@openami/domain';
import { canonicalJson, recordOnce } from '@openami/storage';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../http/context.ts';
import { accountInScope } from '../accounts.ts';
import { auditMovement } from './movement.ts';
import { presentEntry, type SaleDetails } from './present.ts';
import { refusalError, requireCard } from './refusals.ts';
import { loadSituation, type Situation } from './situation.ts';

/** 001 §3.3.1: the cashier enters the energy or the money. */
export type Purchase =
  | { readonly by: 'energy'; readonly energyWh: number }
  | { readonly by: 'money'; readonly amountFen: number };

export interface SaleInput {
  readonly requestId: string;
  readonly purchase: Purchase;
  /** The card as the cashier's reader read it; required for IC-card accounts. */
  readonly card?: unknown;
}

/** What a purchase comes to: its energy and its price, explained. */
interface PricedPurchase {
  readonly energyWh: number;
  readonly priced: Priced;
}

function pricePurchase(situation: Situation, purchase: Purchase): PricedPurchase {
  const { basis } = situation;
  if (purchase.by === 'energy') {
    const priced = priceEnergy({
      tariff: basis.tariff,
      cycleUsedWh: basis.cycleUsedWh,
      usage: { kind: 'advance', energyWh: purchase.energyWh },
    });
    return { energyWh: purchase.energyWh, priced };
  }
  // Card meters take whole meter-side kWh; remote accounts are credited to the Wh.
  const stepWh = situation.account.prepaidMode === 'card' ? cardEnergyStepWh(situation.meter.multiplier) : 1;
  const sale = energyForMoney({
    tariff: basis.tariff,
    cycleUsedWh: basis.cycleUsedWh,
    moneyFen: purchase.amountFen,
    stepWh,
  });
  if (sale === undefined) {
    throw refusalError({ code: 'money_buys_nothing', details: { amountFen: purchase.amountFen, stepWh } });
  }
  return sale;
}

export interface Quote {
  readonly accountId: number;
  readonly by: Purchase['by'];
  readonly energyWh: number;
  readonly amountFen: number;
  /** Money offered less the price: change to give back (buying by money only). */
  readonly changeFen: number;
  readonly price: ReturnType<typeof pricedToJson>;
  readonly explanation: readonly string[];
  readonly tariffKind: string;
  readonly tierCycle: string | null;
  /** For card accounts: what the card would carry, before the card in hand is checked. */
  readonly card: CardSaleEnergy | null;
}

/** A quote: the sale priced and explained, nothing written. The card in hand is checked at the sale. */
export async function quoteSale(
  context: ServiceContext,
  accountId: number,
  purchase: Purchase,
): Promise<Quote> {
  await accountInScope(context, accountId);
  const situation = await loadSituation(context.store, accountId, context);
  const { energyWh, priced } = pricePurchase(situation, purchase);
  let card: CardSaleEnergy | null = null;
  if (situation.account.prepaidMode === 'card') {
    const energy = cardSaleEnergy({ account: situation.card, purchasedWh: energyWh });
    if (!energy.ok) throw refusalError(energy.refusal);
    card = {
      writeKwh: energy.writeKwh,
      adjustmentAppliedWh: energy.adjustmentAppliedWh,
      presetDeductedKwh: energy.presetDeductedKwh,
    };
  }
  return {
    accountId,
    by: purchase.by,
    energyWh,
    amountFen: priced.amountFen,
    changeFen: purchase.by === 'money' ? purchase.amountFen - priced.amountFen : 0,
    price: pricedToJson(priced),
    explanation: explainPriced(priced, context.locale),
    tariffKind: situation.basis.tariff.kind,
    tierCycle: situation.basis.tierCycle,
    card,
  };
}

export function saleFingerprint(purchase: Purchase): string {
  return canonicalJson({ kind: 'sale', ...purchase });
}

/**
 * A sale (001 §3.3.1): priced by the tariff in force, checked by every card rule, written to the ledger with
 * a new invoice number and to the audit log in one transaction. The same request id returns the first sale,
 * however often and however concurrently it is repeated.
 */
export async function sell(context: ServiceContext, accountId: number, input: SaleInput) {
  await accountInScope(context, accountId);
  const fingerprint = saleFingerprint(input.purchase);
  const recorded = await recordOnce(
    context.store,
    { accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, accountId, context, profile);
      if (situation.account.state !== 'open') throw new AppError('ACCOUNT_CLOSED');
      const { energyWh, priced } = pricePurchase(situation, input.purchase);
      let plan: CardSalePlan | undefined;
      if (situation.account.prepaidMode === 'card') {
        const ruled = planCardSale({
          account: situation.card,
          card: requireCard(input.card),
          purchasedWh: energyWh,
        });
        if (!ruled.ok) throw refusalError(ruled.refusal);
        plan = ruled;
      }
      const invoiceNo = await tx.ledger.nextInvoiceNo();
      const details: SaleDetails = {
        by: input.purchase.by,
        offeredFen: input.purchase.by === 'money' ? input.purchase.amountFen : null,
        tariffKind: situation.basis.tariff.kind,
        price: pricedToJson(priced),
        explanation: { 'zh-CN': explainPriced(priced, 'zh-CN'), en: explainPriced(priced, 'en') },
        presetDeductedKwh: plan?.presetDeductedKwh ?? 0,
        card: plan?.card ?? null,
      };
      const entry = await tx.ledger.append({
        accountId,
        meterId: situation.meter.id,
        kind: 'sale',
        amountFen: priced.amountFen,
        energyWh,
        adjustmentWh: -(plan?.adjustmentAppliedWh ?? 0),
        purchaseCount: plan?.purchaseCount ?? null,
        writeKwh: plan?.writeKwh ?? null,
        refersToId: null,
        tierCycle: situation.basis.tierCycle,
        priceTypeVersionId: situation.basis.priceTypeVersionId,
        tariffVersionId: situation.basis.tariffVersionId,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        invoiceNo,
        operatorUserId: context.principal.userId > 0 ? context.principal.userId : null,
        operatorName: context.principal.username,
        details,
        createdAt: context.now,
      });
      await auditMovement(context, tx, entry);
      return entry;
    },
  );
  if (recorded.entry.requestFingerprint !== fingerprint) {
    throw new AppError('REQUEST_ID_REUSED', { requestId: input.requestId });
  }
  return { replayed: recorded.replayed, ...presentEntry(recorded.entry) };
}
